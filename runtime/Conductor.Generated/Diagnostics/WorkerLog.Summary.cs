using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Diagnostics;

/// <summary>The periodic summary of each worker, and expected terminal failures.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 66, Level = LogLevel.Information, Message = "Worker '{TaskType}': {Completed} completed, {Failed} failed in the last {IntervalSeconds} s; {InProgress} in progress")]
    public static partial void WorkerSummary(ILogger logger, string taskType, long completed, long failed, long intervalSeconds, int inProgress);

    /// <summary>
    /// A worker threw <see cref="NonRetryableException"/>: an outcome the worker chose, so no
    /// stack trace (the exception is not logged); the reason is the exception's message.
    /// </summary>
    [LoggerMessage(EventId = 67, Level = LogLevel.Warning, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) failed for good ({ExceptionType}): {Reason}")]
    public static partial void TaskFailedForGood(ILogger logger, string taskId, string taskType, string workflowId, string exceptionType, string reason);

    [LoggerMessage(EventId = 68, Level = LogLevel.Information, Message = "{Signal} received: stopping the workers; running tasks have {GracePeriodMs} ms to finish (send it again to end the process at once)")]
    public static partial void StopSignalReceived(ILogger logger, string signal, long gracePeriodMs);
}
