using System.Collections.Concurrent;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>A singleton the greeting worker uses.</summary>
public sealed class Greeter(string greeting)
{
    public string Greet(string name) => $"{greeting}, {name}!";
}

/// <summary>Counts the <see cref="TaskScopedResource"/> instances created and disposed, as a singleton.</summary>
public sealed class ResourceTracker
{
    private readonly ConcurrentDictionary<Guid, bool> _disposedById = new();

    public int Created => _disposedById.Count;

    public int Disposed => _disposedById.Values.Count(disposed => disposed);

    public bool IsDisposed(Guid id) => _disposedById.TryGetValue(id, out var disposed) && disposed;

    internal void OnCreated(Guid id) => _disposedById[id] = false;

    internal void OnDisposed(Guid id) => _disposedById[id] = true;
}

/// <summary>A scoped service: one per task execution, disposed when the task's scope ends.</summary>
public sealed class TaskScopedResource : IAsyncDisposable
{
    private readonly ResourceTracker _tracker;

    public TaskScopedResource(ResourceTracker tracker)
    {
        _tracker = tracker;
        tracker.OnCreated(Id);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public ValueTask DisposeAsync()
    {
        _tracker.OnDisposed(Id);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Lets a test see that the slow worker runs, and release it.</summary>
public sealed class SlowTaskGate
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Running => _started.Task;

    public Task Released => _released.Task;

    public void Started() => _started.TrySetResult();

    public void Release() => _released.TrySetResult();
}

/// <summary>Never registered.</summary>
public interface IUnregisteredService;
