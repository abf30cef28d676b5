using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// The functions a path can end with (Jayway's PathFunctionFactory): <c>min()</c>, <c>max()</c>,
/// <c>avg()</c>, <c>sum()</c>, <c>stddev()</c>, <c>length()</c>/<c>size()</c>, <c>concat()</c>,
/// <c>append()</c>, <c>keys()</c>, <c>first()</c>, <c>last()</c>, <c>index()</c>. Each runs on
/// the value the path before it reads, plus its parameters; a name Jayway does not know is an
/// evaluation error (the real server reads null).
/// </summary>
internal static class JsonPathFunctions
{
    public static JsonNode? Invoke(FunctionStep function, JsonNode? model, JsonNode? root, bool strict)
    {
        switch (function.Name)
        {
            case "avg":
            case "stddev":
            case "sum":
            case "min":
            case "max":
                return Aggregate(function, model, root, strict);
            case "concat":
                return Concat(function, model, root, strict);
            case "length":
            case "size":
                return Length(function, model, strict);
            case "append":
                return Append(function, model, root, strict);
            case "keys":
                // KeySetFunction: the names of an object's members; null for anything else.
                return model is JsonObject obj ? new JsonArray([.. obj.Select(pair => (JsonNode?)JsonValue.Create(pair.Key))]) : null;
            case "first":
                return Element(model, 0);
            case "last":
                return Element(model, -1);
            case "index":
                var numbers = Numbers(function, root, strict);
                return numbers.Count == 0
                    ? throw new JsonPathEvaluationException("index() needs a number")
                    : Element(model, (int)numbers[0]);
            default:
                throw new JsonPathInvalidAtRuntimeException($"Function with name: {function.Name} does not exist.");
        }
    }

    /// <summary>
    /// AbstractAggregation: the numbers among an array's elements and among the parameters; none
    /// at all is an error. Java's Double arithmetic: max starts at Double.MIN_VALUE (the smallest
    /// positive double), so the max of negative numbers is that tiny positive number.
    /// </summary>
    private static JsonNode? Aggregate(FunctionStep function, JsonNode? model, JsonNode? root, bool strict)
    {
        var values = new List<double>();
        if (model is JsonArray array)
        {
            values.AddRange(array.Select(NumberOf).OfType<double>());
        }

        values.AddRange(Numbers(function, root, strict));
        if (values.Count == 0)
        {
            throw new JsonPathEvaluationException("Aggregation function attempted to calculate value using empty array");
        }

        double result;
        switch (function.Name)
        {
            case "avg":
                result = values.Sum() / values.Count;
                break;
            case "sum":
                result = 0d;
                foreach (var value in values)
                {
                    result += value;
                }

                break;
            case "min":
                result = double.MaxValue;
                foreach (var value in values)
                {
                    result = result > value ? value : result;
                }

                break;
            case "max":
                result = double.Epsilon;
                foreach (var value in values)
                {
                    result = result < value ? value : result;
                }

                break;
            default:
                double sum = 0d, squares = 0d;
                foreach (var value in values)
                {
                    sum += value;
                    squares += value * value;
                }

                result = Math.Sqrt((squares / values.Count) - (sum * sum / values.Count / values.Count));
                break;
        }

        return JavaDouble(result);
    }

    /// <summary>Concatenate: the strings among an array's elements, then each parameter (non-strings written as Java writes them).</summary>
    private static JsonValue Concat(FunctionStep function, JsonNode? model, JsonNode? root, bool strict)
    {
        var builder = new StringBuilder();
        if (model is JsonArray array)
        {
            foreach (var element in array)
            {
                if (element is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    builder.Append(value.GetValue<string>());
                }
            }
        }

        foreach (var value in ParameterValues(function, root, strict))
        {
            foreach (var item in value is JsonArray list ? list : (IEnumerable<JsonNode?>)[value])
            {
                if (item is not null)
                {
                    builder.Append(JavaText(item));
                }
            }
        }

        return JsonValue.Create(builder.ToString());
    }

    /// <summary>
    /// Length: the number of elements of an array or members of an object; null for anything
    /// else (a string too). With a path parameter, the number of values under what the path reads
    /// (the path gets a wildcard appended and is read from the function's input).
    /// </summary>
    private static JsonValue? Length(FunctionStep function, JsonNode? model, bool strict)
    {
        if (function.Parameters.Count > 0)
        {
            var path = function.Parameters[0].Path ?? throw new JsonPathEvaluationException("length() takes a path parameter");
            if (!path.IsFunctionPath)
            {
                path = JsonPathQuery.Create(path.Text, path.IsRootPath, [.. path.Steps, new WildcardStep()]);
            }

            if (path.Value(model, model, strict) is JsonArray values)
            {
                return JsonValue.Create(values.Count);
            }
        }

        return model switch
        {
            JsonArray array => JsonValue.Create(array.Count),
            JsonObject obj => JsonValue.Create(obj.Count),
            _ => null,
        };
    }

