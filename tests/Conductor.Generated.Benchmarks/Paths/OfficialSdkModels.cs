using System.Runtime.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace Conductor.Generated.Benchmarks.Paths;

// The official C# SDK's Task and TaskResult models (conductor-oss/csharp-sdk,
// Conductor/Client/Models/Task.cs and TaskResult.cs at commit
// ab5b8f7a8800a7365bfd0aecc21931b72b0c3c45), as Newtonsoft.Json sees them: DataContract names,
// nullable fields, string enums. Only the fields of the benchmark's poll answer are kept; the
// SDK also maps the embedded workflowTask into its WorkflowTask model, which is skipped here,
// so this reproduction is if anything faster than the SDK.

/// <summary>The SDK's polled task.</summary>
[DataContract]
internal sealed class SdkTask
{
    [JsonConverter(typeof(StringEnumConverter))]
    public enum StatusEnum
    {
        [EnumMember(Value = "IN_PROGRESS")] INPROGRESS = 1,
        [EnumMember(Value = "CANCELED")] CANCELED = 2,
        [EnumMember(Value = "FAILED")] FAILED = 3,
        [EnumMember(Value = "FAILED_WITH_TERMINAL_ERROR")] FAILEDWITHTERMINALERROR = 4,
        [EnumMember(Value = "COMPLETED")] COMPLETED = 5,
        [EnumMember(Value = "COMPLETED_WITH_ERRORS")] COMPLETEDWITHERRORS = 6,
        [EnumMember(Value = "SCHEDULED")] SCHEDULED = 7,
        [EnumMember(Value = "TIMED_OUT")] TIMEDOUT = 8,
        [EnumMember(Value = "SKIPPED")] SKIPPED = 9,
    }

    [DataMember(Name = "status", EmitDefaultValue = false)] public StatusEnum? Status { get; set; }
    [DataMember(Name = "callbackAfterSeconds", EmitDefaultValue = false)] public long? CallbackAfterSeconds { get; set; }
    [DataMember(Name = "callbackFromWorker", EmitDefaultValue = false)] public bool? CallbackFromWorker { get; set; }
    [DataMember(Name = "correlationId", EmitDefaultValue = false)] public string? CorrelationId { get; set; }
    [DataMember(Name = "domain", EmitDefaultValue = false)] public string? Domain { get; set; }
    [DataMember(Name = "endTime", EmitDefaultValue = false)] public long? EndTime { get; set; }
    [DataMember(Name = "executed", EmitDefaultValue = false)] public bool? Executed { get; set; }
    [DataMember(Name = "externalOutputPayloadStoragePath", EmitDefaultValue = false)] public string? ExternalOutputPayloadStoragePath { get; set; }
    [DataMember(Name = "inputData", EmitDefaultValue = false)] public Dictionary<string, object>? InputData { get; set; }
    [DataMember(Name = "iteration", EmitDefaultValue = false)] public int? Iteration { get; set; }
    [DataMember(Name = "loopOverTask", EmitDefaultValue = false)] public bool? LoopOverTask { get; set; }
    [DataMember(Name = "outputData", EmitDefaultValue = false)] public Dictionary<string, object>? OutputData { get; set; }
    [DataMember(Name = "pollCount", EmitDefaultValue = false)] public int? PollCount { get; set; }
    [DataMember(Name = "queueWaitTime", EmitDefaultValue = false)] public long? QueueWaitTime { get; set; }
    [DataMember(Name = "rateLimitFrequencyInSeconds", EmitDefaultValue = false)] public int? RateLimitFrequencyInSeconds { get; set; }
    [DataMember(Name = "rateLimitPerFrequency", EmitDefaultValue = false)] public int? RateLimitPerFrequency { get; set; }
    [DataMember(Name = "reasonForIncompletion", EmitDefaultValue = false)] public string? ReasonForIncompletion { get; set; }
    [DataMember(Name = "referenceTaskName", EmitDefaultValue = false)] public string? ReferenceTaskName { get; set; }
    [DataMember(Name = "responseTimeoutSeconds", EmitDefaultValue = false)] public long? ResponseTimeoutSeconds { get; set; }
    [DataMember(Name = "retried", EmitDefaultValue = false)] public bool? Retried { get; set; }
    [DataMember(Name = "retryCount", EmitDefaultValue = false)] public int? RetryCount { get; set; }
    [DataMember(Name = "scheduledTime", EmitDefaultValue = false)] public long? ScheduledTime { get; set; }
    [DataMember(Name = "seq", EmitDefaultValue = false)] public int? Seq { get; set; }
    [DataMember(Name = "startDelayInSeconds", EmitDefaultValue = false)] public int? StartDelayInSeconds { get; set; }
    [DataMember(Name = "startTime", EmitDefaultValue = false)] public long? StartTime { get; set; }
    [DataMember(Name = "subWorkflowId", EmitDefaultValue = false)] public string? SubWorkflowId { get; set; }
    [DataMember(Name = "subworkflowChanged", EmitDefaultValue = false)] public bool? SubworkflowChanged { get; set; }
    [DataMember(Name = "taskDefName", EmitDefaultValue = false)] public string? TaskDefName { get; set; }
    [DataMember(Name = "taskId", EmitDefaultValue = false)] public string? TaskId { get; set; }
    [DataMember(Name = "taskType", EmitDefaultValue = false)] public string? TaskType { get; set; }
    [DataMember(Name = "updateTime", EmitDefaultValue = false)] public long? UpdateTime { get; set; }
    [DataMember(Name = "workerId", EmitDefaultValue = false)] public string? WorkerId { get; set; }
    [DataMember(Name = "workflowInstanceId", EmitDefaultValue = false)] public string? WorkflowInstanceId { get; set; }
    [DataMember(Name = "workflowPriority", EmitDefaultValue = false)] public int? WorkflowPriority { get; set; }
    [DataMember(Name = "workflowType", EmitDefaultValue = false)] public string? WorkflowType { get; set; }
}

