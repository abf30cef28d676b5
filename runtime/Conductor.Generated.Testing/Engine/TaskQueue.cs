namespace Conductor.Generated.Testing;

/// <summary>
/// The ids of the tasks waiting to be handed out for one task type (and domain), each with the
/// time from which it may be handed out, ordered by that time and then by arrival. Adding,
/// moving and removing a task cost O(log n), so tens of thousands of queued tasks stay cheap.
/// Not thread-safe: the engine's lock guards it. Long polls wait on <see cref="Changed"/>, which
/// completes whenever an entry is added.
/// </summary>
internal sealed class TaskQueue
{
    private readonly SortedSet<QueueEntry> _entries = [];
    private readonly Dictionary<string, QueueEntry> _entriesByTaskId = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private long _nextSequence;

    /// <summary>Completes at the next <see cref="Push"/>; take it under the lock, await it outside.</summary>
    public Task Changed => _changed.Task;

    public int Count => _entries.Count;

    /// <summary>Adds the task, or moves it if it is queued already (the real queue's postpone).</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="visibleAtMilliseconds">From when it may be handed out.</param>
    /// <param name="pulse">False to leave waiting polls asleep, for a task put back for later.</param>
    public void Push(string taskId, long visibleAtMilliseconds, bool pulse = true)
    {
        Remove(taskId);
        var entry = new QueueEntry(taskId, visibleAtMilliseconds, _nextSequence++);
        _entries.Add(entry);
        _entriesByTaskId[taskId] = entry;
        if (pulse)
        {
            Pulse();
        }
    }

    public bool Remove(string taskId)
    {
        if (!_entriesByTaskId.Remove(taskId, out var entry))
        {
            return false;
        }

        _entries.Remove(entry);
        return true;
    }

    /// <summary>
    /// The ids that may be handed out at <paramref name="nowMilliseconds"/>, oldest first, read
    /// lazily: stop early, and do not change the queue while reading.
    /// </summary>
    public IEnumerable<string> VisibleTaskIds(long nowMilliseconds) =>
        _entries.TakeWhile(entry => entry.VisibleAtMilliseconds <= nowMilliseconds).Select(entry => entry.TaskId);

    /// <summary>When the first entry that is not visible yet becomes visible; null when there is none.</summary>
    public long? NextVisibleAfter(long nowMilliseconds)
    {
        if (_entries.Count == 0 || _entries.Max.VisibleAtMilliseconds <= nowMilliseconds)
        {
            return null;
        }

        var firstLater = new QueueEntry("", nowMilliseconds + 1, long.MinValue);
        return _entries.GetViewBetween(firstLater, _entries.Max).Min.VisibleAtMilliseconds;
    }

    /// <summary>Wakes every waiter, for example when a delayed entry has become visible.</summary>
    public void Pulse()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ordered by visibility time, then by arrival; the sequence makes every entry unique.</summary>
    private readonly record struct QueueEntry(string TaskId, long VisibleAtMilliseconds, long Sequence) : IComparable<QueueEntry>
    {
        public int CompareTo(QueueEntry other)
        {
            var byTime = VisibleAtMilliseconds.CompareTo(other.VisibleAtMilliseconds);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
