using System.Net;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Diagnostics;

/// <summary>
/// Every log message of the worker runtime, source-generated. Event ids are stable. No message
/// carries task input or output: they may hold secrets.
/// </summary>
internal static partial class WorkerLog
{
    public const string CategoryName = "Conductor.Generated.Worker";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Conductor workers starting against {ServerUrl} as worker '{WorkerId}': {WorkerCount} task type(s), authentication: {Authentication}")]
    public static partial void HostStarting(ILogger logger, Uri serverUrl, string workerId, int workerCount, string authentication);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Polling for '{TaskType}' with concurrency {Concurrency}, domain {Domain}, long poll {PollTimeoutMs} ms")]
    public static partial void WorkerPolling(ILogger logger, string taskType, int concurrency, string domain, long pollTimeoutMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Polling for '{TaskType}' failed; polling again in {RetryDelayMs} ms")]
    public static partial void PollFailed(ILogger logger, Exception exception, string taskType, long retryDelayMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) received")]
    public static partial void TaskReceived(ILogger logger, string taskId, string taskType, string workflowId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) failed: the worker threw")]
    public static partial void TaskThrew(ILogger logger, Exception exception, string taskId, string taskType, string workflowId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) failed for good: its input could not be bound: {BindingError}")]
    public static partial void TaskInputInvalid(ILogger logger, string taskId, string taskType, string workflowId, string bindingError);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) was cancelled because the worker host is stopping")]
    public static partial void TaskCancelledByShutdown(ILogger logger, string taskId, string taskType, string workflowId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Result {Status} of task {TaskId} of '{TaskType}' delivered")]
    public static partial void ResultDelivered(ILogger logger, string status, string taskId, string taskType);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Delivering result {Status} of task {TaskId} of '{TaskType}' failed (attempt {Attempt}); trying again in {RetryDelayMs} ms")]
    public static partial void ResultDeliveryFailed(ILogger logger, Exception exception, string status, string taskId, string taskType, int attempt, long retryDelayMs);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Result {Status} of task {TaskId} of '{TaskType}' rejected by the server with {StatusCode}; not retried: {Reason}")]
    public static partial void ResultRejected(ILogger logger, string status, string taskId, string taskType, HttpStatusCode statusCode, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Result of task {TaskId} of '{TaskType}' lost: status {Status} could not be delivered before the worker host stopped (attempts: {Attempts}); the server hands the task out again after its response timeout")]
    public static partial void ResultLost(ILogger logger, string taskId, string taskType, string status, int attempts);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "The server answered a poll for {Requested} task(s) of '{TaskType}' with {Received}; the extra tasks wait for free slots")]
    public static partial void PollReturnedTooMany(ILogger logger, string taskType, int requested, int received);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Conductor workers stopping: no more polls; in-flight tasks have {GracePeriodMs} ms to finish")]
    public static partial void HostStopping(ILogger logger, long gracePeriodMs);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Shutdown grace period over with {RunningTasks} task(s) still running; cancelling them and reporting them FAILED")]
    public static partial void GracePeriodOver(ILogger logger, int runningTasks);

    [LoggerMessage(EventId = 15, Level = LogLevel.Error, Message = "Conductor workers stopped with {RunningTasks} task(s) still running; their results are lost")]
    public static partial void StoppedWithTasksRunning(ILogger logger, int runningTasks);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Conductor workers stopped")]
    public static partial void HostStopped(ILogger logger);

    [LoggerMessage(EventId = 73, Level = LogLevel.Information, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) came with a poll answered after stopping began; handed back to the server's queue for another worker (IN_PROGRESS, callbackAfterSeconds 0), not started")]
    public static partial void TaskHandedBack(ILogger logger, string taskId, string taskType, string workflowId);

    [LoggerMessage(EventId = 17, Level = LogLevel.Error, Message = "Unexpected error in the worker of '{TaskType}'")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string taskType);

    [LoggerMessage(EventId = 18, Level = LogLevel.Error, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) returned an output that is not a JSON object; reported FAILED")]
    public static partial void OutputNotJsonObject(ILogger logger, string taskId, string taskType, string workflowId);

    [LoggerMessage(EventId = 19, Level = LogLevel.Information, Message = "The server answered {StatusCode} to POST /api/tasks/update-v2; results go to POST /api/tasks from now on")]
    public static partial void UpdateV2Unavailable(ILogger logger, int statusCode);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Result {Status} of task {TaskId} of '{TaskType}' delivered, but the next task in the answer could not be read; the server hands it out again after its response timeout")]
    public static partial void NextTaskUnreadable(ILogger logger, Exception exception, string status, string taskId, string taskType);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Task {TaskId} of '{TaskType}' received with the result of the previous one; running it without polling")]
    public static partial void NextTaskReceived(ILogger logger, string taskId, string taskType);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Worker '{TaskType}': {Property} set from the environment variable {Variable}")]
    public static partial void SettingFromEnvironment(ILogger logger, string taskType, string property, string variable);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Worker '{TaskType}' paused: no more polls until it is resumed; its running tasks go on")]
    public static partial void WorkerPaused(ILogger logger, string taskType);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Worker '{TaskType}' resumed")]
    public static partial void WorkerResumed(ILogger logger, string taskType);

    [LoggerMessage(EventId = 25, Level = LogLevel.Debug, Message = "Lease of task {TaskId} of '{TaskType}' extended")]
    public static partial void LeaseExtended(ILogger logger, string taskId, string taskType);

    [LoggerMessage(EventId = 26, Level = LogLevel.Warning, Message = "Extending the lease of task {TaskId} of '{TaskType}' failed; trying again in {RetryDelayMs} ms")]
    public static partial void LeaseExtensionFailed(ILogger logger, Exception exception, string taskId, string taskType, long retryDelayMs);

    [LoggerMessage(EventId = 27, Level = LogLevel.Warning, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) ran past its response timeout of {ResponseTimeoutSeconds} s and was cancelled; reported FAILED")]
    public static partial void TaskPastResponseTimeout(ILogger logger, string taskId, string taskType, string workflowId, long responseTimeoutSeconds);

    [LoggerMessage(EventId = 28, Level = LogLevel.Warning, Message = "Result of task {TaskId} of '{TaskType}' not delivered before the worker host stopped (status {Status}, attempts: {Attempts}); it stays in the outbox and is sent at the next start")]
    public static partial void ResultKeptInOutbox(ILogger logger, string taskId, string taskType, string status, int attempts);

    [LoggerMessage(EventId = 29, Level = LogLevel.Information, Message = "Sending the result of task {TaskId} of '{TaskType}' left in the outbox by an earlier run")]
    public static partial void OutboxResultResent(ILogger logger, string taskId, string taskType);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "The result outbox is full ({MaxBytes} bytes): the result of task {TaskId} of '{TaskType}' is sent from memory only")]
    public static partial void OutboxFull(ILogger logger, string taskId, string taskType, long maxBytes);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "The result of task {TaskId} of '{TaskType}' could not be written to the outbox (disk full?); it is sent from memory only")]
    public static partial void OutboxWriteFailed(ILogger logger, Exception exception, string taskId, string taskType);

    [LoggerMessage(EventId = 32, Level = LogLevel.Error, Message = "The outbox file {FileName} cannot be read; renamed to *.unreadable and not sent")]
    public static partial void OutboxFileUnreadable(ILogger logger, Exception exception, string fileName);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "The outbox file {FileName} could not be deleted; its result may be sent again at the next start (harmless)")]
    public static partial void OutboxDeleteFailed(ILogger logger, Exception exception, string fileName);
}
