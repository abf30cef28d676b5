using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conductor.Generated.Testing;

/// <summary>A compiled filter expression, the part between <c>[?(</c> and <c>)]</c>.</summary>
internal abstract class JsonPathFilter
{
    /// <summary>Whether <paramref name="item"/> (<c>@</c>) passes; <paramref name="root"/> is <c>$</c>.</summary>
    public abstract bool Matches(JsonNode? item, JsonNode? root, bool strict);
}

/// <summary><c>&amp;&amp;</c>, <c>||</c> and <c>!</c> (LogicalExpressionNode).</summary>
internal sealed class LogicalFilter(string op, IReadOnlyList<JsonPathFilter> operands) : JsonPathFilter
{
    public override bool Matches(JsonNode? item, JsonNode? root, bool strict)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return op switch
        {
            "||" => operands.Any(operand => operand.Matches(item, root, strict)),
            "&&" => operands.All(operand => operand.Matches(item, root, strict)),
            _ => !operands[0].Matches(item, root, strict),
        };
    }
}

/// <summary><c>left op right</c>, or an existence check <c>@.x</c> / <c>!@.x</c> (RelationalExpressionNode).</summary>
internal sealed class RelationalFilter(FilterOperand left, string op, FilterOperand right) : JsonPathFilter
{
    public override bool Matches(JsonNode? item, JsonNode? root, bool strict)
    {
        if (op == ExistenceCheck)
        {
            var path = (PathOperand)left;
            return path.Exists(item, root) == ((BooleanOperand)right).Value;
        }

        var l = left is PathOperand leftPath ? leftPath.Evaluate(item, root, strict) : left;
        var r = right is PathOperand rightPath ? rightPath.Evaluate(item, root, strict) : right;
        return op == "EXISTS" ? ExistsOperator(l, r) : FilterEvaluators.Evaluate(l, op, r);
    }

    /// <summary>The operator of the existence check <c>[?(@.x)]</c> / <c>[?(!@.x)]</c>, which no filter text can spell.</summary>
    internal const string ExistenceCheck = "\0exists";

    /// <summary>
    /// EvaluatorFactory.ExistsEvaluator, for <c>exists</c> written as an operator: both sides
    /// compared as booleans. Neither side a boolean: a JsonPathException, which escapes the
    /// filter and makes the whole read null; one side not a boolean: an InvalidPathException,
    /// which makes this element not match (PredicatePathToken#accept).
    /// </summary>
    private static bool ExistsOperator(FilterOperand left, FilterOperand right)
    {
        if (left is not BooleanOperand && right is not BooleanOperand)
        {
            throw new JsonPathEvaluationException("Failed to evaluate exists expression");
        }

        if (left is not BooleanOperand l || right is not BooleanOperand r)
        {
            throw new JsonPathInvalidAtRuntimeException("Expected boolean node");
        }

        return l.Value == r.Value;
    }
}

/// <summary>A value in a filter (ValueNode): a literal, a path, a pattern or a JSON literal.</summary>
internal abstract record FilterOperand;

internal sealed record StringOperand(string Value) : FilterOperand;

/// <summary>A number; <see cref="Text"/> is how Java's BigDecimal writes it, for comparisons with strings.</summary>
internal sealed record NumberOperand(decimal? Decimal, double Double, string Text) : FilterOperand
{
    public static NumberOperand? TryParse(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || text.Length == 0 || text.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        decimal? exact = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return new NumberOperand(exact, number, text);
    }

    public int CompareTo(NumberOperand other) =>
        Decimal is { } mine && other.Decimal is { } theirs ? mine.CompareTo(theirs) : Double.CompareTo(other.Double);
}

internal sealed record BooleanOperand(bool Value) : FilterOperand;

internal sealed record NullOperand : FilterOperand;

/// <summary>A path's value that is missing where a missing value cannot read as null (UndefinedNode).</summary>
internal sealed record UndefinedOperand : FilterOperand;

/// <summary>An object or array: a JSON literal or a path's value (JsonNode); null <see cref="Value"/> when the literal does not parse.</summary>
internal sealed record JsonOperand(JsonNode? Value, string? Unparsable) : FilterOperand;

