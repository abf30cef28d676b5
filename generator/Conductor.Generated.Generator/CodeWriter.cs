using System;
using System.Text;

namespace Conductor.Generated.Generator;

/// <summary>Writes indented C# text, one line at a time.</summary>
internal sealed class CodeWriter
{
    private const string Indentation = "    ";
    private readonly StringBuilder _text = new StringBuilder();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            for (var level = 0; level < _depth; level++)
            {
                _text.Append(Indentation);
            }

            _text.Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <paramref name="close"/>.</summary>
    public IDisposable Block(string? header = null, string close = "}")
    {
        if (header != null)
        {
            Line(header);
        }

        Line("{");
        _depth++;
        return new Scope(this, close);
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly string _close;

        public Scope(CodeWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.Line(_close);
        }
    }
}
