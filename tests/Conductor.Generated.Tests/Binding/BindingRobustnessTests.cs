using System.Globalization;
using System.Text;

namespace Conductor.Generated.Tests.Binding;

/// <summary>Binding reports bad input; it never throws, whatever JSON arrives.</summary>
public sealed class BindingRobustnessTests
{
    // Workers that throw or wait on purpose, and workers that dereference what they were given.
    internal static readonly HashSet<string> WorkersThatFailOnPurpose = new(StringComparer.Ordinal)
    {
        "binding_throws",
        "binding_throws_async",
        "binding_throws_non_retryable",
        "binding_waits_for_cancellation",
        "binding_ship",
        "binding_charge_card",
    };

    public static TheoryData<string> BindingWorkerNames =>
    [
        .. ConductorWorkers.All
            .Select(worker => worker.TaskName)
            .Where(name => name.StartsWith(Workers.TaskNamePrefix, StringComparison.Ordinal) && !WorkersThatFailOnPurpose.Contains(name)),
    ];

    [Theory]
    [MemberData(nameof(BindingWorkerNames))]
    public async Task Random_json_gives_a_result_and_never_an_exception(string taskName)
    {
        var worker = ConductorWorkers.All.Single(candidate => candidate.TaskName == taskName);
        var random = new Random(taskName.Length * 7919);

        for (var attempt = 0; attempt < 150; attempt++)
        {
            var input = RandomInput(random);

            var result = await worker.Invoker(InvokerHarness.ContextFor(input), CancellationToken.None);

            if (result.IsBindingFailure)
            {
                Assert.InRange(result.BindingError!.Length, 1, 500);
            }
            else
            {
                InvokerHarness.Parse(result);
            }
        }
    }

    /// <summary>An input object whose keys are the parameter names the binding workers use, with random values.</summary>
    private static string RandomInput(Random random)
    {
        var keys = new[] { "value", "count", "label", "color", "maybe", "note", "values", "first", "second", "third", "class", "progress", "name", "times", "VALUE" };
        var json = new StringBuilder("{");
        foreach (var key in keys.Where(_ => random.Next(3) > 0))
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            json.Append('"').Append(key).Append("\":");
            AppendValue(json, random, depth: 0);
        }

        return json.Append('}').ToString();
    }

    private static void AppendValue(StringBuilder json, Random random, int depth)
    {
        switch (random.Next(depth > 2 ? 9 : 11))
        {
            case 0:
                json.Append("null");
                break;
            case 1:
                json.Append(random.Next(2) == 0 ? "true" : "false");
                break;
            case 2:
                json.Append(random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture));
                break;
            case 3:
                json.Append((random.NextDouble() * Math.Pow(10, random.Next(-5, 40))).ToString("R", CultureInfo.InvariantCulture));
                break;
            case 4:
                json.Append("-1e400");
                break;
            case 5:
                json.Append('"').Append(Pick(random, "", "42", "red", "Green", "2024-05-01T10:00:00Z", "PT1H", "01:00:00", "6f9619ff-8b86-d011-b42d-00c04fc964ff", "NaN", "x\\\"y", "\\u0000")).Append('"');
                break;
            case 6:
                json.Append("18446744073709551616");
                break;
            case 7:
                json.Append("0.0000000000000000000000000000001");
                break;
            case 8:
                json.Append('"').Append(new string('z', random.Next(0, 300))).Append('"');
                break;
            case 9:
                json.Append('[');
                for (var index = random.Next(0, 4); index > 0; index--)
                {
                    AppendValue(json, random, depth + 1);
                    json.Append(index > 1 ? "," : "");
                }

                json.Append(']');
                break;
            default:
                json.Append('{');
                var count = random.Next(0, 3);
                for (var index = 0; index < count; index++)
                {
                    json.Append('"').Append(Pick(random, "city", "street", "value", "id", "a b")).Append(index.ToString(CultureInfo.InvariantCulture)).Append("\":");
                    AppendValue(json, random, depth + 1);
                    json.Append(index < count - 1 ? "," : "");
                }

                json.Append('}');
                break;
        }
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];
}