    /// <summary>Append: an array with the parameters added at its end (the real server adds them to the document itself); anything else as it is.</summary>
    private static JsonNode? Append(FunctionStep function, JsonNode? model, JsonNode? root, bool strict)
    {
        if (model is not JsonArray array || function.Parameters.Count == 0)
        {
            return model;
        }

        var appended = (JsonArray)array.DeepClone();
        foreach (var value in ParameterValues(function, root, strict))
        {
            appended.Add(value?.DeepClone());
        }

        return appended;
    }

    /// <summary>
    /// AbstractSequenceAggregation: the element at an index of an array, a negative index from
    /// the end. As in Jayway, a negative index must land after the first element (so <c>last()</c>
    /// of a one-element array is an error), and anything but an array is an error.
    /// </summary>
    private static JsonNode? Element(JsonNode? model, int target)
    {
        if (model is not JsonArray array)
        {
            throw new JsonPathEvaluationException("Aggregation function attempted to calculate value using empty array");
        }

        if (target >= 0)
        {
            return target < array.Count ? array[target] : throw new JsonPathEvaluationException($"Index {target} out of bounds for length {array.Count}");
        }

        var real = array.Count + target;
        return real > 0 ? array[real] : throw new JsonPathEvaluationException($"Target index:{target} larger than object count:{array.Count}");
    }

    /// <summary>Parameter#getValue for each parameter: a path read from the document, or JSON text parsed.</summary>
    private static List<JsonNode?> ParameterValues(FunctionStep function, JsonNode? root, bool strict)
    {
        var values = new List<JsonNode?>();
        foreach (var parameter in function.Parameters)
        {
            if (parameter.Path is { } path)
            {
                values.Add(path.Value(root, root, strict));
            }
            else
            {
                values.Add(FilterEvaluators.ParsePermissiveJson(parameter.Json!) ?? throw new JsonPathEvaluationException($"Unable to parse {parameter.Json} as JSON"));
            }
        }

        return values;
    }

    /// <summary>Parameter#toList(Number.class): the numbers among the parameters (an array parameter gives its numeric elements).</summary>
    private static List<double> Numbers(FunctionStep function, JsonNode? root, bool strict)
    {
        var numbers = new List<double>();
        foreach (var value in ParameterValues(function, root, strict))
        {
            if (value is JsonArray array)
            {
                numbers.AddRange(array.Select(NumberOf).OfType<double>());
            }
            else if (NumberOf(value) is { } number)
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }

    private static double? NumberOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    /// <summary>How Java's toString writes a value read from the document (Integer and Long as digits, Double as Double#toString).</summary>
    internal static string JavaText(JsonNode node)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    return value.GetValue<string>();
                case JsonValueKind.Number:
                    var text = value.ToJsonString();
                    return text.AsSpan().IndexOfAny('.', 'e', 'E') < 0
                        ? text
                        : JavaDouble(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))?.ToJsonString() ?? text;
            }
        }

        return node.ToJsonString();
    }

    /// <summary>
    /// A double as Java's Double#toString writes it (the real server's functions return Double):
    /// <c>6.0</c>, <c>0.5</c>, <c>1.0E7</c>, <c>1.0E-4</c>. Not-a-number and infinities read as null.
    /// </summary>
    internal static JsonNode? JavaDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return null;
        }

        if (Math.Abs(value) == double.Epsilon)
        {
            // Java writes its Double.MIN_VALUE with two digits, where .NET's shortest form is 5E-324.
            return JsonNode.Parse(value < 0 ? "-4.9E-324" : "4.9E-324");
        }

        // The shortest digits that read back as the value, and where the decimal point goes.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture).TrimStart('-');
        var parts = shortest.Split('E');
        var exponent = parts.Length > 1 ? int.Parse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var point = parts[0].IndexOf('.', StringComparison.Ordinal);
        var digits = parts[0].Replace(".", "", StringComparison.Ordinal);
        point = (point < 0 ? parts[0].Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        point -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return JsonNode.Parse(value < 0 || (value == 0 && double.IsNegative(value)) ? "-0.0" : "0.0");
        }

        var sign = value < 0 ? "-" : "";
        var magnitude = Math.Abs(value);
        string text;
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            // Plain notation with at least one digit after the point.
            var whole = point <= 0 ? "0" : digits.Length >= point ? digits[..point] : digits + new string('0', point - digits.Length);
            var fraction = point < 0 ? new string('0', -point) + digits : digits.Length > point ? digits[point..] : "";
            text = sign + whole + "." + (fraction.Length == 0 ? "0" : fraction);
        }
        else
        {
            // Computerized scientific notation: one digit before the point.
            text = sign + digits[0] + "." + (digits.Length > 1 ? digits[1..] : "0") + "E" + (point - 1).ToString(CultureInfo.InvariantCulture);
        }

        return JsonNode.Parse(text);
    }
}
