using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TaskExecutionLog = Conductor.Generated.Client.TaskExecutionLog;

namespace Conductor.Generated.Testing;

/// <summary>What a worker reports for a task (<c>POST /api/tasks</c>, <c>/api/tasks/update-v2</c>).</summary>
internal sealed class TaskResult
{
    public string? WorkflowInstanceId { get; set; }
    public string? TaskId { get; set; }
    public string? ReasonForIncompletion { get; set; }
    public long CallbackAfterSeconds { get; set; }
    public string? WorkerId { get; set; }
    public TaskResultStatus? Status { get; set; }
    public JsonObject? OutputData { get; set; }
    public string? ExternalOutputPayloadStoragePath { get; set; }
    public List<TaskExecutionLog>? Logs { get; set; }
    public bool ExtendLease { get; set; }
}

/// <summary>The statuses a worker may report.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskResultStatus>))]
internal enum TaskResultStatus
{
    [JsonStringEnumMemberName("IN_PROGRESS")]
    InProgress,
    [JsonStringEnumMemberName("FAILED")]
    Failed,
    [JsonStringEnumMemberName("FAILED_WITH_TERMINAL_ERROR")]
    FailedWithTerminalError,
    [JsonStringEnumMemberName("COMPLETED")]
    Completed,
    [JsonStringEnumMemberName("CANCELED")]
    Canceled,
}

/// <summary>The body of <c>POST /api/workflow</c>; <see cref="WorkflowTestRequest"/> adds the mocks to it.</summary>
internal class StartWorkflowRequest
{
    public string? Name { get; set; }
    public int? Version { get; set; }
    public string? CorrelationId { get; set; }
    public JsonObject? Input { get; set; }
    public Dictionary<string, string>? TaskToDomain { get; set; }
    public WorkflowDef? WorkflowDef { get; set; }
    public int? Priority { get; set; }

    /// <summary>Read only to refuse it: this server keeps no workflow payloads in external storage.</summary>
    public string? ExternalInputPayloadStoragePath { get; set; }

    /// <summary>The refusal of <see cref="ExternalInputPayloadStoragePath"/>, or null when it is not set.</summary>
    public string? ExternalInputRefusal() => string.IsNullOrEmpty(ExternalInputPayloadStoragePath)
        ? null
        : "externalInputPayloadStoragePath is not supported by the Conductor test server: it keeps only task payloads in external storage";
}

/// <summary>The error body of every failed request, as the real server's exception mappers write it.</summary>
internal sealed class ErrorResponse
{
    public int Status { get; set; }
    public string? Code { get; set; }
    public string? Message { get; set; }
    public string? Instance { get; set; }
    public bool Retryable { get; set; }
    public List<ValidationError>? ValidationErrors { get; set; }
}

/// <summary>One failed constraint of a request body.</summary>
internal sealed record ValidationError(string Path, string Message, string? InvalidValue = null);

/// <summary>The answer of <c>PUT /api/metadata/workflow</c>.</summary>
internal sealed class BulkResponse
{
    public Dictionary<string, string> BulkErrorResults { get; set; } = [];
    public List<string> BulkSuccessfulResults { get; set; } = [];

    /// <summary>BulkResponse#message, the same text on every answer.</summary>
    public string Message { get; set; } = "Bulk Request has been processed.";
}

/// <summary>The answer of <c>GET /api/tasks/externalstoragelocation</c> (ExternalStorageLocation).</summary>
internal sealed class ExternalStorageLocationBody
{
    public string? Uri { get; set; }
    public string? Path { get; set; }
}
