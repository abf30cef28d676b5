using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Diagnostics;

/// <summary>Log messages about payloads kept in the server's external payload storage.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 50, Level = LogLevel.Debug, Message = "Task {TaskId} of '{TaskType}': read its input of {Bytes} bytes from external payload storage path {Path}")]
    public static partial void ExternalInputRead(ILogger logger, string taskId, string taskType, string path, int bytes);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) not run and reported FAILED: {Reason}")]
    public static partial void ExternalInputUnreadable(ILogger logger, string taskId, string taskType, string workflowId, string reason);

    [LoggerMessage(EventId = 52, Level = LogLevel.Debug, Message = "Task {TaskId} of '{TaskType}': uploaded its output of {Bytes} bytes to external payload storage path {Path}")]
    public static partial void ExternalOutputUploaded(ILogger logger, string taskId, string taskType, string path, int bytes);

    [LoggerMessage(EventId = 53, Level = LogLevel.Warning, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) reported {Status}: {Reason}")]
    public static partial void ExternalOutputRefused(ILogger logger, string taskId, string taskType, string workflowId, string status, string reason);

    [LoggerMessage(EventId = 54, Level = LogLevel.Warning, Message = "External payload storage of task {TaskId} of '{TaskType}' failed (attempt {Attempt}); trying again in {RetryDelayMs} ms: {Error}")]
    public static partial void ExternalPayloadRetry(ILogger logger, string taskId, string taskType, int attempt, long retryDelayMs, string error);
}
