namespace Conductor.Generated.Polling;

/// <summary>
/// The cancellation token and the response-timeout watch a worker runs under, kept by one slot
/// from task to task instead of made for each: a linked token source and a timer per task were
/// two registrations on the host's token and a timer made, set and removed for every task (each
/// under the timer queue's lock, which every thread of the process shares), beside the timer
/// HttpClient sets for each request.
/// </summary>
/// <remarks>
/// The token source is linked to the host's <see cref="ShutdownSignals.CancelTasks"/> once and
/// reset (<see cref="CancellationTokenSource.TryReset"/>) after each task, which also removes what
/// the worker registered on its token: that goes away with the task, as it did with a source of
/// its own. A source that was cancelled is replaced. The watch is one timer per slot, set for the
/// first deadline and moved only when a task's deadline comes before it; when it fires it cancels
/// the running task if that task's deadline has passed, and otherwise sets itself for that
/// deadline. Under steady load a task therefore neither makes nor moves a timer, and a worker is
/// still cancelled when its own response timeout has passed, not earlier and not later.
/// </remarks>
internal sealed class ExecutionSlot : IDisposable
{
    private readonly CancellationToken _cancelTasks;
    private readonly Lock _gate = new();
    private CancellationTokenSource _source;
    private Timer? _timer;

    /// <summary>When the running task's response timeout passes (<see cref="Environment.TickCount64"/>); 0 while none is watched.</summary>
    private long _deadline;

    /// <summary>When the timer is set to fire (<see cref="Environment.TickCount64"/>); 0 when it is not set.</summary>
    private long _firesAt;

    /// <summary>The source the timer is cancelling right now, outside the lock; <see langword="null"/> otherwise.</summary>
    private CancellationTokenSource? _expiring;

    private bool _disposed;

    public ExecutionSlot(CancellationToken cancelTasks)
    {
        _cancelTasks = cancelTasks;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancelTasks);
    }

    /// <summary>
    /// Starts watching a task: returns the token its worker runs with, cancelled when the host
    /// cancels tasks and, with a <paramref name="responseTimeout"/>, once that has passed.
    /// Each call is followed by <see cref="End"/> once the worker has returned.
    /// </summary>
    public CancellationToken Begin(TimeSpan? responseTimeout)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (responseTimeout is { } timeout)
            {
                var deadline = Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
                _deadline = deadline;
                if (_firesAt == 0 || _firesAt > deadline)
                {
                    Arm(deadline);
                }
            }

            return _source.Token;
        }
    }

    /// <summary>The worker has returned: nothing is watched, and the next task gets a token that is not cancelled (unless the host cancels tasks).</summary>
    public void End()
    {
        lock (_gate)
        {
            _deadline = 0;
            if (_disposed || (_expiring is null && _source.TryReset()))
            {
                return;
            }

            // Cancelled (or being cancelled by the timer, which disposes it once done).
            var spent = _source;
            _source = CancellationTokenSource.CreateLinkedTokenSource(_cancelTasks);
            if (!ReferenceEquals(spent, _expiring))
            {
                spent.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _deadline = 0;
            _timer?.Dispose();
            if (!ReferenceEquals(_source, _expiring))
            {
                _source.Dispose();
            }
        }
    }

    /// <summary>Sets the timer to fire at <paramref name="at"/>; called under the lock.</summary>
    private void Arm(long at)
    {
        var due = Math.Max(1, at - Environment.TickCount64);
        if (_timer is null)
        {
            // The timer outlives the task that made it: it must not keep that task's context.
            var suppress = !ExecutionContext.IsFlowSuppressed();
            var flow = suppress ? ExecutionContext.SuppressFlow() : default;
            try
            {
                _timer = new Timer(static state => ((ExecutionSlot)state!).OnTimer(), this, due, Timeout.Infinite);
            }
            finally
            {
                if (suppress)
                {
                    flow.Undo();
                }
            }
        }
        else
        {
            _timer.Change(due, Timeout.Infinite);
        }

        _firesAt = at;
    }

    private void OnTimer()
    {
        CancellationTokenSource expired;
        lock (_gate)
        {
            _firesAt = 0;
            if (_disposed || _deadline == 0)
            {
                return;
            }

            if (Environment.TickCount64 < _deadline)
            {
                // Set for an earlier task that has returned: now for the running one.
                Arm(_deadline);
                return;
            }

            _deadline = 0;
            expired = _expiring = _source;
        }

        try
        {
            // Outside the lock: the worker's own callbacks run here.
            expired.Cancel();
        }
        catch (AggregateException)
        {
            // A callback the worker registered threw; the worker is cancelled all the same, and
            // a timer thread is no place to let the exception go.
        }
        finally
        {
            lock (_gate)
            {
                _expiring = null;
                if (_disposed || !ReferenceEquals(expired, _source))
                {
                    expired.Dispose();
                }
            }
        }
    }
}
