using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

// The runtime's analysis level asks for span APIs and Dictionary.TryAdd, which netstandard2.0 lacks.
#pragma warning disable CA1845, CA1846, CA1864
// Shared source: compiled into the workflow analyzer (netstandard2.0) and linked into the runtime
// (Conductor.Generated), so a workflow is checked the same way at build time and at run time.
// No Roslyn, no System.Text.Json, no reflection here.
namespace Conductor.Generated.WorkflowChecks;

/// <summary>Where a value is written in its JSON text: a start offset and a length, in characters.</summary>
internal readonly struct JsonSpan
{
    public JsonSpan(int start, int length)
    {
        Start = start;
        Length = length;
    }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public static JsonSpan FromBounds(int start, int end) => new(start, end - start);
}

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>One member of a JSON object: its name, where the name is written, and its value.</summary>
internal sealed class JsonMember
{
    public JsonMember(string name, JsonSpan nameSpan, JsonValue value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    public JsonSpan NameSpan { get; }

    public JsonValue Value { get; }
}

/// <summary>
/// A JSON value and where it is written in its text, so that a diagnostic can point at it. Read by
/// <see cref="JsonReader"/>; the analyzer needs no JSON library (none loads reliably in every
/// compiler host a netstandard2.0 analyzer runs in).
/// </summary>
internal sealed class JsonValue
{
    private static readonly IReadOnlyList<JsonMember> NoMembers = Array.Empty<JsonMember>();
    private static readonly IReadOnlyList<JsonValue> NoItems = Array.Empty<JsonValue>();

    private JsonValue(JsonKind kind, JsonSpan span, string? text, IReadOnlyList<JsonMember> members, IReadOnlyList<JsonValue> items)
    {
        Kind = kind;
        Span = span;
        Text = text;
        Members = members;
        Items = items;
    }

    public JsonKind Kind { get; }

    public JsonSpan Span { get; }

    /// <summary>A string's value, or a number as written.</summary>
    public string? Text { get; }

    public IReadOnlyList<JsonMember> Members { get; }

    public IReadOnlyList<JsonValue> Items { get; }

    /// <summary>The object or array holding this value; null for the root.</summary>
    public JsonValue? Parent { get; private set; }

    /// <summary>The member name under which the parent object holds this value, or null in an array.</summary>
    public string? Key { get; private set; }

    /// <summary>The position in the parent array.</summary>
    public int Index { get; private set; }

    /// <summary>
    /// Where the value is in the document, as a JSON path: <c>$.tasks[1].inputParameters.amount</c>
    /// (a name that is not a plain identifier is written <c>['a name']</c>).
    /// </summary>
    public string Path
    {
        get
        {
            var segments = new List<string>();
            for (var value = this; value.Parent is not null; value = value.Parent)
            {
                segments.Add(value.Key is null
                    ? "[" + value.Index.ToString(CultureInfo.InvariantCulture) + "]"
                    : IsPlainName(value.Key) ? "." + value.Key : "['" + value.Key.Replace("\\", "\\\\").Replace("'", "\\'") + "']");
            }

            var builder = new StringBuilder("$");
            for (var index = segments.Count - 1; index >= 0; index--)
            {
                builder.Append(segments[index]);
            }

            return builder.ToString();
        }
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var character in name)
        {
            if (!(character == '_' || character is >= 'a' and <= 'z' || character is >= 'A' and <= 'Z' || character is >= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    public static JsonValue Scalar(JsonKind kind, JsonSpan span, string? text) => new(kind, span, text, NoMembers, NoItems);

    public static JsonValue Object(JsonSpan span, IReadOnlyList<JsonMember> members)
    {
        var value = new JsonValue(JsonKind.Object, span, null, members, NoItems);
        foreach (var member in members)
        {
            member.Value.Parent = value;
            member.Value.Key = member.Name;
        }

        return value;
    }

    public static JsonValue ArrayOf(JsonSpan span, IReadOnlyList<JsonValue> items)
    {
        var value = new JsonValue(JsonKind.Array, span, null, NoMembers, items);
        for (var index = 0; index < items.Count; index++)
        {
            items[index].Parent = value;
            items[index].Index = index;
        }

        return value;
    }

    /// <summary>The first member of that name (the server's Jackson keeps the last; a repeated name is rare enough).</summary>
    public JsonMember? Member(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }

    public JsonValue? this[string name] => Member(name)?.Value;

    public string? StringOf(string name) => this[name] is { Kind: JsonKind.String } value ? value.Text : null;

    /// <summary>A number with no fraction or exponent that is not zero after them, as the binder reads whole numbers.</summary>
    public bool IsWholeNumber()
    {
        if (Kind != JsonKind.Number || Text is null)
        {
            return false;
        }

        return decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? decimal.Truncate(value) == value
            : double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var large) && Math.Floor(large) == large;
    }
}

/// <summary>The text is not JSON: what was wrong and where.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public int Position { get; }
}

/// <summary>A strict JSON reader (RFC 8259) that keeps the span of every value and member name.</summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 256;

