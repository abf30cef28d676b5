using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Client;

/// <summary>
/// The JSON contract of the Conductor API: camelCase names, unknown fields ignored, nulls left
/// out of requests so the server's defaults apply. Source-generated, so no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    MaxDepth = ConductorJsonContext.MaxDepth)]
[JsonSerializable(typeof(List<ConductorTask>))]
[JsonSerializable(typeof(ConductorTask))]
[JsonSerializable(typeof(TaskResult))]
[JsonSerializable(typeof(List<TaskDefinition>))]
[JsonSerializable(typeof(WorkflowDefinition))]
[JsonSerializable(typeof(List<WorkflowDefinition>))]
[JsonSerializable(typeof(StartWorkflowRequest))]
[JsonSerializable(typeof(Workflow))]
[JsonSerializable(typeof(ConductorErrorResponse))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ExternalStorageLocation))]
[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class ConductorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// As deep as the server reads and writes JSON: Jackson 2.18's default nesting limit of
    /// 1,000 (StreamReadConstraints/StreamWriteConstraints), which ObjectMapperProvider keeps.
    /// </summary>
    internal const int MaxDepth = 1000;
}
