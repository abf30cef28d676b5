namespace Conductor.Generated.Testing;

/// <summary>Handing tasks to workers (ExecutionService.poll), with long polling.</summary>
internal sealed partial class ConductorEngine
{
    /// <summary>The real server refuses longer long polls.</summary>
    public const int MaxPollTimeoutMilliseconds = 5000;

    /// <summary>
    /// Hands out up to <paramref name="count"/> tasks from the queue of <paramref name="taskType"/>
    /// (in <paramref name="domain"/>), waiting up to <paramref name="wait"/> for the first one.
    /// The wait is real time, like the HTTP request it serves; the time a delayed task becomes
    /// visible is the engine's clock, so a test that advances a fake clock wakes waiting polls.
    /// </summary>
    public async Task<List<TaskExecution>> PollAsync(string taskType, string? workerId, string? domain, int count, TimeSpan wait, CancellationToken cancellationToken)
    {
        var queueName = ConductorNames.QueueName(taskType, domain);
        var deadline = TimeProvider.System.GetTimestamp() + (long)(wait.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            Task changed;
            TimeSpan? untilNextVisible;
            lock (_gate)
            {
                var handedOut = HandOut(queueName, workerId, count);
                if (handedOut.Count > 0 || count <= 0)
                {
                    return handedOut;
                }

                var queue = Queue(queueName);
                changed = queue.Changed;
                var now = Now;
                untilNextVisible = queue.NextVisibleAfter(now) is { } visibleAt ? TimeSpan.FromMilliseconds(visibleAt - now) : null;
            }

            var remaining = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                return [];
            }

            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wakeUps = new List<Task> { changed, Task.Delay(remaining, stopWaiting.Token) };
            if (untilNextVisible is { } delay)
            {
                wakeUps.Add(Task.Delay(delay, _clock, stopWaiting.Token));
            }

            await Task.WhenAny(wakeUps).ConfigureAwait(false);
            await stopWaiting.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hands out visible tasks at once, without waiting (update-v2's next task).</summary>
    public List<TaskExecution> PollNow(string taskType, string? workerId, string? domain, int count)
    {
        lock (_gate)
        {
            return HandOut(ConductorNames.QueueName(taskType, domain), workerId, count);
        }
    }

    private List<TaskExecution> HandOut(string queueName, string? workerId, int count)
    {
        var handedOut = new List<TaskExecution>();
        if (count <= 0 || !_queues.TryGetValue(queueName, out var queue))
        {
            return handedOut;
        }

        var now = Now;
        var leavingQueue = new List<string>();
        List<TaskState>? failedForInputSize = null;
        foreach (var taskId in queue.VisibleTaskIds(now))
        {
            if (handedOut.Count >= count)
            {
                break;
            }

            if (!_tasks.TryGetValue(taskId, out var state) || state.Task.Status.IsTerminal() || state.Workflow.IsEnded)
            {
                leavingQueue.Add(taskId); // stale entry, as the real server drops it
                continue;
            }

            var task = state.Task;
            if (ExceedsConcurrencyLimit(task))
            {
                break; // every task of a queue has the same definition: all wait until a running one finishes
            }

            leavingQueue.Add(taskId);
            if (FailIfInputOverLimit(task, now))
            {
                (failedForInputSize ??= []).Add(state);
                continue;
            }

            task.Status = TaskExecutionStatus.InProgress;
            if (task.StartTime == 0)
            {
                task.StartTime = now;
            }

            task.CallbackAfterSeconds = 0;
            task.WorkerId = workerId;
            task.PollCount++;
            task.UpdateTime = now;
            ServerLog.TaskHandedOut(_logger, task.TaskId, workerId, task.PollCount);
            handedOut.Add(ExternalizeInput(Copy(task, ServerJsonContext.Default.TaskExecution)));
        }

        // Removed after reading, because the queue cannot change while it is read.
        foreach (var taskId in leavingQueue)
        {
            queue.Remove(taskId);
        }

        foreach (var failed in failedForInputSize ?? [])
        {
            Decide(failed.Workflow, failed.Task);
        }

        return handedOut;
    }

    private bool ExceedsConcurrencyLimit(TaskExecution candidate)
    {
        var limit = CurrentTaskDef(candidate).ConcurrentExecLimit ?? 0;
        if (limit <= 0)
        {
            return false;
        }

        var running = _activeTaskIds.Count(id =>
            _tasks[id].Task is { Status: TaskExecutionStatus.InProgress } task && task.TaskDefName == candidate.TaskDefName);
        return running >= limit;
    }
}
