using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Diagnostics;

/// <summary>The log messages about the service scopes of task executions.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "Disposing the service scope of task {TaskId} of '{TaskType}' (workflow {WorkflowId}) failed; the task's result is reported as the worker left it")]
    public static partial void TaskScopeDisposeFailed(ILogger logger, Exception exception, string taskId, string taskType, string workflowId);
}
