using System.Text.Json.Nodes;
using TaskExecutionLog = Conductor.Generated.Client.TaskExecutionLog;

namespace Conductor.Generated.Testing;

/// <summary>Results reported by workers (WorkflowExecutor.updateTask).</summary>
internal sealed partial class ConductorEngine
{
    /// <summary>
    /// Applies a worker's result. Returns the task as it now is, or null for a lease extension
    /// (which changes nothing else). A result for a task or workflow that already ended changes
    /// nothing and returns the task, as the real server does. The workflow the result names must
    /// exist (404), and it is the one whose end makes the result ignored; the task is found by its
    /// id, and only its own workflow moves on (WorkflowExecutorOps#updateTask).
    /// </summary>
    public TaskExecution? UpdateTask(TaskResult result)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrEmpty(result.WorkflowInstanceId))
        {
            errors.Add(new("updateTask.arg0.workflowInstanceId", "Workflow Id cannot be null or empty", result.WorkflowInstanceId));
        }

        if (string.IsNullOrEmpty(result.TaskId))
        {
            errors.Add(new("updateTask.arg0.taskId", "Task ID cannot be null or empty", result.TaskId));
        }

        DefinitionValidator.ThrowIfInvalid(errors);

        lock (_gate)
        {
            var now = Now;
            if (result.ExtendLease)
            {
                var leased = _tasks.GetValueOrDefault(result.TaskId!)
                    ?? throw ConductorApiException.NotFound($"No such task found by id: {result.TaskId}");
                if (!leased.Task.Status.IsTerminal())
                {
                    leased.Task.UpdateTime = now; // restarts the response-timeout clock, nothing else
                    ScheduleTimeoutCheck(leased.Task);
                }

                return null;
            }

            var workflow = _workflows.GetValueOrDefault(result.WorkflowInstanceId!)
                ?? throw ConductorApiException.NotFound($"No such workflow found by id: {result.WorkflowInstanceId}");
            var state = _tasks.GetValueOrDefault(result.TaskId!)
                ?? throw ConductorApiException.NotFound($"No such task found by id: {result.TaskId}");
            var task = state.Task;
            var queue = Queue(ConductorNames.QueueName(task.TaskType, task.Domain));

            if (task.Status.IsTerminal() || workflow.IsEnded)
            {
                queue.Remove(task.TaskId);
                return Copy(task, ServerJsonContext.Default.TaskExecution);
            }

            var externalOutput = ReadExternalOutput(result);
            task.Status = result.Status switch
            {
                // A worker's task is handed out again after the callback delay; a system task (WAIT, HUMAN) goes on waiting.
                TaskResultStatus.InProgress => IsWorkerTask(task) ? TaskExecutionStatus.Scheduled : TaskExecutionStatus.InProgress,
                TaskResultStatus.Completed => TaskExecutionStatus.Completed,
                TaskResultStatus.Failed => TaskExecutionStatus.Failed,
                TaskResultStatus.FailedWithTerminalError => TaskExecutionStatus.FailedWithTerminalError,
                TaskResultStatus.Canceled => TaskExecutionStatus.Canceled,
                _ => throw ConductorApiException.BadRequest("Task status cannot be null"),
            };
            task.ReasonForIncompletion = Truncate(result.ReasonForIncompletion);
            task.WorkerId = result.WorkerId;
            task.CallbackAfterSeconds = Math.Max(0, result.CallbackAfterSeconds);
            task.OutputData = externalOutput ?? (result.OutputData is null ? [] : (JsonObject)result.OutputData.DeepClone());
            if (externalOutput is null)
            {
                FailIfOutputOverLimit(task);
            }
            task.UpdateTime = now;
            ScheduleTimeoutCheck(task);

            foreach (var log in result.Logs ?? [])
            {
                AppendLog(new TaskExecutionLog { TaskId = task.TaskId, Log = log.Log, CreatedTime = log.CreatedTime > 0 ? log.CreatedTime : now });
            }

            ServerLog.TaskUpdated(_logger, task.TaskId, ConductorNames.Of(task.Status), task.WorkerId);
            if (task.Status.IsTerminal())
            {
                task.EndTime = now;
                queue.Remove(task.TaskId);
                ReleasePostponedTask(task);

                // The real server decides the workflow the result names (WorkflowExecutorOps#updateTask),
                // which leaves any other workflow untouched; the task's own workflow moves on when its
                // sweeper decides it. Here it moves on at once. A PAUSED workflow schedules nothing
                // until it is resumed (DeciderService#decide).
                var owner = state.Workflow;
                if (owner.Execution.Status == WorkflowStatus.Paused)
                {
                    _activeTaskIds.Remove(task.TaskId);
                }
                else if (task.Status == TaskExecutionStatus.Completed)
                {
                    // The whole run is evaluated, so steps skipped ahead of time are gone past.
                    _activeTaskIds.Remove(task.TaskId);
                    Decide(owner);
                }
                else
                {
                    Decide(owner, task);
                }
            }
            else if (IsWorkerTask(task))
            {
                queue.Push(task.TaskId, now + (task.CallbackAfterSeconds * 1000), task.WorkflowPriority);
            }

            return Copy(task, ServerJsonContext.Default.TaskExecution);
        }
    }

    /// <summary>
    /// Updates the pending task of a workflow step without its task id
    /// (<c>POST /api/tasks/{workflowId}/{taskRefName}/{status}</c>): the given output is merged
    /// into the task's output. Null when the workflow has no pending task with that reference name
    /// (or, inside a DO_WHILE, that reference name plus an iteration suffix).
    /// </summary>
    public TaskExecution? UpdateTaskByReferenceName(string workflowId, string referenceTaskName, TaskResultStatus status, string? workerId, JsonObject? output)
    {
        TaskResult result;
        lock (_gate)
        {
            // ExecutionService#getPendingTaskForWorkflow: the exact reference name first, then a
            // task of a DO_WHILE iteration (`ref__N`) named without its iteration.
            var tasks = _workflows.GetValueOrDefault(workflowId)?.Execution.Tasks;
            var pending = tasks?.FirstOrDefault(task => task.ReferenceTaskName == referenceTaskName && !task.Status.IsTerminal())
                ?? tasks?.FirstOrDefault(task => !task.Status.IsTerminal() && RemoveIteration(task.ReferenceTaskName) == referenceTaskName);
            if (pending is null)
            {
                return null;
            }

            var mergedOutput = CopyObject(pending.OutputData);
            foreach (var (key, value) in output ?? [])
            {
                mergedOutput[key] = value?.DeepClone();
            }

            result = new TaskResult
            {
                WorkflowInstanceId = workflowId,
                TaskId = pending.TaskId,
                ReasonForIncompletion = pending.ReasonForIncompletion,
                CallbackAfterSeconds = pending.CallbackAfterSeconds,
                WorkerId = string.IsNullOrWhiteSpace(workerId) ? pending.WorkerId : workerId,
                Status = status,
                OutputData = mergedOutput,
            };
        }

        return UpdateTask(result);
    }
}
