using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TaskExecutionLog = Conductor.Generated.Client.TaskExecutionLog;

namespace Conductor.Generated.Testing;

/// <summary>
/// Every type the server reads or writes, serialized by generated code (no reflection, so the
/// server publishes with Native AOT). As the real server's Jackson setup: camelCase, no nulls
/// written, unknown properties ignored, numbers accepted as strings (<c>"60"</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TaskDef))]
[JsonSerializable(typeof(List<TaskDef>))]
[JsonSerializable(typeof(WorkflowDef))]
[JsonSerializable(typeof(WorkflowTask))]
[JsonSerializable(typeof(List<WorkflowTask>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<WorkflowDef>))]
[JsonSerializable(typeof(WorkflowExecution))]
[JsonSerializable(typeof(TaskExecution))]
[JsonSerializable(typeof(List<TaskExecution>))]
[JsonSerializable(typeof(List<TaskExecutionLog>))]
[JsonSerializable(typeof(TaskResult))]
[JsonSerializable(typeof(ExternalStorageLocationBody))]
[JsonSerializable(typeof(StartWorkflowRequest))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(BulkResponse))]
[JsonSerializable(typeof(GenerateTokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(UnauthorizedResponse))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, Dictionary<string, long>>>))]
[JsonSerializable(typeof(Dictionary<string, List<WorkflowExecution>>))]
[JsonSerializable(typeof(Dictionary<string, List<WorkflowDefSummary>>))]
[JsonSerializable(typeof(List<WorkflowExecution>))]
[JsonSerializable(typeof(List<PollData>))]
[JsonSerializable(typeof(List<WorkflowDefSummary>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(WorkflowStatusSummary))]
[JsonSerializable(typeof(RerunWorkflowRequest))]
[JsonSerializable(typeof(SkipTaskRequest))]
[JsonSerializable(typeof(SearchResult<WorkflowSummary>))]
[JsonSerializable(typeof(SearchResult<WorkflowExecution>))]
[JsonSerializable(typeof(SearchResult<TaskSummary>))]
[JsonSerializable(typeof(SearchResult<TaskExecution>))]
[JsonSerializable(typeof(SignalResponse))]
[JsonSerializable(typeof(WorkflowTestRequest))]
[JsonSerializable(typeof(ServerSnapshot))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