    private readonly string _text;
    private int _position;

    private JsonReader(string text)
    {
        _text = text;
    }

    public static JsonValue Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipWhitespace();
        if (reader._position < text.Length && text[reader._position] == '\uFEFF')
        {
            reader._position++;
            reader.SkipWhitespace();
        }

        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position < text.Length)
        {
            throw new JsonSyntaxException("unexpected '" + text[reader._position] + "' after the end of the JSON value", reader._position);
        }

        return value;
    }

    /// <summary>
    /// The value of a leading <c>"name"</c> member of an object, read without parsing the rest; null
    /// when the object does not start with it.
    /// </summary>
    public static string? LeadingName(string text)
    {
        var reader = new JsonReader(text);
        try
        {
            reader.SkipWhitespace();
            reader.Expect('{');
            reader.SkipWhitespace();
            if (reader.Peek() != '"' || reader.ReadString() != "name")
            {
                return null;
            }

            reader.SkipWhitespace();
            reader.Expect(':');
            reader.SkipWhitespace();
            return reader.Peek() == '"' ? reader.ReadString() : null;
        }
        catch (JsonSyntaxException)
        {
            return null;
        }
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxException("the JSON is nested more than " + MaxDepth + " levels deep", _position);
        }

        if (_position >= _text.Length)
        {
            throw new JsonSyntaxException("the JSON ends where a value was expected", _position);
        }

        var start = _position;
        switch (_text[_position])
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                var text = ReadString();
                return JsonValue.Scalar(JsonKind.String, JsonSpan.FromBounds(start, _position), text);
            case 't':
                return ReadLiteral("true", JsonKind.True);
            case 'f':
                return ReadLiteral("false", JsonKind.False);
            case 'n':
                return ReadLiteral("null", JsonKind.Null);
            default:
                if (_text[_position] == '-' || IsDigit(_text[_position]))
                {
                    return ReadNumber();
                }

                throw new JsonSyntaxException("unexpected '" + _text[_position] + "' where a value was expected", _position);
        }
    }

    private JsonValue ReadObject(int depth)
    {
        var start = _position++;
        var members = new List<JsonMember>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return JsonValue.Object(JsonSpan.FromBounds(start, _position), members);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonSyntaxException("a property name in double quotes was expected", _position);
            }

            var nameStart = _position;
            var name = ReadString();
            var nameSpan = JsonSpan.FromBounds(nameStart, _position);
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            members.Add(new JsonMember(name, nameSpan, ReadValue(depth + 1)));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                return JsonValue.Object(JsonSpan.FromBounds(start, _position), members);
            }

            if (next != ',')
            {
                throw new JsonSyntaxException("',' or '}' was expected after a property value", _position - 1);
            }
        }
    }

    private JsonValue ReadArray(int depth)
    {
        var start = _position++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return JsonValue.ArrayOf(JsonSpan.FromBounds(start, _position), items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                return JsonValue.ArrayOf(JsonSpan.FromBounds(start, _position), items);
            }

            if (next != ',')
            {
                throw new JsonSyntaxException("',' or ']' was expected after an array element", _position - 1);
            }
        }
    }

    private string ReadString()
    {
        var start = _position;
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new JsonSyntaxException("a string is not closed", start);
            }

            var character = _text[_position++];
            if (character == '"')
            {
                return builder.ToString();
            }

            if (character < ' ')
            {
                throw new JsonSyntaxException("a control character must be escaped in a string", _position - 1);
            }

            if (character != '\\')
            {
                builder.Append(character);
                continue;
            }

            var escape = Peek();
            _position++;
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonSyntaxException("'\\u' must be followed by four hexadecimal digits", _position - 2);
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new JsonSyntaxException("unknown escape sequence in a string", _position - 2);
            }
        }
    }

    private JsonValue ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (IsDigit(Peek()))
        {
            SkipDigits();
        }
        else
        {
            throw new JsonSyntaxException("a digit was expected in a number", _position);
        }

        if (Peek() == '.')
        {
            _position++;
            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxException("a digit was expected after the decimal point", _position);
            }

            SkipDigits();
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxException("a digit was expected in the exponent", _position);
            }

            SkipDigits();
        }

        return JsonValue.Scalar(JsonKind.Number, JsonSpan.FromBounds(start, _position), _text.Substring(start, _position - start));
    }

    private JsonValue ReadLiteral(string literal, JsonKind kind)
    {
        var start = _position;
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxException("unexpected '" + _text[_position] + "' where a value was expected", _position);
        }

        _position += literal.Length;
        return JsonValue.Scalar(kind, JsonSpan.FromBounds(start, _position), null);
    }

    private void SkipDigits()
    {
        while (IsDigit(Peek()))
        {
            _position++;
        }
    }

    private void Expect(char expected)
    {
        if (Peek() != expected)
        {
            throw new JsonSyntaxException("'" + expected + "' was expected", _position);
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private static bool IsDigit(char character) => character is >= '0' and <= '9';
}
