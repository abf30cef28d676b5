using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Testing;

/// <summary>The server's log messages, generated at compile time.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Workflow {WorkflowId} ({WorkflowName} v{Version}) started")]
    public static partial void WorkflowStarted(ILogger logger, string workflowId, string? workflowName, int version);

    /// <summary>Logs the end of a workflow, with its reason only when it has one.</summary>
    public static void WorkflowEnded(ILogger logger, string workflowId, string status, string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            WorkflowEndedWithoutReason(logger, workflowId, status);
        }
        else
        {
            WorkflowEndedWithReason(logger, workflowId, status, reason);
        }
    }

    [LoggerMessage(2, LogLevel.Information, "Workflow {WorkflowId} ended {Status}: {Reason}")]
    private static partial void WorkflowEndedWithReason(ILogger logger, string workflowId, string status, string reason);

    [LoggerMessage(12, LogLevel.Information, "Workflow {WorkflowId} ended {Status}")]
    private static partial void WorkflowEndedWithoutReason(ILogger logger, string workflowId, string status);

    [LoggerMessage(3, LogLevel.Debug, "Task {TaskId} ({ReferenceTaskName}, retry {RetryCount}) scheduled on queue {QueueName}")]
    public static partial void TaskScheduled(ILogger logger, string taskId, string referenceTaskName, int retryCount, string queueName);

    [LoggerMessage(4, LogLevel.Debug, "Task {TaskId} handed to worker {WorkerId} (poll {PollCount})")]
    public static partial void TaskHandedOut(ILogger logger, string taskId, string? workerId, int pollCount);

    [LoggerMessage(5, LogLevel.Debug, "Task {TaskId} updated to {Status} by worker {WorkerId}")]
    public static partial void TaskUpdated(ILogger logger, string taskId, string status, string? workerId);

    [LoggerMessage(6, LogLevel.Information, "Task {TaskId} timed out: {Reason}")]
    public static partial void TaskTimedOut(ILogger logger, string taskId, string reason);

    [LoggerMessage(7, LogLevel.Debug, "{Method} {Path} answered {StatusCode}: {Message}")]
    public static partial void RequestRefused(ILogger logger, string method, string path, int statusCode, string message);

    [LoggerMessage(8, LogLevel.Error, "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(9, LogLevel.Information, "Conductor test server listening on {ApiUrl}")]
    public static partial void Listening(ILogger logger, Uri apiUrl);

    [LoggerMessage(10, LogLevel.Debug, "Injected {Fault} into {Method} {Path}")]
    public static partial void FaultInjected(ILogger logger, string fault, string method, string path);

    [LoggerMessage(11, LogLevel.Information, "Conductor test server stopped listening on {ApiUrl}; listening again in {Downtime}")]
    public static partial void Restarting(ILogger logger, Uri apiUrl, TimeSpan downtime);

    [LoggerMessage(40, LogLevel.Warning, "Workflow {WorkflowId} is past its time limit (ALERT_ONLY): {Reason}")]
    public static partial void WorkflowTimeoutAlert(ILogger logger, string workflowId, string reason);
}
