using System.Collections.Concurrent;

namespace Conductor.Generated.Tests.Services;

/// <summary>Records every <see cref="TaskScopedResource"/> a provider creates, to count creations and disposals.</summary>
public sealed class ScopeTracker
{
    private readonly ConcurrentQueue<TaskScopedResource> _created = new();

    public IReadOnlyList<TaskScopedResource> Created => [.. _created];

    public int CreatedCount => _created.Count;

    public int DisposedCount => _created.Count(resource => resource.IsDisposed);

    internal void Add(TaskScopedResource resource) => _created.Enqueue(resource);
}

/// <summary>A scoped service that knows whether its scope has been disposed.</summary>
public sealed class TaskScopedResource : IAsyncDisposable
{
    private static int s_lastId;
    private int _disposeCount;

    public TaskScopedResource(ScopeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        tracker.Add(this);
    }

    public int Id { get; } = Interlocked.Increment(ref s_lastId);

    public bool IsDisposed => Volatile.Read(ref _disposeCount) > 0;

    /// <summary>How often the container disposed it: exactly once when the scope is right.</summary>
    public int DisposeCount => Volatile.Read(ref _disposeCount);

    public ValueTask DisposeAsync()
    {
        Interlocked.Increment(ref _disposeCount);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A scoped service whose disposal fails.</summary>
public sealed class FailingDisposal : IDisposable
{
    public void Dispose() => throw new InvalidOperationException("connection already closed");
}
