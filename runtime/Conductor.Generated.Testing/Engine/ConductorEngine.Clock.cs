namespace Conductor.Generated.Testing;

/// <summary>
/// What the engine waits for, and when: the times at which something is due (a delayed task
/// becoming visible in its queue, and any action a scheduler registered with
/// <see cref="ScheduleAt"/>: a WAIT's end, a workflow's timeout...), and whether anything can
/// happen now without time moving. A test environment on a virtual clock reads it to skip time
/// only while nothing else can happen (<see cref="TrySkipTime"/>).
/// </summary>
internal sealed partial class ConductorEngine
{
    private readonly Dictionary<string, DueAction> _dueActions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _workInFlight = new(StringComparer.Ordinal);
    private ITimer? _dueTimer;
    private long _dueTimerAt = long.MaxValue;
    private long _nextDueSequence;

    /// <summary>
    /// Runs <paramref name="action"/> under the engine's lock (taken here too: the lock is reentrant, so callers inside it may call this) once the engine's clock reads
    /// <paramref name="atMilliseconds"/> (epoch milliseconds) or later; exactly then on a virtual
    /// clock. A second call with the same <paramref name="key"/> replaces the first. For every
    /// scheduler whose work comes due with time (a WAIT's end, a workflow or poll timeout), so a
    /// test environment on a virtual clock can skip to it.
    /// </summary>
    internal void ScheduleAt(string key, long atMilliseconds, string description, Action action)
    {
        lock (_gate)
        {
            _dueActions[key] = new DueAction(atMilliseconds, _nextDueSequence++, description, action);
            ArmDueTimer();
        }
    }

    /// <summary>Drops what <see cref="ScheduleAt"/> registered under <paramref name="key"/>; false when nothing was.</summary>
    internal bool CancelScheduled(string key)
    {
        lock (_gate)
        {
            return _dueActions.Remove(key);
        }
    }

    /// <summary>
    /// Marks work the engine does outside a worker and outside the lock (an HTTP
    /// task's request, say) as in flight, so time does not skip until <see cref="EndWork"/>.
    /// </summary>
    internal void BeginWork(string key, string description)
    {
        lock (_gate)
        {
            _workInFlight[key] = description;
        }
    }

    /// <summary>The work marked with <see cref="BeginWork"/> is done.</summary>
    internal void EndWork(string key)
    {
        lock (_gate)
        {
            _workInFlight.Remove(key);
        }
    }

    /// <summary>
    /// Why time must not move now, or null when nothing can happen until it does: a task handed
    /// to a worker and not yet reported; a task a worker can take now (visible in a queue of
    /// <paramref name="servedQueues"/>); an action due now; work in flight.
    /// </summary>
    internal string? BusyReason(IReadOnlySet<string> servedQueues)
    {
        lock (_gate)
        {
            return BusyReasonLocked(servedQueues, Now);
        }
    }

    /// <summary>When something is next due after now (epoch milliseconds); null when nothing is.</summary>
    internal long? NextDue()
    {
        lock (_gate)
        {
            return NextDueLocked(Now);
        }
    }

    /// <summary>
    /// Skips time when nothing can happen before it moves: if <see cref="BusyReason"/> finds
    /// nothing and something is due later, calls <paramref name="moveClock"/> with that time
    /// (epoch milliseconds) while holding the lock, so no task, result or start slips in between
    /// the check and the move. <paramref name="moveClock"/> must only set the time; timers fire
    /// after the lock is released. Returns the time skipped to, or null (with the reason when busy).
    /// </summary>
    internal long? TrySkipTime(IReadOnlySet<string> servedQueues, Action<long> moveClock, out string? busyReason)
    {
        lock (_gate)
        {
            var now = Now;
            busyReason = BusyReasonLocked(servedQueues, now);
            if (busyReason is not null || NextDueLocked(now) is not { } next)
            {
                return null;
            }

            moveClock(next);
            return next;
        }
    }

    private string? BusyReasonLocked(IReadOnlySet<string> servedQueues, long now)
    {
        foreach (var description in _workInFlight.Values)
        {
            return description;
        }

        foreach (var taskId in _activeTaskIds)
        {
            // A worker's task handed out by a poll and not reported. System tasks the server runs
            // outside its lock (an HTTP request) say so with BeginWork instead.
            if (_tasks.TryGetValue(taskId, out var state)
                && state.Task is { Status: TaskExecutionStatus.InProgress, PollCount: > 0 } task
                && IsWorkerTask(task) // a WAIT, HUMAN or SUB_WORKFLOW waits for time or an event, even with a poll count
                && !state.Workflow.IsEnded)
            {
                return $"task {task.ReferenceTaskName} ({task.TaskType}, {task.TaskId}) is with worker '{task.WorkerId}', which has not reported its result";
            }
        }

        foreach (var queueName in servedQueues)
        {
            if (!_queues.TryGetValue(queueName, out var queue))
            {
                continue;
            }

            foreach (var taskId in queue.VisibleTaskIds(now))
            {
                if (_tasks.TryGetValue(taskId, out var state) && state.Task.Status == TaskExecutionStatus.Scheduled && !state.Workflow.IsEnded)
                {
                    return $"task {state.Task.ReferenceTaskName} ({state.Task.TaskId}) waits in queue {queueName}, which a worker polls";
                }
            }
        }

        foreach (var due in _dueActions.Values)
        {
            if (due.AtMilliseconds <= now)
            {
                return $"{due.Description} is due";
            }
        }

        return null;
    }

    private long? NextDueLocked(long now)
    {
        long? next = null;
        foreach (var queue in _queues.Values)
        {
            if (queue.NextVisibleAfter(now) is { } visibleAt && (next is null || visibleAt < next))
            {
                next = visibleAt;
            }
        }

        foreach (var due in _dueActions.Values)
        {
            if (due.AtMilliseconds > now && (next is null || due.AtMilliseconds < next))
            {
                next = due.AtMilliseconds;
            }
        }

        return next;
    }

    /// <summary>Under the lock: sets the one timer behind <see cref="ScheduleAt"/> to the earliest action.</summary>
    private void ArmDueTimer()
    {
        if (_dueActions.Count == 0)
        {
            return;
        }

        var earliest = _dueActions.Values.Min(due => due.AtMilliseconds);
        if (_dueTimer is not null && earliest >= _dueTimerAt)
        {
            return;
        }

        _dueTimer ??= _clock.CreateTimer(_ => RunDueActions(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _dueTimerAt = earliest;
        _dueTimer.Change(TimeSpan.FromMilliseconds(Math.Max(0, earliest - Now)), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Runs the due actions in order of time, then of registration; re-arms the timer for the rest.</summary>
    private void RunDueActions()
    {
        lock (_gate)
        {
            _dueTimerAt = long.MaxValue;
            while (true)
            {
                var now = Now;
                var due = _dueActions
                    .Where(pair => pair.Value.AtMilliseconds <= now)
                    .OrderBy(pair => pair.Value.AtMilliseconds)
                    .ThenBy(pair => pair.Value.Sequence)
                    .Select(pair => (KeyValuePair<string, DueAction>?)pair)
                    .FirstOrDefault();
                if (due is not { } next)
                {
                    break;
                }

                _dueActions.Remove(next.Key);
                next.Value.Action();
            }

            ArmDueTimer();
        }
    }

    private void DisposeClock() => _dueTimer?.Dispose();

    private sealed record DueAction(long AtMilliseconds, long Sequence, string Description, Action Action);
}
