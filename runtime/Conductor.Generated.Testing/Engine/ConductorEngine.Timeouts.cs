using System.Globalization;

namespace Conductor.Generated.Testing;

/// <summary>
/// The periodic check of running tasks (DeciderService's response timeout and task timeout),
/// driven by the engine's clock so a test can advance a fake clock instead of waiting.
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>Times out IN_PROGRESS tasks whose worker went quiet or which ran too long.</summary>
    internal void SweepTimeouts()
    {
        lock (_gate)
        {
            SweepWorkflows();
            var now = Now;
            foreach (var taskId in _activeTaskIds.ToList())
            {
                var state = _tasks[taskId];
                var task = state.Task;
                if (task.Status != TaskExecutionStatus.InProgress || state.Workflow.IsEnded || !IsWorkerTask(task))
                {
                    continue;
                }

                var taskDef = CurrentTaskDef(task);
                if (taskDef.ResponseTimeoutSeconds > 0 && now - task.UpdateTime >= taskDef.ResponseTimeoutSeconds * 1000)
                {
                    var reason = string.Create(
                        CultureInfo.InvariantCulture,
                        $"responseTimeout: {taskDef.ResponseTimeoutSeconds} exceeded for the taskId: {task.TaskId} with Task Definition: {task.TaskDefName}");
                    TimeOut(state, reason);
                    Decide(state.Workflow, task);
                    continue;
                }

                if (taskDef.TimeoutSeconds > 0 && task.StartTime > 0 && now - task.StartTime >= taskDef.TimeoutSeconds * 1000)
                {
                    var reason = string.Create(
                        CultureInfo.InvariantCulture,
                        $"Task timed out after {(now - task.StartTime) / 1000} seconds. Timeout configured as {taskDef.TimeoutSeconds} seconds. Timeout policy configured to {ConductorNames.Of(taskDef.TimeoutPolicy)}");
                    switch (taskDef.TimeoutPolicy)
                    {
                        case TaskTimeoutPolicy.Retry:
                            TimeOut(state, reason);
                            Decide(state.Workflow, task);
                            break;
                        case TaskTimeoutPolicy.TimeOutWorkflow:
                            TimeOut(state, reason);
                            _activeTaskIds.Remove(task.TaskId);
                            task.Executed = true;
                            FailWorkflow(state.Workflow, WorkflowStatus.TimedOut, reason, task);
                            break;
                        default:
                            break; // ALERT_ONLY: only the real server's metrics notice
                    }
                }
            }
        }
    }

    private void TimeOut(TaskState state, string reason)
    {
        var now = Now;
        state.Task.Status = TaskExecutionStatus.TimedOut;
        state.Task.ReasonForIncompletion = reason;
        state.Task.EndTime = now;
        state.Task.UpdateTime = now;
        ServerLog.TaskTimedOut(_logger, state.Task.TaskId, reason);
    }
}
