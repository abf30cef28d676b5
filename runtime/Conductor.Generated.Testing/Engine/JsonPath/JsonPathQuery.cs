using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// A compiled JSONPath read the way the real server reads <c>${...}</c> expressions: Jayway
/// JsonPath (2.9.0: conductor-oss declares 2.4.0 in dependencies.gradle, but the server gets
/// json-path through core, and its Spring Boot dependency management sets the version of
/// such transitive dependencies) with
/// <c>Option.SUPPRESS_EXCEPTIONS</c> (ParametersUtils#getTaskInputV2). A path not starting with
/// <c>$</c> or <c>@</c> reads from <c>$.</c> (PathCompiler#compile). A definite path (only
/// single properties and single indexes) reads one value or null; any wildcard, deep scan,
/// filter, slice, several indexes or several properties before a further step make it
/// indefinite, and it reads a list of the matches in document order, empty when nothing
/// matches (JsonPath#read, EvaluationContextImpl#getValue).
/// </summary>
internal sealed class JsonPathQuery
{
    private JsonPathQuery(string text, bool isRootPath, List<JsonPathStep> steps)
    {
        Text = text;
        IsRootPath = isRootPath;
        Steps = steps;
        IsDefinite = true;
        for (var index = 0; index < steps.Count; index++)
        {
            IsDefinite &= IsStepDefinite(index);
        }
    }

    public string Text { get; }

    /// <summary>True for a path from <c>$</c> (the whole document), false for one from <c>@</c> (the filter's item).</summary>
    public bool IsRootPath { get; }

    public IReadOnlyList<JsonPathStep> Steps { get; }

    public bool IsDefinite { get; }

    public bool IsFunctionPath => Steps.Count > 0 && Steps[^1] is FunctionStep;

    public override string ToString() => Text;

    /// <summary>Compiles <paramref name="path"/>; <see cref="JsonPathSyntaxException"/> where Jayway's compiler fails.</summary>
    public static JsonPathQuery Compile(string path)
    {
        if (path.Length == 0)
        {
            throw new JsonPathSyntaxException("path can not be null or empty");
        }

        // PathCompiler#compile looks at the first character before trimming: a path starting
        // with a blank gets "$." put in front, and then fails on the blank.
        var text = new JsonPathText(path);
        text.Trim();
        if (path[0] != '$' && path[0] != '@')
        {
            text = new JsonPathText("$." + path);
            text.Trim();
        }

        if (text.LastIs('.'))
        {
            throw new JsonPathSyntaxException("Path must not end with a '.' or '..'");
        }

        var compiled = new JsonPathCompiler(text).CompileRoot(path);
        return InvertScanFunction(compiled);
    }

    internal static JsonPathQuery Create(string text, bool isRootPath, List<JsonPathStep> steps) => new(text, isRootPath, steps);

    /// <summary>
    /// CompiledPath#invertScannerFunctionRelationship: <c>$..x.fn()</c>, a path whose first step
    /// is a deep scan and which ends in a function, runs as <c>$.fn($..x)</c>: the function
    /// receives the document and, as its only parameter, the scan's matches.
    /// </summary>
    private static JsonPathQuery InvertScanFunction(JsonPathQuery query)
    {
        if (!query.IsFunctionPath || query.Steps[0] is not ScanStep)
        {
            return query;
        }

        var functionIndex = query.Steps.ToList().FindIndex(step => step is FunctionStep);
        var function = (FunctionStep)query.Steps[functionIndex];
        var scan = Create(query.Text, isRootPath: true, [.. query.Steps.Take(functionIndex)]);
        var steps = new List<JsonPathStep> { new FunctionStep(function.Name, [new FunctionParameter(scan, null)]) };
        steps.AddRange(query.Steps.Skip(functionIndex + 1));
        return Create(query.Text, query.IsRootPath, steps);
    }

    /// <summary>PathToken#isTokenDefinite: several properties are definite only as the last step (they merge into one object).</summary>
    internal bool IsStepDefinite(int index) => Steps[index] switch
    {
        PropertyStep property => property.Names.Count == 1 || index == Steps.Count - 1,
        IndexStep indexes => indexes.Indexes.Count == 1,
        FunctionStep => true,
        _ => false,
    };

