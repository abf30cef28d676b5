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
                var taskDef = task.TaskDefinition;
                if (taskDef is null)
                {
                    continue;
                }

                var reason = TotalTimeoutReason(taskDef, task, now) ?? TaskTimeoutReason(taskDef, task, now) ?? PollTimeoutReason(taskDef, task, now);
                if (reason is not null)
                {
                    ApplyTimeoutPolicy(state, taskDef, reason);

                    // ALERT_ONLY leaves the task as it was, and the decider goes on to its response
                    // timeout (DeciderService#decide runs every check in turn).
                    if (task.Status.IsTerminal() || state.Workflow.IsEnded)
                    {
                        continue;
                    }
                }

                if (IsResponseTimedOut(taskDef, task, now))
                {
                    // DeciderService#timeoutTask: TIMED_OUT whatever the timeoutPolicy, then the retry rules.
                    TimeOut(state, string.Create(
                        CultureInfo.InvariantCulture,
                        $"responseTimeout: {taskDef.ResponseTimeoutSeconds} exceeded for the taskId: {task.TaskId} with Task Definition: {task.TaskDefName}"));
                    Decide(state.Workflow, task);
                }
            }
        }
    }

    /// <summary>
    /// For a pending system task, which no worker holds (so a test environment on a virtual clock
    /// may skip time while it waits): registers the earliest time at which its total, task or
    /// response timeout runs out as a timed action (<see cref="ScheduleAt"/>), so that time
    /// skipping reaches it and the check runs at exactly that time. Worker tasks need none: one
    /// with a worker keeps the environment busy, and the periodic sweep checks the rest.
    /// </summary>
    private void ScheduleTimeoutCheck(TaskExecution task)
    {
        if (IsWorkerTask(task))
        {
            return; // never registered: nothing to build a key for or cancel on each result
        }

        var key = "task-timeout:" + task.TaskId; // apart from the workflows' "timeout:" + workflow id
        if (task.Status.IsTerminal() || task.TaskDefinition is not { } taskDef)
        {
            CancelScheduled(key);
            return;
        }

        var now = Now;
        long? at = null;
        void Consider(long candidate)
        {
            if (candidate > now && (at is null || candidate < at))
            {
                at = candidate;
            }
        }

        if (taskDef.TotalTimeoutSeconds > 0)
        {
            Consider(FirstScheduledTime(task) + (taskDef.TotalTimeoutSeconds * 1000));
        }

        if (taskDef.TimeoutSeconds > 0 && task.StartTime > 0)
        {
            Consider(task.StartTime + (task.StartDelayInSeconds * 1000L) + (taskDef.TimeoutSeconds * 1000));
        }

        if (task.Status == TaskExecutionStatus.InProgress && taskDef.ResponseTimeoutSeconds != 0 && HasResponseTimeout(task))
        {
            Consider(task.UpdateTime + ((taskDef.ResponseTimeoutSeconds + task.CallbackAfterSeconds) * 1000));
        }

        if (at is not { } dueAt)
        {
            CancelScheduled(key);
            return;
        }

        ScheduleAt(key, dueAt, $"a timeout of {task.TaskType} task {task.ReferenceTaskName}", () =>
        {
            SweepTimeouts();
            ScheduleTimeoutCheck(task); // the next one, if the task goes on (an ALERT_ONLY timeout)
        });
    }

    /// <summary>
    /// DeciderService#isResponseTimedOut: an IN_PROGRESS task without news (updateTime) for its
    /// definition's responseTimeoutSeconds plus its callbackAfterSeconds. It applies to worker
    /// tasks and to system tasks that are not asyncComplete (a HUMAN task, a DO_WHILE whose
    /// iteration runs long); see <see cref="HasResponseTimeout"/> for the ones it leaves out.
    /// </summary>
    private static bool IsResponseTimedOut(TaskDef taskDef, TaskExecution task, long now)
    {
        if (task.Status != TaskExecutionStatus.InProgress || taskDef.ResponseTimeoutSeconds == 0 || !HasResponseTimeout(task))
        {
            return false;
        }

        var budget = (taskDef.ResponseTimeoutSeconds + task.CallbackAfterSeconds) * 1000;
        return now - task.UpdateTime >= budget;
    }

    /// <summary>
    /// System tasks the real server runs on its system task workers (WorkflowSystemTask#isAsync):
    /// AsyncSystemTaskExecutor#execute evaluates a pending one again every
    /// systemTaskWorkerCallbackDuration (30 s) or at its due time, and each evaluation refreshes
    /// its updateTime (ExecutionDAOFacade#updateTask) and sets callbackAfterSeconds to the wait
    /// until the next one, the very budget #isResponseTimedOut adds. So their response timeout
    /// only fires when those workers fall behind by more than it; this server, which has no such
    /// workers, does not time them out.
    /// </summary>
    private static readonly HashSet<string> WorkerEvaluatedSystemTaskTypes = new(StringComparer.Ordinal)
    {
        WorkflowTaskTypes.Join, WorkflowTaskTypes.Wait, WorkflowTaskTypes.SubWorkflow, WorkflowTaskTypes.StartWorkflow, WorkflowTaskTypes.Http,
    };

    /// <summary>
    /// Whether DeciderService#isResponseTimedOut can time the task out: every worker task; a
    /// system task unless it is asyncComplete (DeciderService#isAyncCompleteSystemTask: SUB_WORKFLOW
    /// always, others by an <c>asyncComplete</c> input, else the step's <c>asyncComplete</c>, as
    /// WorkflowSystemTask#isAsyncComplete reads them) or evaluated again and again by the real
    /// server's system task workers (<see cref="WorkerEvaluatedSystemTaskTypes"/>).
    /// </summary>
    private static bool HasResponseTimeout(TaskExecution task)
    {
        if (IsWorkerTask(task))
        {
            return true;
        }

        if (WorkerEvaluatedSystemTaskTypes.Contains(task.TaskType))
        {
            return false;
        }

        var asyncComplete = task.InputData.TryGetPropertyValue("asyncComplete", out var flag)
            ? flag is not null && flag.GetValueKind() == System.Text.Json.JsonValueKind.True
            : task.WorkflowTask?.AsyncComplete == true;
        return !asyncComplete;
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

        ReleasePostponedTask(task);

        ServerLog.TaskTimedOut(_logger, task.TaskId, reason);
    }
}
