using System.Text;

namespace Conductor.Generated.Testing;

/// <summary>
/// A read position over a path's text with the look-ahead helpers the path and filter readers
/// need (the role of Jayway's CharacterIndex): significant characters skip spaces, and quoted
/// strings can be skipped when looking for a closing bracket.
/// </summary>
internal sealed class JsonPathText
{
    private readonly string _text;
    private int _end; // exclusive

    public JsonPathText(string text)
    {
        _text = text;
        _end = text.Length;
    }

    public int Position { get; set; }

    public int End => _end;

    public bool InBounds() => Position < _end;

    public bool InBounds(int index) => index >= 0 && index < _end;

    public bool IsTail => Position >= _end - 1;

    public char Current => At(Position);

    public char At(int index) => InBounds(index) ? _text[index] : throw new JsonPathSyntaxException($"Unexpected end of path at position {index}");

    public bool CurrentIs(char c) => InBounds() && _text[Position] == c;

    public bool NextIs(char c) => InBounds(Position + 1) && _text[Position + 1] == c;

    public bool LastIs(char c) => _end > 0 && _text[_end - 1] == c;

    public string Slice(int start, int endExclusive) => _text[start..endExclusive];

    public void Trim()
    {
        while (Position < _end && _text[Position] == ' ')
        {
            Position++;
        }

        while (_end > Position + 1 && _text[_end - 1] == ' ')
        {
            _end--;
        }
    }

    public void DropLast() => _end--;

    public static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\n';

    public JsonPathText SkipBlanks()
    {
        while (InBounds() && _text[Position] == ' ')
        {
            Position++;
        }

        return this;
    }

    /// <summary>The index of the first character after <paramref name="from"/> that is not a space, or -1.</summary>
    public int NextSignificantIndex(int from)
    {
        var index = from + 1;
        while (InBounds(index) && _text[index] == ' ')
        {
            index++;
        }

        return InBounds(index) ? index : -1;
    }

    public char NextSignificantChar(int from)
    {
        var index = NextSignificantIndex(from);
        return index < 0 ? ' ' : _text[index];
    }

    public char NextSignificantChar() => NextSignificantChar(Position);

    public bool NextSignificantIs(int from, char c) => NextSignificantChar(from) == c;

    /// <summary>The index of <paramref name="c"/> if it is the next character after <paramref name="from"/> that is not a space, else -1.</summary>
    public int IndexOfNextSignificant(int from, char c)
    {
        var index = NextSignificantIndex(from);
        return index >= 0 && _text[index] == c ? index : -1;
    }

    public int IndexOf(int from, char c)
    {
        for (var index = from; index < _end; index++)
        {
            if (_text[index] == c)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The index of the next <paramref name="c"/> after <paramref name="from"/> not preceded by a backslash escape, or -1.</summary>
    public int NextUnescaped(int from, char c)
    {
        var escaped = false;
        for (var index = from + 1; index < _end; index++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (_text[index] == '\\')
            {
                escaped = true;
            }
            else if (_text[index] == c)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The index closing the bracket opened at <paramref name="start"/>, skipping quoted strings (and /regexes/), or -1.</summary>
    public int MatchingClose(int start, char open, char close, bool skipRegex)
    {
        if (At(start) != open)
        {
            throw new JsonPathSyntaxException($"Expected {open} but found {At(start)}");
        }

        var depth = 1;
        var index = start + 1;
        while (InBounds(index))
        {
            var c = _text[index];
            if (c is '\'' or '"')
            {
                index = NextUnescaped(index, c);
                if (index < 0)
                {
                    throw new JsonPathSyntaxException($"Could not find matching close quote for {c}");
                }

                index++;
                if (!InBounds(index))
                {
                    return -1;
                }

                c = _text[index];
            }

            if (skipRegex && c == '/')
            {
                index = NextUnescaped(index, '/');
                if (index < 0)
                {
                    throw new JsonPathSyntaxException("Could not find matching close for / when parsing regex");
                }

                index++;
                if (!InBounds(index))
                {
                    return -1;
                }

                c = _text[index];
            }

            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return index;
            }

            index++;
        }

        return -1;
    }

    /// <summary>Reads <paramref name="expected"/> after blanks and moves past it; false (position unchanged) when it is not there.</summary>
    public bool TryRead(string expected)
    {
        SkipBlanks();
        if (Position + expected.Length > _end || string.CompareOrdinal(_text, Position, expected, 0, expected.Length) != 0)
        {
            return false;
        }

        Position += expected.Length;
        return true;
    }

    public void Read(char expected)
    {
        if (SkipBlanks().InBounds() && Current == expected)
        {
            Position++;
            return;
        }

        throw new JsonPathSyntaxException($"Expected character: {expected}");
    }

    /// <summary>The index of the character before the position that is not a space, or -1.</summary>
    public int PreviousSignificantIndex(int from)
    {
        var index = from - 1;
        while (index >= 0 && _text[index] == ' ')
        {
            index--;
        }

        return index;
    }

    public override string ToString() => _text;

    /// <summary>Removes backslash escapes as Jayway's Utils#unescape does (\n, \t, \uXXXX, \' ...).</summary>
    public static string Unescape(string text)
    {
        if (text.IndexOf('\\') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (index == text.Length - 1)
            {
                builder.Append('\\');
                break;
            }

            var next = text[++index];
            switch (next)
            {
                case 'r': builder.Append('\r'); break;
                case 'f': builder.Append('\f'); break;
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'b': builder.Append('\b'); break;
                case 'u':
                    if (index + 4 >= text.Length || !int.TryParse(text.AsSpan(index + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonPathSyntaxException($"Unable to parse unicode value in {text}");
                    }

                    builder.Append((char)code);
                    index += 4;
                    break;
                default: builder.Append(next); break;
            }
        }

        return builder.ToString();
    }
}