/// <summary><c>/regex/flags</c> (PatternNode).</summary>
internal sealed record PatternOperand(Regex Regex) : FilterOperand;

/// <summary><c>@...</c> or <c>$...</c> (PathNode).</summary>
internal sealed record PathOperand(JsonPathQuery Path, bool ShouldExist) : FilterOperand
{
    /// <summary>
    /// ValueNodes.PathNode#evaluate: <c>@</c> paths read the item, <c>$</c> paths the document,
    /// with the reading's own options (SUPPRESS_EXCEPTIONS in the real server, so a missing
    /// value reads as null); the value becomes a string, number, boolean, null or JSON node.
    /// </summary>
    public FilterOperand Evaluate(JsonNode? item, JsonNode? root, bool strict)
    {
        JsonNode? value;
        try
        {
            value = Path.Value(Path.IsRootPath ? root : item, root, strict);
        }
        catch (JsonPathNotFoundException)
        {
            return new UndefinedOperand();
        }

        return FilterEvaluators.ToOperand(value);
    }

    /// <summary>
    /// An existence check reads with REQUIRE_PROPERTIES and without SUPPRESS_EXCEPTIONS: a
    /// definite path exists when it matches; an indefinite one whenever its steps could be taken.
    /// </summary>
    public bool Exists(JsonNode? item, JsonNode? root)
    {
        try
        {
            Path.Value(Path.IsRootPath ? root : item, root, strict: true);
            return true;
        }
        catch (JsonPathNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>Reads a filter's text, following Jayway's FilterCompiler.</summary>
internal sealed class JsonPathFilterCompiler
{
    private readonly JsonPathText _filter;

    private JsonPathFilterCompiler(string text)
    {
        _filter = new JsonPathText(text);
        _filter.Trim();
        if (!_filter.CurrentIs('[') || !_filter.LastIs(']'))
        {
            throw new JsonPathSyntaxException($"Filter must start with '[' and end with ']'. {text}");
        }

        _filter.Position++;
        _filter.DropLast();
        _filter.Trim();
        if (!_filter.CurrentIs('?'))
        {
            throw new JsonPathSyntaxException($"Filter must start with '[?' and end with ']'. {text}");
        }

        _filter.Position++;
        _filter.Trim();
        if (!_filter.CurrentIs('(') || !_filter.LastIs(')'))
        {
            throw new JsonPathSyntaxException($"Filter must start with '[?(' and end with ')]'. {text}");
        }
    }

    public static JsonPathFilter Compile(string text)
    {
        var compiler = new JsonPathFilterCompiler(text);
        try
        {
            var result = compiler.ReadOr();
            compiler._filter.SkipBlanks();
            if (compiler._filter.InBounds())
            {
                throw new JsonPathSyntaxException($"Expected end of filter expression in {text}");
            }

            return result;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw new JsonPathSyntaxException($"Failed to parse filter: {text}");
        }
    }

    private JsonPathFilter ReadOr()
    {
        var operands = new List<JsonPathFilter> { ReadAnd() };
        while (true)
        {
            var savepoint = _filter.Position;
            if (_filter.TryRead("||"))
            {
                operands.Add(ReadAnd());
            }
            else
            {
                _filter.Position = savepoint;
                break;
            }
        }

        return operands.Count == 1 ? operands[0] : new LogicalFilter("||", operands);
    }

    private JsonPathFilter ReadAnd()
    {
        var operands = new List<JsonPathFilter> { ReadAndOperand() };
        while (true)
        {
            var savepoint = _filter.Position;
            if (_filter.TryRead("&&"))
            {
                operands.Add(ReadAndOperand());
            }
            else
            {
                _filter.Position = savepoint;
                break;
            }
        }

        return operands.Count == 1 ? operands[0] : new LogicalFilter("&&", operands);
    }

    private JsonPathFilter ReadAndOperand()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var savepoint = _filter.SkipBlanks().Position;
        if (_filter.SkipBlanks().CurrentIs('!'))
        {
            _filter.Read('!');
            if (_filter.SkipBlanks().InBounds() && _filter.Current is '$' or '@')
            {
                _filter.Position = savepoint;
            }
            else
            {
                return new LogicalFilter("!", [ReadAndOperand()]);
            }
        }

        if (_filter.SkipBlanks().CurrentIs('('))
        {
            _filter.Read('(');
            var inner = ReadOr();
            _filter.Read(')');
            return inner;
        }

        return ReadExpression();
    }

    private RelationalFilter ReadExpression()
    {
        var left = ReadValue();
        var savepoint = _filter.Position;
        try
        {
            var op = ReadRelationalOperator();
            var right = ReadValue();
            return new RelationalFilter(left, op, right);
        }
        catch (JsonPathSyntaxException)
        {
            _filter.Position = savepoint;
        }

        if (left is not PathOperand path)
        {
            throw new JsonPathSyntaxException("Expected path node");
        }

        return new RelationalFilter(path, RelationalFilter.ExistenceCheck, new BooleanOperand(path.ShouldExist));
    }

    private static readonly string[] Operators =
        [">=", "<=", "==", "===", "!=", "!==", "<", ">", "=~", "NIN", "IN", "CONTAINS", "ALL", "SIZE", "EXISTS", "TYPE", "MATCHES", "EMPTY", "SUBSETOF", "ANYOF", "NONEOF"];

    private string ReadRelationalOperator()
    {
        var begin = _filter.SkipBlanks().Position;
        if (_filter.InBounds() && IsRelationalOperatorChar(_filter.Current))
        {
            while (_filter.InBounds() && IsRelationalOperatorChar(_filter.Current))
            {
                _filter.Position++;
            }
        }
        else
        {
            while (_filter.InBounds() && _filter.Current != ' ')
            {
                _filter.Position++;
            }
        }

        var op = _filter.Slice(begin, _filter.Position).ToUpperInvariant();
        return Operators.Contains(op) ? op : throw new JsonPathSyntaxException($"Filter operator {op} is not supported!");
    }

    private static bool IsRelationalOperatorChar(char c) => c is '<' or '>' or '=' or '~' or '!';

    private FilterOperand ReadValue()
    {
        switch (_filter.SkipBlanks().Current)
        {
            case '$':
            case '@':
                return ReadPath();
            case '!':
                _filter.Position++;
                return _filter.SkipBlanks().Current is '$' or '@' ? ReadPath() : throw new JsonPathSyntaxException("Unexpected character: !");
            default:
                return ReadLiteral();
        }
    }

    private FilterOperand ReadLiteral()
    {
        switch (_filter.SkipBlanks().Current)
        {
            case '\'': return ReadString('\'');
            case '"': return ReadString('"');
            case 't':
            case 'f': return ReadBoolean();
            case 'n': return ReadNull();
            case '{': return ReadJson('{', '}');
            case '[': return ReadJson('[', ']');
            case '/': return ReadPattern();
            default: return ReadNumber();
        }
    }

    private StringOperand ReadString(char quote)
    {
        var begin = _filter.Position;
        var close = _filter.NextUnescaped(begin, quote);
        if (close < 0)
        {
            throw new JsonPathSyntaxException($"String literal does not have matching quotes. Expected {quote} in {_filter}");
        }

        _filter.Position = close + 1;
        return new StringOperand(JsonPathText.Unescape(_filter.Slice(begin + 1, close)));
    }

    private BooleanOperand ReadBoolean()
    {
        foreach (var word in (ReadOnlySpan<string>)["true", "false"])
        {
            if (_filter.Position + word.Length <= _filter.End && _filter.Slice(_filter.Position, _filter.Position + word.Length) == word)
            {
                _filter.Position += word.Length;
                return new BooleanOperand(word == "true");
            }
        }

        throw new JsonPathSyntaxException("Expected boolean literal");
    }

    private NullOperand ReadNull()
    {
        if (_filter.Position + 4 <= _filter.End && _filter.Slice(_filter.Position, _filter.Position + 4) == "null")
        {
            _filter.Position += 4;
            return new NullOperand();
        }

        throw new JsonPathSyntaxException("Expected <null> value");
    }

    private JsonOperand ReadJson(char open, char close)
    {
        var begin = _filter.Position;
        var closing = _filter.MatchingClose(begin, open, close, skipRegex: false);
        if (closing < 0)
        {
            throw new JsonPathSyntaxException($"String not closed. Expected ' in {_filter}");
        }

        _filter.Position = closing + 1;
        var text = _filter.Slice(begin, closing + 1);
        var parsed = FilterEvaluators.ParsePermissiveJson(text);
        return new JsonOperand(parsed, parsed is null ? text : null);
    }

    private PatternOperand ReadPattern()
    {
        var begin = _filter.Position;
        var close = _filter.NextUnescaped(begin, '/');
        if (close < 0)
        {
            throw new JsonPathSyntaxException($"Pattern not closed. Expected / in {_filter}");
        }

        var flagsEnd = close + 1;
        while (_filter.InBounds(flagsEnd) && "dixmsuU".Contains(_filter.At(flagsEnd), StringComparison.Ordinal))
        {
            flagsEnd++;
        }

        _filter.Position = flagsEnd;
        var pattern = _filter.Slice(begin + 1, close);
        var flags = _filter.Slice(close + 1, flagsEnd);
        return new PatternOperand(FilterEvaluators.CompilePattern(pattern, flags));
    }

    private NumberOperand ReadNumber()
    {
        var begin = _filter.Position;
        while (_filter.InBounds() && (char.IsAsciiDigit(_filter.Current) || _filter.Current is '-' or '.' or 'E' or 'e'))
        {
            _filter.Position++;
        }

        var text = _filter.Slice(begin, _filter.Position);
        return NumberOperand.TryParse(text) ?? throw new JsonPathSyntaxException($"Failed to parse number {text} in filter {_filter}");
    }

    private PathOperand ReadPath()
    {
        var previous = _filter.PreviousSignificantIndex(_filter.Position);
        var shouldExist = !(previous >= 0 && _filter.At(previous) == '!');
        var begin = _filter.Position;
        _filter.Position++;
        while (_filter.InBounds())
        {
            if (_filter.Current == '[')
            {
                var closing = _filter.MatchingClose(_filter.Position, '[', ']', skipRegex: false);
                if (closing < 0)
                {
                    throw new JsonPathSyntaxException($"Square brackets does not match in filter {_filter}");
                }

                _filter.Position = closing + 1;
                if (!_filter.InBounds())
                {
                    break;
                }
            }

            var closingFunction = _filter.Current == ')' && IsClosingFunctionBracket(begin);
            var closingLogical = _filter.Current == ')' && !closingFunction;
            if (IsRelationalOperatorChar(_filter.Current) || _filter.Current == ' ' || closingLogical)
            {
                break;
            }

            _filter.Position++;
        }

        var text = _filter.Slice(begin, _filter.Position);
        return new PathOperand(JsonPathQuery.Compile(text), shouldExist);
    }

    private bool IsClosingFunctionBracket(int lowerBound)
    {
        var index = _filter.PreviousSignificantIndex(_filter.Position);
        if (index < 0 || _filter.At(index) != '(')
        {
            return false;
        }

        for (index--; index > lowerBound; index--)
        {
            if (_filter.At(index) == '.')
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The relational operators of a filter (EvaluatorFactory).</summary>
internal static class FilterEvaluators
{
    public static bool Evaluate(FilterOperand left, string op, FilterOperand right) => op switch
    {
        "==" => AreEqual(left, right),
        "!=" => !AreEqual(left, right),
        "===" => left.GetType() == right.GetType() && AreEqual(left, right),
        "!==" => !(left.GetType() == right.GetType() && AreEqual(left, right)),
        "<" => Compare(left, right) is < 0,
        "<=" => Compare(left, right) is <= 0,
        ">" => Compare(left, right) is > 0,
        ">=" => Compare(left, right) is >= 0,
        "=~" => Regex(left, right),
        "IN" => In(left, right),
        // NotInEvaluator negates InEvaluator; a right side that is no list throws (no match) in both.
        "NIN" => right is JsonOperand ? !In(left, right) : false,
        "CONTAINS" => Contains(left, right),
        "SIZE" => Size(left, right),
        "EMPTY" => Empty(left, right),
        "SUBSETOF" => ListOf(left) is { } l && ListOf(right) is { } r && l.All(item => r.Any(other => ValueEquals(item, other))),
        "ANYOF" => ListOf(left) is { } l2 && ListOf(right) is { } r2 && l2.Any(item => r2.Any(other => ValueEquals(item, other))),
        "NONEOF" => ListOf(left) is { } l3 && ListOf(right) is { } r3 && !l3.Any(item => r3.Any(other => ValueEquals(item, other))),
        // AllEvaluator, TypeEvaluator and PredicateMatchEvaluator need a value list, a class or a
        // predicate on the right, which a filter written as text cannot give: their
        // InvalidPathException makes PredicatePathToken#accept answer no match.
        _ => false,
    };

    /// <summary>EqualsEvaluator: JSON nodes by content, otherwise ValueNode#equals (strings and numbers compare across kinds).</summary>
    private static bool AreEqual(FilterOperand left, FilterOperand right) =>
        left is JsonOperand l && right is JsonOperand r ? JsonEquals(l, r) : ValueEquals(left, right);

    private static bool JsonEquals(JsonOperand left, JsonOperand right) =>
        left.Unparsable is null && right.Unparsable is null && JsonNode.DeepEquals(left.Value, right.Value);

    /// <summary>
    /// ValueNode#equals: a string equals a string, or a number written the same way; a number
    /// equals a number, or a string that reads as the same number; booleans and null by value.
    /// </summary>
    internal static bool ValueEquals(FilterOperand left, FilterOperand right) => (left, right) switch
    {
        (StringOperand l, StringOperand r) => l.Value == r.Value,
        (StringOperand l, NumberOperand r) => l.Value == r.Text,
        (NumberOperand l, NumberOperand r) => l.CompareTo(r) == 0,
        (NumberOperand l, StringOperand r) => NumberOperand.TryParse(r.Value) is { } number && l.CompareTo(number) == 0,
        (BooleanOperand l, BooleanOperand r) => l.Value == r.Value,
        (NullOperand, NullOperand) => true,
        (JsonOperand l, JsonOperand r) => JsonEquals(l, r),
        _ => false,
    };

    /// <summary>LessThanEvaluator and the others: numbers with numbers, strings with strings (ordinal); anything else does not match.</summary>
    private static int? Compare(FilterOperand left, FilterOperand right) => (left, right) switch
    {
        (NumberOperand l, NumberOperand r) => l.CompareTo(r),
        (StringOperand l, StringOperand r) => string.CompareOrdinal(l.Value, r.Value),
        _ => null,
    };

    private static bool In(FilterOperand left, FilterOperand right) =>
        right is JsonOperand && ListOf(right) is { } list && list.Any(item => ValueEquals(left, item));

    private static bool Contains(FilterOperand left, FilterOperand right) => left switch
    {
        StringOperand l when right is StringOperand r => l.Value.Contains(r.Value, StringComparison.Ordinal),
        JsonOperand => ListOf(left) is { } list && list.Any(item => ValueEquals(right, item)),
        _ => false,
    };

    private static bool Size(FilterOperand left, FilterOperand right)
    {
        if (right is not NumberOperand number)
        {
            return false;
        }

        var expected = (int)number.Double;
        return left switch
        {
            StringOperand l => l.Value.Length == expected,
            JsonOperand { Value: JsonArray array } => array.Count == expected,
            JsonOperand { Value: JsonObject obj } => obj.Count == expected,
            _ => false,
        };
    }

    private static bool Empty(FilterOperand left, FilterOperand right)
    {
        if (right is not BooleanOperand expected)
        {
            return false;
        }

        return left switch
        {
            StringOperand l => (l.Value.Length == 0) == expected.Value,
            JsonOperand { Value: JsonArray array } => (array.Count == 0) == expected.Value,
            JsonOperand { Value: JsonObject obj } => (obj.Count == 0) == expected.Value,
            _ => false,
        };
    }

    /// <summary>RegexpEvaluator: one side a pattern, matched against the whole text of the other (any element of an array).</summary>
    private static bool Regex(FilterOperand left, FilterOperand right)
    {
        if ((left is PatternOperand) == (right is PatternOperand))
        {
            return false;
        }

        var (pattern, other) = left is PatternOperand p ? (p, right) : ((PatternOperand)right, left);
        if (other is JsonOperand { Value: JsonArray } && ListOf(other) is { } list)
        {
            return list.Any(item => pattern.Regex.IsMatch(RegexInput(item)));
        }

        return pattern.Regex.IsMatch(RegexInput(other));
    }

    private static string RegexInput(FilterOperand operand) => operand switch
    {
        StringOperand text => text.Value,
        NumberOperand number => number.Text,
        BooleanOperand flag => flag.Value ? "true" : "false",
        _ => "",
    };

    /// <summary>JsonNode#asValueListNode: the elements of a JSON array, null for anything else.</summary>
    private static List<FilterOperand>? ListOf(FilterOperand operand) =>
        operand is JsonOperand { Value: JsonArray array } ? [.. array.Select(ToOperand)] : null;

    public static FilterOperand ToOperand(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return new NullOperand();
            case JsonArray or JsonObject:
                return new JsonOperand(value, null);
        }

        var element = value.AsValue();
        switch (element.GetValueKind())
        {
            case JsonValueKind.String:
                return new StringOperand(element.GetValue<string>());
            case JsonValueKind.True:
                return new BooleanOperand(true);
            case JsonValueKind.False:
                return new BooleanOperand(false);
            case JsonValueKind.Number:
                var text = element.ToJsonString();
                return NumberOperand.TryParse(text) ?? new NumberOperand(null, double.NaN, text);
            default:
                return new NullOperand();
        }
    }

    /// <summary>
    /// Jayway parses JSON literals with json-smart's permissive mode, which takes single-quoted
    /// strings; this reads standard JSON and single-quoted strings. Null when it cannot be read.
    /// </summary>
    public static JsonNode? ParsePermissiveJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
        }

        var builder = new StringBuilder(text.Length);
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (c == '"')
            {
                var close = index + 1;
                while (close < text.Length && text[close] != '"')
                {
                    close += text[close] == '\\' ? 2 : 1;
                }

                builder.Append(text, index, Math.Min(close, text.Length - 1) - index + 1);
                index = close;
            }
            else if (c == '\'')
            {
                builder.Append('"');
                for (index++; index < text.Length && text[index] != '\''; index++)
                {
                    if (text[index] == '\\' && index + 1 < text.Length)
                    {
                        index++;
                        builder.Append(text[index] == '\'' ? "'" : "\\" + text[index]);
                    }
                    else
                    {
                        builder.Append(text[index] == '"' ? "\\\"" : text[index].ToString());
                    }
                }

                builder.Append('"');
            }
            else
            {
                builder.Append(c);
            }
        }

        try
        {
            return JsonNode.Parse(builder.ToString());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// PatternNode: Java's Pattern with the flags after the closing slash (PatternFlag); the
    /// whole text must match (Matcher#matches). A pattern .NET cannot compile is refused, as
    /// the two regular expression dialects differ.
    /// </summary>
    public static Regex CompilePattern(string pattern, string flags)
    {
        var options = RegexOptions.CultureInvariant;
        foreach (var flag in flags)
        {
            options |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                // 'u' (Unicode case folding) is how .NET ignores case anyway.
                'u' => RegexOptions.None,
                _ => throw new JsonPathUnsupportedException($"the regular expression flag '{flag}' in /{pattern}/{flags}"),
            };
        }

        try
        {
            return new Regex($"\\A(?:{pattern})\\z", options, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException)
        {
            throw new JsonPathUnsupportedException($"the regular expression /{pattern}/ (not one .NET can compile; the real server uses Java's regular expressions)");
        }
    }
}
