using System.Globalization;

namespace Conductor.Generated.Testing;

/// <summary>
/// The periodic check of pending tasks (DeciderService#decide's checks: total timeout, task
/// timeout, poll timeout, response timeout), driven by the engine's clock so a test can advance a
/// fake clock instead of waiting.
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>Times out pending tasks as the decider's checks do, in the decider's order.</summary>
    internal void SweepTimeouts()
    {
        lock (_gate)
        {
            SweepWorkflows();
            var now = Now;
            foreach (var taskId in _activeTaskIds.ToList())
            {
                if (!_tasks.TryGetValue(taskId, out var state))
                {
                    continue;
                }

                var task = state.Task;

                // A PAUSED workflow is not decided, so its tasks are not checked (DeciderService#decide).
                if (task.Status.IsTerminal() || state.Workflow.Execution.Status != WorkflowStatus.Running)
                {
                    continue;
                }

                // DeciderService#decide: the task's definition (TaskModel#getTaskDefinition), the one
                // its run took when it started (MetadataMapperService#populateTaskDefinitions) or its
                // step embeds, not the registration as it is now. A system task without a registered
                // one has the ad-hoc definition, which sets no timeout; a task without any (a
                // dynamically forked one whose name was not registered) is not checked.
                var workerTask = IsWorkerTask(task);
                var taskDef = task.TaskDefinition;
                if (taskDef is null)
                {
                    continue;
                }

                var reason = TotalTimeoutReason(taskDef, task, now) ?? TaskTimeoutReason(taskDef, task, now) ?? PollTimeoutReason(taskDef, task, now);
                if (reason is not null)
                {
                    ApplyTimeoutPolicy(state, taskDef, reason);
                    continue;
                }

                // The response timeout is checked for worker tasks only (see docs/test-server.md).
                if (workerTask && task.Status == TaskExecutionStatus.InProgress && taskDef.ResponseTimeoutSeconds > 0
                    && now - task.UpdateTime >= taskDef.ResponseTimeoutSeconds * 1000)
                {
                    // DeciderService#isResponseTimedOut and #timeoutTask: TIMED_OUT, then the retry rules.
                    TimeOut(state, string.Create(
                        CultureInfo.InvariantCulture,
                        $"responseTimeout: {taskDef.ResponseTimeoutSeconds} exceeded for the taskId: {task.TaskId} with Task Definition: {task.TaskDefName}"));
                    Decide(state.Workflow, task);
                }
            }
        }
    }

    /// <summary>
    /// DeciderService#checkTotalTimeout: totalTimeoutSeconds bounds the time from the first
    /// attempt's scheduling, across retries and their delays.
    /// </summary>
    private string? TotalTimeoutReason(TaskDef taskDef, TaskExecution task, long now)
    {
        if (taskDef.TotalTimeoutSeconds <= 0)
        {
            return null;
        }

        var elapsedSeconds = (now - FirstScheduledTime(task)) / 1000;
        return elapsedSeconds < taskDef.TotalTimeoutSeconds
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Task {task.TaskDefName}/{task.TaskId} exceeded total timeout of {taskDef.TotalTimeoutSeconds} seconds (elapsed {elapsedSeconds} seconds across all attempts including retry delays). Timeout policy: {ConductorNames.Of(taskDef.TimeoutPolicy)}");
    }

    /// <summary>DeciderService#checkTaskTimeout: timeoutSeconds from the first poll (after any start delay).</summary>
    private static string? TaskTimeoutReason(TaskDef taskDef, TaskExecution task, long now)
    {
        if (taskDef.TimeoutSeconds <= 0 || task.StartTime <= 0)
        {
            return null;
        }

        var elapsed = now - (task.StartTime + (task.StartDelayInSeconds * 1000L));
        return elapsed < taskDef.TimeoutSeconds * 1000
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Task timed out after {elapsed / 1000} seconds. Timeout configured as {taskDef.TimeoutSeconds} seconds. Timeout policy configured to {ConductorNames.Of(taskDef.TimeoutPolicy)}");
    }

    /// <summary>
    /// DeciderService#checkTaskPollTimeout: a SCHEDULED task no worker picked up within
    /// pollTimeoutSeconds (plus its start delay and callback delay).
    /// </summary>
    private static string? PollTimeoutReason(TaskDef taskDef, TaskExecution task, long now)
    {
        if (taskDef.PollTimeoutSeconds is not > 0 || task.Status != TaskExecutionStatus.Scheduled)
        {
            return null;
        }

        var pollTimeout = taskDef.PollTimeoutSeconds.Value * 1000L;
        var elapsed = now - (task.ScheduledTime + (task.StartDelayInSeconds * 1000L));
        return elapsed < pollTimeout + (task.CallbackAfterSeconds * 1000)
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Task poll timed out after {elapsed / 1000} seconds. Poll timeout configured as {taskDef.PollTimeoutSeconds.Value} seconds. Timeout policy configured to {ConductorNames.Of(taskDef.TimeoutPolicy)}");
    }

    /// <summary>
    /// DeciderService#timeoutTaskWithTimeoutPolicy: ALERT_ONLY changes nothing, RETRY times the
    /// task out and lets the retry rules act, TIME_OUT_WF times out the task and the workflow.
    /// </summary>
    private void ApplyTimeoutPolicy(TaskState state, TaskDef taskDef, string reason)
    {
        var task = state.Task;
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

    /// <summary>The scheduled time of the first attempt of this task's chain of retries (TaskModel#firstScheduledTime).</summary>
    private long FirstScheduledTime(TaskExecution task)
    {
        var first = task;
        while (first.RetriedTaskId is { } previousId && _tasks.TryGetValue(previousId, out var previous))
        {
            first = previous.Task;
        }

        return first.ScheduledTime;
    }

    private void TimeOut(TaskState state, string reason)
    {
        var now = Now;
        var task = state.Task;
        task.Status = TaskExecutionStatus.TimedOut;
        task.ReasonForIncompletion = reason;
        task.EndTime = now;
        task.UpdateTime = now;
        if (_queues.TryGetValue(ConductorNames.QueueName(task.TaskType, task.Domain), out var queue))
        {
            queue.Remove(task.TaskId);
        }

        ServerLog.TaskTimedOut(_logger, task.TaskId, reason);
    }
}
