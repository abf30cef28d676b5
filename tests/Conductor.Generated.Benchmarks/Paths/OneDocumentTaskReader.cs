using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// A way of reading a poll answer that was tried for the runtime and measured slower than its
/// own (docs/performance.md): each task's <c>inputData</c> and <c>outputData</c> are elements of
/// one document of the whole answer rather than copies.
/// </summary>
/// <remarks>
/// Deserializing a <see cref="JsonElement"/> property copies its value into a document of its
/// own, reading it twice more; for a large input that copy lands on the large-object heap. Here
/// the answer is parsed once, each task's other fields are read from its element with the
/// source-generated contract while the two elements are skipped, and then the two properties are
/// pointed at the answer's document. That document owns a copy of the body and is never
/// returned to a pool, so the elements stay valid as long as anyone holds them, like the copies
/// they replace.
/// </remarks>
internal static class OneDocumentTaskReader
{
    /// <summary>The tasks of a poll answer: a JSON array of tasks, or <c>null</c> for none.</summary>
    /// <exception cref="JsonException">The body is not JSON, or not an array of tasks.</exception>
    public static List<ConductorTask> ReadBatch(ReadOnlySpan<byte> body)
    {
        var answer = ParseIntoOwnedDocument(body);
        if (answer.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (answer.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"A poll answer must be a JSON array of tasks, not {answer.ValueKind}.");
        }

        var tasks = new List<ConductorTask>(answer.GetArrayLength());
        foreach (var element in answer.EnumerateArray())
        {
            // A null in the array stays null, as the serializer reads it into a list.
            tasks.Add(Read(element)!);
        }

        return tasks;
    }

    /// <summary>The task of an answer holding one task object, or <see langword="null"/> for <c>null</c>.</summary>
    /// <exception cref="JsonException">The body is not JSON, or not a task object.</exception>
    public static ConductorTask? ReadOne(ReadOnlySpan<byte> body) => Read(ParseIntoOwnedDocument(body));

    /// <summary>
    /// Parses <paramref name="body"/>, which must be one JSON value and nothing after it, into a
    /// document over a copy of it: the caller's buffer may be reused as soon as this returns.
    /// </summary>
    private static JsonElement ParseIntoOwnedDocument(ReadOnlySpan<byte> body) =>
        // The serializer's JsonElement reading copies the value into an array of its own and parses
        // it into a document that rents nothing from a pool, which is what the tasks need.
        JsonSerializer.Deserialize(body, ConductorJsonContext.Default.JsonElement);

    private static ConductorTask? Read(JsonElement element)
    {
        var task = element.Deserialize(SkippedElementsJsonContext.Default.ConductorTask);
        if (task is null)
        {
            return null;
        }

        // The skipping converter leaves a placeholder where the answer has the property and
        // nothing (Undefined) where it has not: only present properties are looked up.
        if (task.InputData.ValueKind != JsonValueKind.Undefined)
        {
            task.InputData = PropertyOf(element, "inputData");
        }

        if (task.OutputData.ValueKind != JsonValueKind.Undefined)
        {
            task.OutputData = PropertyOf(element, "outputData");
        }

        return task;
    }

    private static JsonElement PropertyOf(JsonElement task, string name)
    {
        if (task.TryGetProperty(name, out var value))
        {
            return value;
        }

        // The contract matches names without regard to case; servers send camelCase, so this
        // slower search (a string per name) is for the odd answer only. The last match wins, as
        // it does for the serializer (which also would take a differently cased duplicate after
        // the exact name; no server sends one).
        foreach (var property in task.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
            }
        }

        return value;
    }
}
