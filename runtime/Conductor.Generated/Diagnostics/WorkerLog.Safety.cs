using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Diagnostics;

// Answers that are not the server's, tasks that cannot be read, and an outbox directory that is not as it should be.
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 60, Level = LogLevel.Error, Message = "Result {Status} of task {TaskId} of '{TaskType}' was not delivered: the answer did not come from the Conductor server (redirect to {Location}); the result is kept and retried. {Reason}")]
    public static partial void ResultAnswerNotFromServer(ILogger logger, string status, string taskId, string taskType, string location, string reason);

    [LoggerMessage(EventId = 61, Level = LogLevel.Error, Message = "Task {TaskId} of '{TaskType}' (workflow {WorkflowId}) in a poll answer could not be read; not run, reported FAILED_WITH_TERMINAL_ERROR: {Reason}")]
    public static partial void TaskUnreadable(ILogger logger, string taskId, string taskType, string workflowId, string reason);

    [LoggerMessage(EventId = 62, Level = LogLevel.Error, Message = "Element {Index} of a poll answer for '{TaskType}' is not a task and has no readable taskId, so it cannot be reported; the server hands it out again after its response timeout: {Reason}")]
    public static partial void PollElementUnreadable(ILogger logger, int index, string taskType, string reason);

    [LoggerMessage(EventId = 63, Level = LogLevel.Warning, Message = "The outbox entry {FileName} is not a regular file with content (a FIFO, socket, device, link or empty file); renamed to *.unreadable without being opened")]
    public static partial void OutboxEntryNotAFile(ILogger logger, string fileName);

    [LoggerMessage(EventId = 64, Level = LogLevel.Warning, Message = "The outbox entry {FileName} could not be set aside (renamed to *.unreadable); it is skipped")]
    public static partial void OutboxEntryNotSetAside(ILogger logger, Exception exception, string fileName);

    [LoggerMessage(EventId = 65, Level = LogLevel.Warning, Message = "The outbox directory {Directory} could not be made readable by its owner only (mode {Mode}); results stored there may be readable by other local users")]
    public static partial void OutboxNotPrivate(ILogger logger, Exception? exception, string directory, string mode);
}
