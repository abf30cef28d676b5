using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conductor.Generated;
using Conductor.Generated.Client;

namespace Conductor.Generated.TestSupport;

/// <summary>
/// Checks a worker's generated binding against the input JSON Schema of its generated task
/// definition (docs/binding.md, "The input schema and binding"): values generated from the schema
/// must bind, and values the schema rejects must be refused with a binding error that names the
/// input key.
/// <para>
/// Valid values are generated from the schema's keywords. Formats are annotations in JSON Schema
/// 2020-12; the generator honours them with the forms binding.md documents (<c>int32</c>,
/// <c>int64</c>, <c>float</c>, <c>double</c> as ranges, <c>uuid</c>, <c>date-time</c>, <c>date</c>,
/// <c>uri</c>). Where the schema says any value because a converter of the user's decides (a
/// property of a user type with no type), no value is generated: the schema makes no claim there.
/// </para>
/// <para>
/// Rejected values are made by changing one part of a valid input to a value its schema rejects:
/// a missing required key, a value of another JSON kind, a number out of range or with a
/// fraction, a string that is no enum member or does not match a pattern or format. The
/// conversions binding.md lists as accepted beyond the schema are never generated as rejected:
/// a string holding a number or a boolean, numbers for enum members, epoch milliseconds for dates,
/// any case of an enum name, byte arrays as arrays of numbers, repeated set elements, and
/// <c>null</c> (the key's default, or the user's JSON context's own choice inside its types).
/// </para>
/// </summary>
public static class SchemaBindingCheck
{
    private static readonly HashSet<string> KnownKeywords =
    [
        "type", "format", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "contentEncoding",
        "uniqueItems", "items", "properties", "required", "additionalProperties", "description", "$schema", "not",
    ];

    /// <summary>Runs <paramref name="iterations"/> valid and as many rejected inputs through the worker's invoker.</summary>
    /// <param name="worker">The worker whose generated binding and input schema are checked.</param>
    /// <param name="iterations">How many valid inputs (and as many rejected ones) to try.</param>
    /// <param name="workLimits">
    /// Integer keys whose value sets how much work the worker's body does (a repeat count, a
    /// length), with the largest value to send them in a valid input, so that a valid input does
    /// not make the body build a string of gigabytes. A limit of the check, not of binding: the
    /// rejected inputs still try one past the schema's bounds.
    /// </param>
    /// <param name="ownRule">
    /// Recognises a binding error that a rule of the user's own type gave (a constructor that
    /// refuses a value): no schema generated from the type's shape can state such a rule.
    /// </param>
    public static async Task CheckAsync(WorkerDefinition worker, int iterations = 150, IReadOnlyDictionary<string, long>? workLimits = null, Func<string, bool>? ownRule = null)
    {
        ArgumentNullException.ThrowIfNull(worker);
        Assert.False(worker.TaskDefinitionJson is null, worker.TaskName + " has no generated task definition");
        using var definition = JsonDocument.Parse(worker.TaskDefinitionJson!);
        var schema = definition.RootElement.GetProperty("inputSchema").GetProperty("data").Clone();
        CheckKeywords(schema, "$");

        var seed = Environment.GetEnvironmentVariable("SCHEMA_CHECK_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : StableHash(worker.TaskName);
        var random = new Random(seed);
        var where = $"worker {worker.TaskName} (seed {seed}, SCHEMA_CHECK_SEED to replay)";

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var input = TopLevel(schema, random, workLimits);
            var json = Write(input);
            var (bindingFailed, error) = await InvokeAsync(worker, json, runsBody: true);
            if (bindingFailed && !(ownRule?.Invoke(error!) ?? false))
            {
                Assert.Fail($"{where}: a value the input schema accepts did not bind.\nInput: {json}\nError: {error}");
            }

            if (Reject(schema, input, random) is not { } rejected)
            {
                continue;
            }

            var rejectedJson = Write(rejected.Input);
            var (refused, refusal) = await InvokeAsync(worker, rejectedJson, runsBody: false);
            if (!refused)
            {
                Assert.Fail($"{where}: a value the input schema rejects ({rejected.What}) was bound.\nInput: {rejectedJson}");
            }

            Assert.True(
                refusal!.Contains(rejected.Key, StringComparison.Ordinal),
                $"{where}: the binding error does not name the key '{rejected.Key}' ({rejected.What}).\nInput: {rejectedJson}\nError: {refusal}");
        }
    }

