namespace Conductor.Generated.Testing;

/// <summary>
/// The ids of the tasks waiting to be handed out for one task type (and domain), each with the
/// time from which it may be handed out. Not thread-safe: the engine's lock guards it.
/// Long polls wait on <see cref="Changed"/>, which completes whenever an entry is added.
/// </summary>
internal sealed class TaskQueue
{
    private readonly List<QueueEntry> _entries = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _nextSequence;

    /// <summary>Completes at the next <see cref="Push"/>; take it under the lock, await it outside.</summary>
    public Task Changed => _changed.Task;

    public int Count => _entries.Count;

    /// <summary>Adds the task, or moves it if it is queued already (the real queue's postpone).</summary>
    public void Push(string taskId, long visibleAtMilliseconds)
    {
        Remove(taskId);
        var entry = new QueueEntry(taskId, visibleAtMilliseconds, _nextSequence++);
        var insertAt = _entries.FindIndex(existing => existing.CompareTo(entry) > 0);
        _entries.Insert(insertAt < 0 ? _entries.Count : insertAt, entry);
        Pulse();
    }

    public bool Remove(string taskId) => _entries.RemoveAll(entry => entry.TaskId == taskId) > 0;

    /// <summary>The ids that may be handed out at <paramref name="nowMilliseconds"/>, oldest first.</summary>
    public List<string> VisibleTaskIds(long nowMilliseconds) =>
        [.. _entries.TakeWhile(entry => entry.VisibleAtMilliseconds <= nowMilliseconds).Select(entry => entry.TaskId)];

    /// <summary>When the first entry that is not visible yet becomes visible; null when there is none.</summary>
    public long? NextVisibleAfter(long nowMilliseconds)
    {
        foreach (var entry in _entries)
        {
            if (entry.VisibleAtMilliseconds > nowMilliseconds)
            {
                return entry.VisibleAtMilliseconds;
            }
        }

        return null;
    }

    /// <summary>Wakes every waiter, for example when a delayed entry has become visible.</summary>
    public void Pulse()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct QueueEntry(string TaskId, long VisibleAtMilliseconds, long Sequence) : IComparable<QueueEntry>
    {
        public int CompareTo(QueueEntry other)
        {
            var byTime = VisibleAtMilliseconds.CompareTo(other.VisibleAtMilliseconds);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
