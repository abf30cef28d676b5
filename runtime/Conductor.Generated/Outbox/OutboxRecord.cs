using System.Text.Json.Serialization;
using Conductor.Generated.Client;

namespace Conductor.Generated.Outbox;

/// <summary>
/// One result kept on disk until the server has it: a file
/// <c>{taskId}.{unique}.result.json</c> holding this object.
/// </summary>
/// <param name="Version">The format version; this runtime writes and reads <see cref="CurrentVersion"/>.</param>
/// <param name="TaskType">The task type, for logs and metrics when the result is sent after a restart.</param>
/// <param name="Result">The result exactly as it is sent to the server.</param>
internal sealed record OutboxRecord(int Version, string TaskType, TaskResult Result)
{
    public const int CurrentVersion = 1;
}

/// <summary>A result stored in the outbox, and the file that holds it.</summary>
internal sealed record StoredResult(string Path, long Bytes, string TaskType, TaskResult Result);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = ConductorJsonContext.MaxDepth + 8)]
[JsonSerializable(typeof(OutboxRecord))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext
{
}
