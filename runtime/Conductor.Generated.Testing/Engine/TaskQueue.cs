namespace Conductor.Generated.Testing;

/// <summary>
/// The ids of the tasks waiting to be handed out for one task type (and domain), each with the
/// time from which it may be handed out and its workflow's priority. The tasks that may be handed
/// out come by priority, highest first, then by that time, then by arrival, as the real server's
/// default queue pops them (SqliteQueueDAO#popMessages: <c>ORDER BY priority DESC, deliver_on,
/// created_on</c>); with every priority 0, as usual, that is first due, first out. Adding, moving
/// and removing a task cost O(log n), so tens of thousands of queued tasks stay cheap.
/// Not thread-safe: the engine's lock guards it. Long polls wait on <see cref="Changed"/>, which
/// completes whenever an entry is added.
/// </summary>
internal sealed class TaskQueue
{
    /// <summary>One sorted set per priority present, the highest priority first.</summary>
    private readonly SortedDictionary<int, SortedSet<QueueEntry>> _entriesByPriority = new(Comparer<int>.Create((left, right) => right.CompareTo(left)));
    private readonly Dictionary<string, QueueEntry> _entriesByTaskId = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private long _nextSequence;

    /// <summary>Completes at the next <see cref="Push"/>; take it under the lock, await it outside.</summary>
    public Task Changed => _changed.Task;

    public int Count => _entriesByTaskId.Count;

    /// <summary>Adds the task, or moves it if it is queued already (the real queue's postpone).</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="visibleAtMilliseconds">From when it may be handed out.</param>
    /// <param name="priority">Its workflow's priority (TaskModel#getWorkflowPriority, which the real server pushes with).</param>
    /// <param name="pulse">False to leave waiting polls asleep, for a task put back for later.</param>
    public void Push(string taskId, long visibleAtMilliseconds, int priority, bool pulse = true)
    {
        Remove(taskId);
        var entry = new QueueEntry(taskId, visibleAtMilliseconds, _nextSequence++, priority);
        if (!_entriesByPriority.TryGetValue(priority, out var entries))
        {
            entries = [];
            _entriesByPriority.Add(priority, entries);
        }

        entries.Add(entry);
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

        var entries = _entriesByPriority[entry.Priority];
        entries.Remove(entry);
        if (entries.Count == 0)
        {
            _entriesByPriority.Remove(entry.Priority);
        }

        return true;
    }

    /// <summary>
    /// The ids that may be handed out at <paramref name="nowMilliseconds"/>, highest priority
    /// first, then oldest first, read lazily: stop early, and do not change the queue while reading.
    /// </summary>
    public IEnumerable<string> VisibleTaskIds(long nowMilliseconds) =>
        _entriesByPriority.Values.SelectMany(entries =>
            entries.TakeWhile(entry => entry.VisibleAtMilliseconds <= nowMilliseconds).Select(entry => entry.TaskId));

    /// <summary>When the first entry that is not visible yet becomes visible; null when there is none.</summary>
    public long? NextVisibleAfter(long nowMilliseconds)
    {
        long? next = null;
        foreach (var entries in _entriesByPriority.Values)
        {
            if (entries.Max.VisibleAtMilliseconds <= nowMilliseconds)
            {
                continue;
            }

            var firstLater = new QueueEntry("", nowMilliseconds + 1, long.MinValue, entries.Max.Priority);
            var visibleAt = entries.GetViewBetween(firstLater, entries.Max).Min.VisibleAtMilliseconds;
            if (next is null || visibleAt < next)
            {
                next = visibleAt;
            }
        }

        return next;
    }

    /// <summary>
    /// Makes the entry due first (earliest visibility time, then highest priority, then oldest),
    /// whether due yet or not, visible from <paramref name="nowMilliseconds"/> if it was later
    /// (QueueDAO#peekFirstIds, then #resetOffsetTime). O(n): only for the end of a task with a
    /// concurrency limit.
    /// </summary>
    public void ReleaseFirst(long nowMilliseconds)
    {
        QueueEntry? first = null;
        foreach (var entry in _entriesByTaskId.Values)
        {
            if (first is not { } current
                || entry.VisibleAtMilliseconds < current.VisibleAtMilliseconds
                || (entry.VisibleAtMilliseconds == current.VisibleAtMilliseconds
                    && (entry.Priority > current.Priority || (entry.Priority == current.Priority && entry.Sequence < current.Sequence))))
            {
                first = entry;
            }
        }

        if (first is { } due && due.VisibleAtMilliseconds > nowMilliseconds)
        {
            Push(due.TaskId, nowMilliseconds, due.Priority);
        }
    }

    /// <summary>Wakes every waiter, for example when a delayed entry has become visible.</summary>
    public void Pulse()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Within one priority, ordered by visibility time, then by arrival; the sequence makes every entry unique.</summary>
    private readonly record struct QueueEntry(string TaskId, long VisibleAtMilliseconds, long Sequence, int Priority) : IComparable<QueueEntry>
    {
        public int CompareTo(QueueEntry other)
        {
            var byTime = VisibleAtMilliseconds.CompareTo(other.VisibleAtMilliseconds);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