    /// <summary>
    /// Invokes the worker. Generated invokers bind synchronously and only then call the method, so
    /// an invocation that has not completed when the invoker returns has bound its input and is
    /// running the body: it is not waited for. A body gets a cancelled token (so that a worker
    /// waiting for cancellation stops at once). A worker that throws has bound its input too
    /// (binding never throws), as has one whose service parameter cannot be resolved outside a host.
    /// </summary>
    private static async Task<(bool BindingFailed, string? Error)> InvokeAsync(WorkerDefinition worker, string json, bool runsBody)
    {
        var task = new ConductorTask
        {
            TaskId = "schema-check",
            TaskType = worker.TaskName,
            WorkflowInstanceId = "schema-check-workflow",
            InputData = JsonDocument.Parse(json).RootElement,
        };
        try
        {
            var pending = worker.Invoker(new TaskContext(task, "schema-check"), runsBody ? Cancelled : CancellationToken.None);
            if (!pending.IsCompleted)
            {
                _ = pending.AsTask().ContinueWith(finished => finished.Exception, TaskScheduler.Default);
                return (false, null);
            }

            var result = await pending;
            return (result.IsBindingFailure, result.BindingError);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            return (false, null);
        }
    }

    private static void CheckKeywords(JsonElement schema, string path)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            Assert.True(KnownKeywords.Contains(keyword.Name), $"The schema check does not know the keyword '{keyword.Name}' at {path}: teach it before relying on it.");
            Assert.True(keyword.Name != "not" || keyword.Value.GetRawText().Replace(" ", "", StringComparison.Ordinal) == "{\"type\":\"null\"}", $"The schema check knows only \"not\": {{\"type\": \"null\"}} ({path}).");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            CheckKeywords(items, path + ".items");
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            CheckKeywords(additional, path + ".additionalProperties");
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                CheckKeywords(property.Value, path + "." + property.Name);
            }
        }
    }

    // ---- valid values ----------------------------------------------------------------------

    private static readonly CancellationToken Cancelled = new(canceled: true);

    private static Dictionary<string, JsonElement> TopLevel(JsonElement schema, Random random, IReadOnlyDictionary<string, long>? workLimits)
    {
        var required = Required(schema);
        var input = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (required.Contains(property.Name) || random.Next(10) < 6)
                {
                    input[property.Name] = Valid(property.Value, random, depth: 0, topLevel: true);
                    if (workLimits is not null && workLimits.TryGetValue(property.Name, out var limit) && input[property.Name].ValueKind == JsonValueKind.Number)
                    {
                        var (minimum, _) = IntegerRange(property.Value);
                        input[property.Name] = Parse(((long)Math.Max(minimum, -limit) + random.NextInt64(0, limit + 1)).ToString(CultureInfo.InvariantCulture));
                    }
                }
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            for (var count = random.Next(3); count > 0; count--)
            {
                input.TryAdd("extra_" + random.Next(1000).ToString(CultureInfo.InvariantCulture), Valid(additional, random, 0, topLevel: true));
            }
        }

        return input;
    }

    private static JsonElement Valid(JsonElement schema, Random random, int depth, bool topLevel = false)
    {
        var types = Types(schema);
        if (types.Contains("null") && random.Next(5) == 0)
        {
            return Parse("null");
        }

        if (schema.TryGetProperty("enum", out var members))
        {
            var names = members.EnumerateArray().Where(member => member.ValueKind != JsonValueKind.Null).ToArray();
            return names[random.Next(names.Length)].Clone();
        }

        var type = types.FirstOrDefault(name => name != "null");
        return type switch
        {
            null when schema.TryGetProperty("not", out _) => NotNull(random, depth),
            null => AnyValue(random, depth),
            "string" => Parse(Quote(ValidString(schema, random))),
            "boolean" => Parse(random.Next(2) == 0 ? "true" : "false"),
            "integer" => Parse(ValidInteger(schema, random)),
            "number" => Parse(ValidNumber(schema, random)),
            "array" => ValidArray(schema, random, depth),
            "object" => ValidObject(schema, random, depth),
            _ => throw new InvalidOperationException("Unknown JSON type " + type),
        };
    }

    private static JsonElement AnyValue(Random random, int depth)
    {
        string[] scalars = ["null", "true", "0", "-12.5", "\"text\"", "\"\""];
        if (depth > 2 || random.Next(3) > 0)
        {
            return Parse(scalars[random.Next(scalars.Length)]);
        }

        return random.Next(2) == 0
            ? Parse("[" + AnyValue(random, depth + 1).GetRawText() + "]")
            : Parse("{\"any\":" + AnyValue(random, depth + 1).GetRawText() + "}");
    }

    private static JsonElement NotNull(Random random, int depth)
    {
        while (true)
        {
            var value = AnyValue(random, depth);
            if (value.ValueKind != JsonValueKind.Null)
            {
                return value;
            }
        }
    }

    private static string ValidString(JsonElement schema, Random random)
    {
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            var regex = new Regex(pattern.GetString()!, RegexOptions.CultureInvariant);
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var candidate = PatternCandidate(random);
                if (Matches(regex, candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("No candidate string matched the pattern " + pattern.GetString() + "; add candidates of its kind.");
        }

        if (schema.TryGetProperty("contentEncoding", out _))
        {
            var bytes = new byte[random.Next(0, 24)];
            random.NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && maxLength.GetInt32() == 1)
        {
            // One UTF-16 character that is not half of a surrogate pair.
            var character = (char)random.Next(0x20, 0xD7FF);
            return character.ToString();
        }

        var format = schema.TryGetProperty("format", out var formatValue) ? formatValue.GetString() : null;
        switch (format)
        {
            case "uuid":
                var guid = new byte[16];
                random.NextBytes(guid);
                return new Guid(guid).ToString(random.Next(2) == 0 ? "D" : "D").ToUpperInvariant();
            case "date-time":
                var ticks = (long)(random.NextDouble() * (DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay * 2)) + TimeSpan.TicksPerDay;
                var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                return random.Next(3) switch
                {
                    0 => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    1 => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                    _ => at.ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1))).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                };
            case "date":
                return DateOnly.FromDayNumber(random.Next(0, DateOnly.MaxValue.DayNumber + 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "uri":
                return random.Next(2) == 0
                    ? "https://example.com/" + random.Next(100000).ToString(CultureInfo.InvariantCulture) + "?q=" + random.Next(10).ToString(CultureInfo.InvariantCulture)
                    : "relative/path/" + random.Next(100).ToString(CultureInfo.InvariantCulture);
            case null:
                return RandomText(random);
            default:
                throw new InvalidOperationException("The schema check does not know the format " + format + ".");
        }
    }

    private static string RandomText(Random random)
    {
        string[] pieces = ["", "a", "Ada", " ", "\"", "\\", "\n", "é", "日本", "😀", "null", "42", "true", "<x>", "{}", "\u0001"];
        var builder = new StringBuilder();
        for (var count = random.Next(4); count > 0; count--)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>Strings near the patterns the generator writes (durations, times of day, versions), matching or not.</summary>
    private static string PatternCandidate(Random random)
    {
        string Digits(int most) => random.Next(10 * most) == 0 ? "" : string.Concat(Enumerable.Range(0, random.Next(1, most + 1)).Select(_ => (char)('0' + random.Next(10))));
        string TwoDigits(int most) => random.Next(0, most + 1).ToString("00", CultureInfo.InvariantCulture);
        string Maybe(string text) => random.Next(2) == 0 ? text : "";
        string Sometimes(string text) => random.Next(5) == 0 ? text : "";

        return random.Next(7) switch
        {
            // "c" form of a duration
            0 => Sometimes("-") + Maybe(Digits(8) + ".") + TwoDigits(random.Next(8) == 0 ? 30 : 23) + ":" + TwoDigits(random.Next(8) == 0 ? 70 : 59) + ":" + TwoDigits(59) + Maybe("." + Digits(8)),
            // ISO-8601 duration
            1 => Sometimes("-") + (random.Next(12) == 0 ? "p" : "P") + Maybe(Digits(6) + "W") + Maybe(Digits(7) + "D")
                + Maybe((random.Next(12) == 0 ? "t" : "T") + Maybe(Digits(8) + "H") + Maybe(Digits(9) + "M") + Maybe(Digits(10) + Maybe("." + Digits(8)) + "S")) + Sometimes("Y"),
            // time of day
            2 => TwoDigits(random.Next(8) == 0 ? 30 : 23) + ":" + TwoDigits(59) + Maybe(":" + TwoDigits(random.Next(8) == 0 ? 70 : 59) + Maybe("." + Digits(8))),
            // version
            3 => string.Join(".", Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(12) == 0 ? Digits(11) : Digits(3))),
            4 => Sometimes(" ") + string.Join(random.Next(2) == 0 ? "." : ":", Enumerable.Range(0, random.Next(1, 5)).Select(_ => Digits(3))) + Sometimes(" ") + Sometimes("\n"),
            5 => RandomText(random),
            _ => Digits(4),
        };
    }

    /// <summary>JSON Schema patterns are ECMA-262: "$" is the end of the text, never before a final newline as in .NET.</summary>
    private static bool Matches(Regex regex, string text) => regex.IsMatch(text) && !text.EndsWith('\n');

    private static string ValidInteger(JsonElement schema, Random random)
    {
        var (minimum, maximum) = IntegerRange(schema);
        var choice = random.Next(6);
        decimal value = choice switch
        {
            0 => minimum,
            1 => maximum,
            2 => Math.Clamp(0m, minimum, maximum),
            3 => Math.Clamp(random.Next(-1000, 1000), minimum, maximum),
            _ => minimum + decimal.Floor((maximum - minimum) * (decimal)random.NextDouble()),
        };
        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static (decimal Minimum, decimal Maximum) IntegerRange(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var formatValue) ? formatValue.GetString() : null;
        var (minimum, maximum) = format switch
        {
            "int32" => ((decimal)int.MinValue, (decimal)int.MaxValue),
            "int64" => (long.MinValue, long.MaxValue),
            null => (decimal.MinValue, decimal.MaxValue),
            _ => throw new InvalidOperationException("The schema check does not know the integer format " + format + "."),
        };
        if (schema.TryGetProperty("minimum", out var min))
        {
            minimum = Math.Max(minimum, min.GetDecimal());
        }

        if (schema.TryGetProperty("maximum", out var max))
        {
            maximum = Math.Min(maximum, max.GetDecimal());
        }

        Assert.True(minimum > decimal.MinValue && maximum < decimal.MaxValue, "An integer schema without bounds or a format claims every integer: " + schema.GetRawText());
        return (minimum, maximum);
    }

    private static string ValidNumber(JsonElement schema, Random random)
    {
        var format = schema.TryGetProperty("format", out var formatValue) ? formatValue.GetString() : null;
        if (format is "double" or "float")
        {
            var single = format == "float";
            var magnitude = random.Next(5) switch
            {
                0 => single ? float.MaxValue : double.MaxValue,
                1 => single ? float.Epsilon : double.Epsilon,
                2 => 0,
                3 => random.Next(-1000, 1000) / 8.0,
                _ => Math.Pow(10, random.Next(single ? -40 : -320, single ? 38 : 308)) * random.NextDouble(),
            };
            var value = random.Next(2) == 0 ? -magnitude : magnitude;
            return single ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
        }

        Assert.True(format is null, "The schema check does not know the number format " + format + ".");
        Assert.True(schema.TryGetProperty("minimum", out _) && schema.TryGetProperty("maximum", out _), "A number schema without bounds or a format claims every number: " + schema.GetRawText());
        var minimum = schema.GetProperty("minimum").GetDecimal();
        var maximum = schema.GetProperty("maximum").GetDecimal();
        var number = random.Next(4) switch
        {
            0 => minimum,
            1 => maximum,
            2 => decimal.Round(Math.Clamp(random.Next(-100000, 100000) / 64m, minimum, maximum), 6),
            _ => (minimum * (1 - (decimal)random.NextDouble())) + (maximum * (decimal)random.NextDouble() / 2),
        };
        return number.ToString(CultureInfo.InvariantCulture);
    }

    private static JsonElement ValidArray(JsonElement schema, Random random, int depth)
    {
        var items = new List<string>();
        if (schema.TryGetProperty("items", out var itemSchema))
        {
            var unique = schema.TryGetProperty("uniqueItems", out var uniqueItems) && uniqueItems.GetBoolean();
            for (var count = depth > 3 ? 0 : random.Next(4); count > 0; count--)
            {
                var item = Valid(itemSchema, random, depth + 1).GetRawText();
                if (!unique || !items.Contains(item))
                {
                    items.Add(item);
                }
            }
        }

        return Parse("[" + string.Join(",", items) + "]");
    }

    private static JsonElement ValidObject(JsonElement schema, Random random, int depth)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var required = Required(schema);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var isAny = Types(property.Value).Count == 0 && !property.Value.TryGetProperty("enum", out _);
                if (required.Contains(property.Name) || (!isAny && depth <= 3 && random.Next(10) < 7))
                {
                    members[property.Name] = Valid(property.Value, random, depth + 1).GetRawText();
                }
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object && depth <= 3)
        {
            for (var count = random.Next(3); count > 0; count--)
            {
                members.TryAdd(RandomText(random), Valid(additional, random, depth + 1).GetRawText());
            }
        }

        return Parse("{" + string.Join(",", members.Select(member => Quote(member.Key) + ":" + member.Value)) + "}");
    }

    // ---- rejected values -------------------------------------------------------------------

    private sealed record Rejection(Dictionary<string, JsonElement> Input, string Key, string What);

    private static Rejection? Reject(JsonElement schema, Dictionary<string, JsonElement> valid, Random random)
    {
        var required = Required(schema);
        var properties = schema.TryGetProperty("properties", out var declared)
            ? declared.EnumerateObject().ToDictionary(property => property.Name, property => property.Value, StringComparer.Ordinal)
            : [];
        var candidates = new List<Func<Rejection?>>();
        foreach (var key in required)
        {
            candidates.Add(() =>
            {
                var input = new Dictionary<string, JsonElement>(valid, StringComparer.Ordinal);
                input.Remove(key);
                // A key that differs only in case would still be read (keys match ignoring case when none matches exactly).
                return input.Keys.Any(other => string.Equals(other, key, StringComparison.OrdinalIgnoreCase)) ? null : new Rejection(input, key, "required key missing");
            });
        }

        foreach (var (key, value) in valid)
        {
            if (properties.TryGetValue(key, out var propertySchema) && Mutate(propertySchema, value, random, 0) is { } mutated)
            {
                candidates.Add(() =>
                {
                    var input = new Dictionary<string, JsonElement>(valid, StringComparer.Ordinal) { [key] = mutated.Value };
                    return new Rejection(input, key, mutated.What);
                });
            }
        }

        return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)]();
    }

    private sealed record Mutation(JsonElement Value, string What);

    /// <summary>A value <paramref name="schema"/> rejects, made from <paramref name="value"/>, or null when there is no safe one.</summary>
    private static Mutation? Mutate(JsonElement schema, JsonElement value, Random random, int depth)
    {
        var types = Types(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            value = Valid(schema, new Random(random.Next()), depth);
            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        // Deeper first, half of the time: one element, one dictionary value, one property.
        if (random.Next(2) == 0 && Inner(schema, value, random, depth) is { } inner)
        {
            return inner;
        }

        var choices = new List<(string Json, string What)>();
        if (schema.TryGetProperty("enum", out _))
        {
            choices.AddRange([("\"zz-not-a-member\"", "a name of no member"), ("1.5", "a fractional number for an enum"), ("true", "a boolean for an enum"), ("{}", "an object for an enum")]);
        }
        else if (types.Count == 0)
        {
            return null; // any value
        }
        else
        {
            var type = types.First(name => name != "null");
            var format = schema.TryGetProperty("format", out var formatValue) ? formatValue.GetString() : null;
            switch (type)
            {
                case "string":
                    choices.AddRange([("true", "a boolean for a string"), ("{}", "an object for a string"), ("[\"x\"]", "an array for a string")]);
                    if (format is not ("date-time"))
                    {
                        choices.Add(("5", "a number for a string"));
                    }
                    else
                    {
                        choices.Add(("1.5", "a fractional number for a date"));
                    }

                    if (schema.TryGetProperty("pattern", out var pattern))
                    {
                        var regex = new Regex(pattern.GetString()!, RegexOptions.CultureInvariant);
                        for (var attempt = 0; attempt < 50; attempt++)
                        {
                            var candidate = PatternCandidate(random);
                            if (!Matches(regex, candidate))
                            {
                                choices.Add((Quote(candidate), "a string the pattern does not match"));
                                break;
                            }
                        }
                    }
                    else if (schema.TryGetProperty("contentEncoding", out _))
                    {
                        choices.Add(("\"not base64!\"", "a string that is not base64"));
                    }
                    else if (schema.TryGetProperty("maxLength", out var maxLength) && maxLength.GetInt32() == 1)
                    {
                        choices.AddRange([("\"ab\"", "two characters for one"), ("\"\"", "no character for one")]);
                    }
                    else if (format is "uuid" or "date-time" or "date")
                    {
                        choices.AddRange([("\"not a " + format + "\"", "a string that is no " + format), ("\"\"", "an empty string for a " + format)]);
                        if (format == "date")
                        {
                            choices.Add(("\"2023-02-29\"", "a day February 2023 has not"));
                        }
                    }

                    break;
                case "boolean":
                    choices.AddRange([("\"maybe\"", "a string that is no boolean"), ("2", "a number for a boolean"), ("{}", "an object for a boolean"), ("[]", "an array for a boolean")]);
                    break;
                case "integer":
                    choices.AddRange([("\"many\"", "a string that is no number"), ("true", "a boolean for an integer"), ("{}", "an object for an integer"), ("[1]", "an array for an integer"), ("1.5", "a fraction for an integer")]);
                    var (minimum, maximum) = IntegerRange(schema);
                    choices.Add(((maximum + 1).ToString(CultureInfo.InvariantCulture), "one above the maximum"));
                    choices.Add(((minimum - 1).ToString(CultureInfo.InvariantCulture), "one below the minimum"));
                    break;
                case "number":
                    choices.AddRange([("\"many\"", "a string that is no number"), ("true", "a boolean for a number"), ("{}", "an object for a number"), ("[1]", "an array for a number")]);
                    choices.Add(format switch
                    {
                        "float" => ("1e39", "a number beyond float"),
                        "double" => ("1e400", "a number beyond double"),
                        _ => (schema.GetProperty("maximum").GetDecimal() == decimal.MaxValue ? "1e29" : "1e6", "a number above the maximum"),
                    });
                    break;
                case "array":
                    choices.AddRange([("{}", "an object for an array"), ("\"x\"", "a string for an array"), ("5", "a number for an array")]);
                    break;
                case "object":
                    choices.AddRange([("\"x\"", "a string for an object"), ("5", "a number for an object"), ("[]", "an array for an object"), ("true", "a boolean for an object")]);
                    break;
            }
        }

        var (json, what) = choices[random.Next(choices.Count)];
        return new Mutation(Parse(json), what);
    }

    private static Mutation? Inner(JsonElement schema, JsonElement value, Random random, int depth)
    {
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && schema.TryGetProperty("items", out var items))
        {
            var elements = value.EnumerateArray().Select(element => element.GetRawText()).ToList();
            var index = random.Next(elements.Count);
            if (Mutate(items, value[index], random, depth + 1) is { } element)
            {
                elements[index] = element.Value.GetRawText();
                return new Mutation(Parse("[" + string.Join(",", elements) + "]"), element.What + " in an element");
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var members = value.EnumerateObject().Select(member => (member.Name, Json: member.Value.GetRawText())).ToList();
            var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
            var required = Required(schema);
            var options = new List<Func<Mutation?>>();
            foreach (var (name, _) in members)
            {
                JsonElement memberSchema;
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var propertySchema))
                {
                    memberSchema = propertySchema;
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                {
                    memberSchema = additional;
                }
                else
                {
                    continue;
                }

                var memberName = name;
                options.Add(() => Mutate(memberSchema, value.GetProperty(memberName), random, depth + 1) is { } mutated
                    ? new Mutation(Parse("{" + string.Join(",", members.Select(member => Quote(member.Name) + ":" + (member.Name == memberName ? mutated.Value.GetRawText() : member.Json))) + "}"), mutated.What + " in '" + memberName + "'")
                    : null);
            }

            foreach (var name in required)
            {
                var requiredName = name;
                options.Add(() => new Mutation(Parse("{" + string.Join(",", members.Where(member => !string.Equals(member.Name, requiredName, StringComparison.OrdinalIgnoreCase)).Select(member => Quote(member.Name) + ":" + member.Json)) + "}"), "required property '" + requiredName + "' missing"));
            }

            if (options.Count > 0)
            {
                return options[random.Next(options.Count)]();
            }
        }

        return null;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static List<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(name => name.GetString()!)] : [type.GetString()!];
    }

    private static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(key => key.GetString()!)] : [];

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static string Write(Dictionary<string, JsonElement> input) =>
        "{" + string.Join(",", input.Select(member => Quote(member.Key) + ":" + member.Value.GetRawText())) + "}";

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var character in text)
        {
            hash = unchecked((hash * 31) + character);
        }

        return hash & 0x7FFFFFFF;
    }
}
