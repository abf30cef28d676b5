using System.Text;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Resolves Conductor's <c>${...}</c> input expressions the way the real server's ParametersUtils
/// does: a string that is exactly one expression becomes the referenced value itself (object,
/// array, number...), a string with several expressions or surrounding text becomes a string with
/// each value written in place (a missing value reads as <c>null</c>), expressions nest
/// (<c>${workflow.input.${workflow.input.key}}</c>), and <c>$${</c> escapes a literal <c>${</c>.
/// Paths are read as the real server's Jayway JsonPath reads them (<see cref="JsonPathQuery"/>):
/// <c>a.b</c>, <c>a[0]</c>, <c>a['key']</c>, wildcards, deep scans, slices, unions, filters and
/// functions; what the real server reads as null (a missing value, a path Jayway cannot
/// compile, an error while evaluating) reads as null here too.
/// </summary>
internal static class ParameterResolver
{
    /// <summary>Returns a resolved copy of <paramref name="template"/>; the template is not changed.</summary>
    public static JsonObject ResolveObject(JsonObject? template, JsonObject context)
    {
        var result = new JsonObject();
        if (template is null)
        {
            return result;
        }

        foreach (var (key, value) in template)
        {
            result[key] = ResolveNode(value, context);
        }

        return result;
    }

    private static JsonNode? ResolveNode(JsonNode? node, JsonObject context) => node switch
    {
        JsonObject nested => ResolveObject(nested, context),
        JsonArray array => new JsonArray([.. array.Select(item => ResolveNode(item, context))]),
        JsonValue value when value.TryGetValue<string>(out var text) => ResolveString(text, context, depth: 0),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonNode? ResolveString(string text, JsonObject context, int depth)
    {
        var expressions = FindExpressions(text);
        if (expressions.Count == 0)
        {
            return depth == 0 ? JsonValue.Create(text.Replace("$${", "${", StringComparison.Ordinal)) : JsonValue.Create(text);
        }

        var values = new List<JsonNode?>(expressions.Count);
        foreach (var (start, end) in expressions)
        {
            var inner = text[(start + 2)..(end - 1)];
            var path = ToText(ResolveString(inner, context, depth + 1));
            values.Add(string.IsNullOrWhiteSpace(path) ? JsonValue.Create("") : ReadPath(context, path, text[start..end])?.DeepClone());
        }

        if (depth == 0 && expressions.Count == 1 && expressions[0].Start == 0 && expressions[0].End == text.Length)
        {
            return values[0];
        }

        var builder = new StringBuilder(text.Length);
        var copiedUpTo = 0;
        for (var index = 0; index < expressions.Count; index++)
        {
            var (start, end) = expressions[index];
            builder.Append(text, copiedUpTo, start - copiedUpTo).Append(ToText(values[index]));
            copiedUpTo = end;
        }

        builder.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return JsonValue.Create(builder.ToString().Replace("$${", "${", StringComparison.Ordinal));
    }

    /// <summary>Finds each top-level <c>${...}</c> (start index, index after the closing brace), braces nesting.</summary>
    private static List<(int Start, int End)> FindExpressions(string text)
    {
        var found = new List<(int Start, int End)>();
        var index = 0;
        while (index < text.Length - 1)
        {
            var isExpressionStart = text[index] == '$' && text[index + 1] == '{' && (index == 0 || text[index - 1] != '$');
            if (!isExpressionStart)
            {
                index++;
                continue;
            }

            var depth = 0;
            var close = -1;
            for (var scan = index + 1; scan < text.Length; scan++)
            {
                if (text[scan] == '{')
                {
                    depth++;
                }
                else if (text[scan] == '}' && --depth == 0)
                {
                    close = scan;
                    break;
                }
            }

            if (close < 0)
            {
                break;
            }

            found.Add((index, close + 1));
            index = close + 1;
        }

        return found;
    }

    /// <summary>How a value reads inside a longer string: strings as they are, everything else as JSON.</summary>
    private static string ToText(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };

    /// <summary>
    /// Reads one expression's path as ParametersUtils#replaceVariables does: Jayway JsonPath with
    /// SUPPRESS_EXCEPTIONS (<see cref="JsonPathQuery"/>), and any exception, a path Jayway cannot
    /// compile included, caught and read as null. What this server does not implement ends the
    /// run with a <see cref="TerminateWorkflowException"/> naming it.
    /// </summary>
    internal static JsonNode? ReadPath(JsonNode root, string path, string? expression = null)
    {
        try
        {
            return JsonPathQuery.Compile(path).Read(root);
        }
        catch (JsonPathUnsupportedException exception)
        {
            throw new TerminateWorkflowException(
                $"The JSONPath expression '{expression ?? "${" + path + "}"}' uses {exception.Construct}, which is not supported by the Conductor test server");
        }
        catch (Exception)
        {
            // Whatever else the read throws (a path Jayway cannot compile, an evaluation error, a
            // regular expression past its time limit, a path nested too deep for the stack) reads
            // null, as replaceVariables' catch (Exception) makes it on the real server.
            return null;
        }
    }
}