    /// <summary>PathToken#isUpstreamDefinite: every step before this one is definite.</summary>
    internal bool IsUpstreamDefinite(int index)
    {
        for (var before = 0; before < index; before++)
        {
            if (!IsStepDefinite(before))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// JsonPath#read with SUPPRESS_EXCEPTIONS: a definite path reads its value, or null when
    /// nothing matches; an indefinite one reads a list (a new array of copies), empty when nothing
    /// matches. Throws <see cref="JsonPathEvaluationException"/> where Jayway throws while
    /// evaluating, and <see cref="JsonPathUnsupportedException"/> for what is not implemented.
    /// </summary>
    public JsonNode? Read(JsonNode? document) => Value(document, document, strict: false);

    /// <summary>
    /// EvaluationContextImpl#getValue: with <paramref name="strict"/> (REQUIRE_PROPERTIES, no
    /// SUPPRESS_EXCEPTIONS, as a filter's existence check reads) a missing value throws
    /// <see cref="JsonPathNotFoundException"/> instead of reading null.
    /// </summary>
    internal JsonNode? Value(JsonNode? item, JsonNode? root, bool strict)
    {
        var results = JsonPathEvaluator.Evaluate(this, item, root, strict);
        if (IsDefinite)
        {
            if (results.Count == 0)
            {
                return strict ? throw new JsonPathNotFoundException() : null;
            }

            return results[^1];
        }

        return new JsonArray([.. results.Select(value => value?.DeepClone())]);
    }
}

/// <summary>One step of a compiled path.</summary>
internal abstract class JsonPathStep;

/// <summary><c>.name</c>, <c>['name']</c> or <c>['a','b']</c> (PropertyPathToken).</summary>
internal sealed class PropertyStep(IReadOnlyList<string> names) : JsonPathStep
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary><c>[0]</c>, <c>[-1]</c> or <c>[0,2]</c> (ArrayIndexToken).</summary>
internal sealed class IndexStep(IReadOnlyList<int> indexes) : JsonPathStep
{
    public IReadOnlyList<int> Indexes { get; } = indexes;
}

/// <summary><c>[1:3]</c>, <c>[1:]</c> or <c>[:2]</c> (ArraySliceToken); a step after a second colon is ignored, as in ArraySliceOperation#parse.</summary>
internal sealed class SliceStep(int? from, int? to) : JsonPathStep
{
    public int? From { get; } = from;

    public int? To { get; } = to;
}

/// <summary><c>*</c> or <c>[*]</c> (WildcardPathToken).</summary>
internal sealed class WildcardStep : JsonPathStep;

/// <summary><c>..</c> (ScanPathToken): the next step applied at every level of the document.</summary>
internal sealed class ScanStep : JsonPathStep;

/// <summary><c>[?(...)]</c> (PredicatePathToken).</summary>
internal sealed class FilterStep(JsonPathFilter filter) : JsonPathStep
{
    public JsonPathFilter Filter { get; } = filter;
}

/// <summary><c>.name()</c> or <c>.name(parameters)</c> (FunctionPathToken).</summary>
internal sealed class FunctionStep(string name, IReadOnlyList<FunctionParameter> parameters) : JsonPathStep
{
    public string Name { get; } = name;

    public IReadOnlyList<FunctionParameter> Parameters { get; } = parameters;
}

/// <summary>A function's parameter: a path (read from the document) or JSON text.</summary>
internal sealed record FunctionParameter(JsonPathQuery? Path, string? Json);

/// <summary>Reads a path's text into steps, following Jayway's PathCompiler token by token.</summary>
internal sealed class JsonPathCompiler(JsonPathText path)
{
    private readonly List<JsonPathStep> _steps = [];

    public JsonPathQuery CompileRoot(string original)
    {
        path.SkipBlanks();
        if (!path.InBounds() || (path.Current != '$' && path.Current != '@'))
        {
            throw new JsonPathSyntaxException("Path must start with '$' or '@'");
        }

        var isRootPath = path.Current == '$';
        if (!path.IsTail)
        {
            path.Position++;
            if (path.Current != '.' && path.Current != '[')
            {
                throw new JsonPathSyntaxException($"Illegal character at position {path.Position} expected '.' or '['");
            }

            ReadNextToken();
        }

        ValidateScans();
        return JsonPathQuery.Create(original, isRootPath, _steps);
    }

    /// <summary>
    /// Deep scans whose next step is an array step, a wildcard, with further steps after it: Jayway
    /// evaluates these through ScanPathToken#walkArray's upstream-index bookkeeping, whose results
    /// depend on what was scanned before; they are refused rather than guessed.
    /// </summary>
    private void ValidateScans()
    {
        for (var index = 0; index < _steps.Count - 2; index++)
        {
            if (_steps[index] is ScanStep && _steps[index + 1] is IndexStep or SliceStep or WildcardStep)
            {
                var what = _steps[index + 1] switch
                {
                    WildcardStep => "'*'",
                    _ => "an array index or slice",
                };
                throw new JsonPathUnsupportedException($"a deep scan '..' followed by {what} and further steps");
            }
        }
    }

    private void Add(JsonPathStep step) => _steps.Add(step);

    private void ReadNextToken()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (path.Current)
        {
            case '[':
                if (!ReadBracketProperty() && !ReadArrayToken() && !ReadWildcard() && !ReadFilter() && !ReadPlaceholder())
                {
                    throw new JsonPathSyntaxException($"Could not parse token starting at position {path.Position}. Expected ?, ', 0-9, * ");
                }

                return;
            case '.':
                ReadDot();
                return;
            case '*':
                if (!ReadWildcard())
                {
                    throw new JsonPathSyntaxException($"Could not parse token starting at position {path.Position}");
                }

                return;
            default:
                if (!ReadPropertyOrFunction())
                {
                    throw new JsonPathSyntaxException($"Could not parse token starting at position {path.Position}");
                }

                return;
        }
    }

    // PathCompiler reads the next token unless at most one character is left (CharacterIndex#currentIsTail).
    private void Continue()
    {
        if (path.IsTail)
        {
            return;
        }

        ReadNextToken();
    }

    private void ReadDot()
    {
        if (path.CurrentIs('.') && path.NextIs('.'))
        {
            Add(new ScanStep());
            path.Position += 2;
        }
        else if (!path.InBounds(path.Position + 1))
        {
            throw new JsonPathSyntaxException("Path must not end with a '.");
        }
        else
        {
            path.Position++;
        }

        if (path.CurrentIs('.'))
        {
            throw new JsonPathSyntaxException($"Character '.' on position {path.Position} is not valid.");
        }

        if (!path.InBounds())
        {
            throw new JsonPathSyntaxException("Path must not end with a '.' or '..'");
        }

        ReadNextToken();
    }

    // fooBar or fooBar()
    private bool ReadPropertyOrFunction()
    {
        if (path.CurrentIs('[') || path.CurrentIs('*') || path.CurrentIs('.') || path.CurrentIs(' '))
        {
            return false;
        }

        var start = path.Position;
        var read = start;
        var end = -1;
        var isFunction = false;
        while (path.InBounds(read))
        {
            var c = path.At(read);
            if (c == ' ')
            {
                throw new JsonPathSyntaxException($"Use bracket notion ['my prop'] if your property contains blank characters. position: {path.Position}");
            }

            if (c is '.' or '[')
            {
                end = read;
                break;
            }

            if (c == '(')
            {
                isFunction = true;
                end = read;
                break;
            }

            read++;
        }

        if (end < 0)
        {
            end = path.End;
        }

        var name = path.Slice(start, end);
        if (!isFunction)
        {
            path.Position = end;
            Add(new PropertyStep([name]));
            Continue();
            return true;
        }

        var depth = 1;
        var close = -1;
        for (var index = read + 1; index < path.End; index++)
        {
            if (path.At(index) == ')')
            {
                depth--;
            }
            else if (path.At(index) == '(')
            {
                depth++;
            }

            if (depth == 0)
            {
                close = index;
                break;
            }
        }

        if (close < 0)
        {
            throw new JsonPathSyntaxException($"Arguments to function: '{name}' are not closed properly.");
        }

        IReadOnlyList<FunctionParameter> parameters = [];
        if (path.At(read + 1) != ')')
        {
            parameters = ReadFunctionParameters(name, path.Slice(read + 1, close));
        }

        path.Position = close + 1;
        Add(new FunctionStep(name, parameters));
        Continue();
        return true;
    }

    /// <summary>
    /// PathCompiler#parseFunctionParameters: comma-separated at the top level; one starting with
    /// <c>{</c>, a digit, <c>"</c> or <c>-</c> is JSON, one starting with <c>$</c> or <c>@</c> a
    /// path (read from the document), anything else is dropped.
    /// </summary>
    private static List<FunctionParameter> ReadFunctionParameters(string function, string text)
    {
        var parameters = new List<FunctionParameter>();
        var parens = 0;
        var brackets = 0;
        var braces = 0;
        var inQuote = false;
        var start = 0;
        for (var index = 0; index <= text.Length; index++)
        {
            var c = index < text.Length ? text[index] : ',';
            if (inQuote)
            {
                if (c == '"' && text[index - 1] != '\\')
                {
                    inQuote = false;
                }

                if (index < text.Length)
                {
                    continue;
                }

                throw new JsonPathSyntaxException($"Arguments to function: '{function}' are not closed properly.");
            }

            switch (c)
            {
                case '"': inQuote = true; break;
                case '(': parens++; break;
                case ')': parens--; break;
                case '[': brackets++; break;
                case ']':
                    if (brackets-- == 0)
                    {
                        throw new JsonPathSyntaxException("Unexpected close bracket ']' in function parameters");
                    }

                    break;
                case '{': braces++; break;
                case '}':
                    if (braces-- == 0)
                    {
                        throw new JsonPathSyntaxException("Unexpected close brace '}' in function parameters");
                    }

                    break;
                case ',' when parens == 0 && brackets == 0 && braces == 0:
                    var parameter = text[start..index].Trim(' ', '\t', '\r', '\n');
                    start = index + 1;
                    if (parameter.Length == 0)
                    {
                        break;
                    }

                    var first = parameter[0];
                    if (first is '{' or '"' or '-' || char.IsAsciiDigit(first))
                    {
                        parameters.Add(new FunctionParameter(null, parameter));
                    }
                    else if (first is '$' or '@')
                    {
                        parameters.Add(new FunctionParameter(new JsonPathCompiler(new JsonPathText(parameter)).CompileRoot(parameter), null));
                    }

                    break;
            }
        }

        if (parens != 0 || brackets != 0 || braces != 0)
        {
            throw new JsonPathSyntaxException($"Arguments to function: '{function}' are not closed properly.");
        }

        return parameters;
    }

    // [?] placeholders need filters passed to JsonPath.compile: ParametersUtils passes none.
    private bool ReadPlaceholder()
    {
        if (!path.CurrentIs('['))
        {
            return false;
        }

        var question = path.IndexOfNextSignificant(path.Position, '?');
        if (question < 0)
        {
            return false;
        }

        var next = path.NextSignificantChar(question);
        if (next != ']' && next != ',')
        {
            return false;
        }

        throw new JsonPathSyntaxException("Not enough predicates supplied for filter [?]");
    }

    // [?(...)]
    private bool ReadFilter()
    {
        if (!path.CurrentIs('[') && !path.NextSignificantIs(path.Position, '?'))
        {
            return false;
        }

        var open = path.Position;
        var question = path.IndexOfNextSignificant(path.Position, '?');
        if (question < 0)
        {
            return false;
        }

        var openParen = path.IndexOfNextSignificant(question, '(');
        if (openParen < 0)
        {
            return false;
        }

        var closeParen = path.MatchingClose(openParen, '(', ')', skipRegex: true);
        if (closeParen < 0 || !path.NextSignificantIs(closeParen, ']'))
        {
            return false;
        }

        var close = path.IndexOfNextSignificant(closeParen, ']');
        var filter = JsonPathFilterCompiler.Compile(path.Slice(open, close + 1));
        Add(new FilterStep(filter));
        path.Position = close + 1;
        Continue();
        return true;
    }

    // [*] and *
    private bool ReadWildcard()
    {
        var inBracket = path.CurrentIs('[');
        if (inBracket && !path.NextSignificantIs(path.Position, '*'))
        {
            return false;
        }

        if (!path.CurrentIs('*') && !path.InBounds(path.Position + 1))
        {
            return false;
        }

        if (inBracket)
        {
            var star = path.IndexOfNextSignificant(path.Position, '*');
            if (!path.NextSignificantIs(star, ']'))
            {
                throw new JsonPathSyntaxException($"Expected wildcard token to end with ']' on position {star + 1}");
            }

            path.Position = path.IndexOfNextSignificant(star, ']') + 1;
        }
        else
        {
            path.Position++;
        }

        Add(new WildcardStep());
        Continue();
        return true;
    }

    // [1], [1,2, n], [1:], [1:2], [:2]
    private bool ReadArrayToken()
    {
        if (!path.CurrentIs('['))
        {
            return false;
        }

        var next = path.NextSignificantChar();
        if (!char.IsAsciiDigit(next) && next != '-' && next != ':')
        {
            return false;
        }

        var begin = path.Position + 1;
        var end = path.IndexOf(begin, ']');
        if (end < 0)
        {
            return false;
        }

        var expression = path.Slice(begin, end).Trim(' ');
        if (expression == "*")
        {
            return false;
        }

        if (expression.Any(c => !char.IsAsciiDigit(c) && c is not (',' or '-' or ':' or ' ')))
        {
            return false;
        }

        if (expression.Contains(':', StringComparison.Ordinal))
        {
            if (expression.Any(c => !char.IsAsciiDigit(c) && c is not ('-' or ':')))
            {
                throw new JsonPathSyntaxException($"Failed to parse SliceOperation: {expression}");
            }

            var parts = expression.Split(':');
            var from = ParseSliceBound(parts, 0, expression);
            var to = ParseSliceBound(parts, 1, expression);
            if (from is null && to is null)
            {
                throw new JsonPathSyntaxException($"Failed to parse SliceOperation: {expression}");
            }

            Add(new SliceStep(from, to));
        }
        else
        {
            var indexes = new List<int>();
            foreach (var token in expression.Split(','))
            {
                if (!int.TryParse(token.Trim(' '), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index) || token.Trim(' ').StartsWith('+'))
                {
                    throw new JsonPathSyntaxException($"Failed to parse token in ArrayIndexOperation: {token}");
                }

                indexes.Add(index);
            }

            Add(new IndexStep(indexes));
        }

        path.Position = end + 1;
        Continue();
        return true;
    }

    private static int? ParseSliceBound(string[] parts, int index, string expression)
    {
        if (parts.Length <= index || parts[index].Length == 0)
        {
            return null;
        }

        return int.TryParse(parts[index], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonPathSyntaxException($"Failed to parse SliceOperation: {expression}");
    }

    // ['foo'] and ['foo','bar']
    private bool ReadBracketProperty()
    {
        if (!path.CurrentIs('['))
        {
            return false;
        }

        var delimiter = path.NextSignificantChar();
        if (delimiter != '\'' && delimiter != '"')
        {
            return false;
        }

        var names = new List<string>();
        var start = path.Position + 1;
        var read = start;
        var end = 0;
        var inProperty = false;
        var inEscape = false;
        var lastWasComma = false;
        while (path.InBounds(read))
        {
            var c = path.At(read);
            if (inEscape)
            {
                inEscape = false;
            }
            else if (c == '\\')
            {
                inEscape = true;
            }
            else if (c == ']' && !inProperty)
            {
                if (lastWasComma)
                {
                    throw new JsonPathSyntaxException($"Found empty property at index {read}");
                }

                break;
            }
            else if (c == delimiter)
            {
                if (inProperty)
                {
                    var after = path.NextSignificantChar(read);
                    if (after != ']' && after != ',')
                    {
                        throw new JsonPathSyntaxException($"Property must be separated by comma or Property must be terminated close square bracket at index {read}");
                    }

                    end = read;
                    names.Add(JsonPathText.Unescape(path.Slice(start, end)));
                    inProperty = false;
                }
                else
                {
                    start = read + 1;
                    inProperty = true;
                    lastWasComma = false;
                }
            }
            else if (c == ',' && !inProperty)
            {
                if (lastWasComma)
                {
                    throw new JsonPathSyntaxException($"Found empty property at index {read}");
                }

                lastWasComma = true;
            }

            read++;
        }

        if (inProperty)
        {
            throw new JsonPathSyntaxException($"Property has not been closed - missing closing {delimiter}");
        }

        var closeBracket = path.IndexOfNextSignificant(end, ']');
        if (closeBracket < 0)
        {
            throw new JsonPathSyntaxException("Property has not been closed - missing closing ]");
        }

        if (names.Count == 0)
        {
            throw new JsonPathSyntaxException("Empty properties");
        }

        path.Position = closeBracket + 1;
        Add(new PropertyStep(names));
        Continue();
        return true;
    }
}
