using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conductor.Generated.Benchmarks;

/// <summary>
/// Checks, before anything is measured, that every path turns the poll answer into the same
/// result: status <c>COMPLETED</c>, the task's ids, and the same <c>outputData</c>.
/// </summary>
/// <remarks>
/// Output property names are compared ignoring case: the official SDK writes .NET names as they
/// are (<c>OrderId</c>), because its Newtonsoft settings have no naming policy, where the other
/// paths write camelCase. Numbers are compared by value (<c>5</c> and <c>5.0</c> are equal).
/// </remarks>
internal static class DispatchEquivalence
{
    /// <summary>Runs every path once on <paramref name="scenario"/>; throws when a result differs from the generated one.</summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> VerifyAsync(Scenario scenario)
    {
        var bodies = new Dictionary<string, byte[]>
        {
            ["generated"] = await scenario.Generated.ExecuteAsync(scenario.PollResponse),
            ["generated, task read lazily"] = await scenario.LazyReadGenerated.ExecuteAsync(scenario.PollResponse),
            ["generated, task read into one document"] = await scenario.OneDocumentGenerated.ExecuteAsync(scenario.PollResponse),
            ["official SDK"] = await scenario.OfficialSdk.ExecuteAsync(scenario.PollResponse),
            ["official SDK, inline call"] = await scenario.OfficialSdkInline.ExecuteAsync(scenario.PollResponse),
            ["best reflection"] = scenario.Reflection.Execute(scenario.PollResponse),
        };

        using var poll = JsonDocument.Parse(scenario.PollResponse);
        var task = poll.RootElement[0];
        using var expected = JsonDocument.Parse(bodies["generated"]);
        foreach (var (path, body) in bodies)
        {
            using var actual = JsonDocument.Parse(body);
            var result = actual.RootElement;
            Require(result.GetProperty("status").GetString() == "COMPLETED", scenario, path, body, "status is not COMPLETED");
            Require(result.GetProperty("taskId").GetString() == task.GetProperty("taskId").GetString(), scenario, path, body, "wrong taskId");
            Require(
                result.GetProperty("workflowInstanceId").GetString() == task.GetProperty("workflowInstanceId").GetString(),
                scenario, path, body, "wrong workflowInstanceId");
            Require(
                JsonEquals(result.GetProperty("outputData"), expected.RootElement.GetProperty("outputData")),
                scenario, path, body, "outputData differs from the generated path's " + Encoding.UTF8.GetString(bodies["generated"]));
        }

        return bodies;
    }

    private static void Require(bool condition, Scenario scenario, string path, byte[] body, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(
                $"{scenario.Workload}: the {path} path's result is wrong ({problem}): {Encoding.UTF8.GetString(body)}");
        }
    }

    private static bool JsonEquals(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.Object:
                var leftProperties = left.EnumerateObject().ToList();
                var rightProperties = right.EnumerateObject().ToList();
                return leftProperties.Count == rightProperties.Count && leftProperties.Zip(rightProperties).All(pair =>
                    string.Equals(pair.First.Name, pair.Second.Name, StringComparison.OrdinalIgnoreCase)
                    && JsonEquals(pair.First.Value, pair.Second.Value));
            case JsonValueKind.Array:
                return left.GetArrayLength() == right.GetArrayLength()
                    && left.EnumerateArray().Zip(right.EnumerateArray()).All(pair => JsonEquals(pair.First, pair.Second));
            case JsonValueKind.Number:
                return left.TryGetDecimal(out var leftDecimal) && right.TryGetDecimal(out var rightDecimal)
                    ? leftDecimal == rightDecimal
                    : left.GetDouble().ToString("R", CultureInfo.InvariantCulture) == right.GetDouble().ToString("R", CultureInfo.InvariantCulture);
            case JsonValueKind.String:
                return left.GetString() == right.GetString();
            default:
                return true;
        }
    }
}