/// <summary>The SDK's result body.</summary>
[DataContract]
internal sealed class SdkTaskResult
{
    [JsonConverter(typeof(StringEnumConverter))]
    public enum StatusEnum
    {
        [EnumMember(Value = "IN_PROGRESS")] INPROGRESS = 1,
        [EnumMember(Value = "FAILED")] FAILED = 2,
        [EnumMember(Value = "FAILED_WITH_TERMINAL_ERROR")] FAILEDWITHTERMINALERROR = 3,
        [EnumMember(Value = "COMPLETED")] COMPLETED = 4,
    }

    public SdkTaskResult(
        long? callbackAfterSeconds = default, string? externalOutputPayloadStoragePath = default, Dictionary<string, object>? outputData = default,
        string? reasonForIncompletion = default, StatusEnum? status = default, string? subWorkflowId = default, string? taskId = default,
        string? workerId = default, string? workflowInstanceId = default)
    {
        TaskId = taskId;
        WorkflowInstanceId = workflowInstanceId;
        CallbackAfterSeconds = callbackAfterSeconds;
        ExternalOutputPayloadStoragePath = externalOutputPayloadStoragePath;
        OutputData = outputData;
        ReasonForIncompletion = reasonForIncompletion;
        Status = status;
        SubWorkflowId = subWorkflowId;
        WorkerId = workerId;
    }

    [DataMember(Name = "status", EmitDefaultValue = false)] public StatusEnum? Status { get; set; }
    [DataMember(Name = "callbackAfterSeconds", EmitDefaultValue = false)] public long? CallbackAfterSeconds { get; set; }
    [DataMember(Name = "externalOutputPayloadStoragePath", EmitDefaultValue = false)] public string? ExternalOutputPayloadStoragePath { get; set; }
    // The SDK's type is List<TaskExecLog>; it is only set when a worker throws, never here.
    [DataMember(Name = "logs", EmitDefaultValue = false)] public List<string>? Logs { get; set; }
    [DataMember(Name = "outputData", EmitDefaultValue = false)] public Dictionary<string, object>? OutputData { get; set; }
    [DataMember(Name = "reasonForIncompletion", EmitDefaultValue = false)] public string? ReasonForIncompletion { get; set; }
    [DataMember(Name = "subWorkflowId", EmitDefaultValue = false)] public string? SubWorkflowId { get; set; }
    [DataMember(Name = "taskId", EmitDefaultValue = false)] public string? TaskId { get; set; }
    [DataMember(Name = "workerId", EmitDefaultValue = false)] public string? WorkerId { get; set; }
    [DataMember(Name = "workflowInstanceId", EmitDefaultValue = false)] public string? WorkflowInstanceId { get; set; }
}
