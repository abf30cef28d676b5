using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Conductor.Generated.Generator;

/// <summary>
/// Writes compact JSON text (the generator cannot use System.Text.Json): objects, arrays,
/// strings and numbers, with the commas between members placed for the caller. No whitespace:
/// the text is a constant in every worker's generated file, where its size counts.
/// </summary>
internal sealed class JsonTextBuilder
{
    private readonly StringBuilder _text = new StringBuilder();

    // Per open object or array: whether it has a member yet.
    private readonly Stack<bool> _hasMembers = new Stack<bool>();
    private bool _afterPropertyName;

    public JsonTextBuilder StartObject() => Open('{');

    public JsonTextBuilder EndObject() => Close('}');

    public JsonTextBuilder StartArray() => Open('[');

    public JsonTextBuilder EndArray() => Close(']');

    public JsonTextBuilder PropertyName(string name)
    {
        BeforeValue();
        AppendString(name);
        _text.Append(':');
        _afterPropertyName = true;
        return this;
    }

    public JsonTextBuilder String(string value)
    {
        BeforeValue();
        AppendString(value);
        return this;
    }

    public JsonTextBuilder Number(long value)
    {
        BeforeValue();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>A number, boolean or other JSON literal written as it is.</summary>
    public JsonTextBuilder Literal(string json)
    {
        BeforeValue();
        _text.Append(json);
        return this;
    }

    public JsonTextBuilder Boolean(bool value) => Literal(value ? "true" : "false");

    /// <summary>A value written as it is: JSON text, possibly with <see cref="SchemaCatalog"/> references in it.</summary>
    public JsonTextBuilder Raw(string text) => Literal(text);

    /// <summary>A JSON string literal of <paramref name="value"/>.</summary>
    public static string Quote(string value) => new JsonTextBuilder().String(value).ToString();

    public override string ToString() => _text.ToString();

    private JsonTextBuilder Open(char bracket)
    {
        BeforeValue();
        _text.Append(bracket);
        _hasMembers.Push(false);
        return this;
    }

    private JsonTextBuilder Close(char bracket)
    {
        _hasMembers.Pop();
        _text.Append(bracket);
        return this;
    }

    private void BeforeValue()
    {
        if (_afterPropertyName)
        {
            _afterPropertyName = false;
            return;
        }

        if (_hasMembers.Count == 0)
        {
            return;
        }

        if (_hasMembers.Pop())
        {
            _text.Append(',');
        }

        _hasMembers.Push(true);
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        foreach (var character in value)
        {
            switch (character)
            {
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                case '\r':
                    _text.Append("\\r");
                    break;
                case '\t':
                    _text.Append("\\t");
                    break;
                default:
                    if (character < ' ' || character is '<' or '>' or '&' or '\u2028' or '\u2029')
                    {
                        _text.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(character);
                    }

                    break;
            }
        }

        _text.Append('"');
    }
}
