namespace Conductor.Generated;

/// <summary>
/// Binds a task's input, runs the worker method and turns what it returned into a result.
/// Generated code implements it; exceptions thrown by the worker propagate to the runtime.
/// </summary>
public delegate ValueTask<WorkerResult> WorkerInvoker(TaskContext context, CancellationToken cancellationToken);

/// <summary>One worker of the generated dispatch table: a task name, its settings and its invoker.</summary>
public sealed class WorkerDefinition
{
    /// <summary>Creates a worker definition.</summary>
    public WorkerDefinition(string taskName, WorkerInvoker invoker, WorkerSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        ArgumentNullException.ThrowIfNull(invoker);
        TaskName = taskName;
        Invoker = invoker;
        Settings = settings ?? new WorkerSettings();
    }

    /// <summary>The task definition name the worker polls for.</summary>
    public string TaskName { get; }

    /// <summary>Polling and concurrency settings.</summary>
    public WorkerSettings Settings { get; }

    /// <summary>The generated binder-and-invoker.</summary>
    public WorkerInvoker Invoker { get; }

    /// <summary>
    /// The Conductor task definition of this worker as UTF-8 JSON text, ready to send to
    /// <c>POST /api/metadata/taskdefs</c> inside a JSON array: the name, the settings of its
    /// <see cref="TaskDefinitionAttribute"/>, <c>inputKeys</c>/<c>outputKeys</c> and JSON Schemas
    /// (draft 2020-12) of the input and the output. Generated code sets it; <see langword="null"/>
    /// for definitions built by hand.
    /// </summary>
    public string? TaskDefinitionJson { get; init; }

    /// <summary>
    /// The services the worker method takes as parameters (<see cref="FromServicesAttribute"/> and
    /// keyed services), resolved from each task's service scope. Generated code sets it, so a host
    /// can check at start that each is registered; empty for workers that take none.
    /// </summary>
    public IReadOnlyList<WorkerServiceDependency> ServiceDependencies { get; init; } = [];

    /// <summary>A copy of this definition with other settings (from configuration, for example).</summary>
    public WorkerDefinition WithSettings(WorkerSettings settings) => new(TaskName, Invoker, settings)
    {
        TaskDefinitionJson = TaskDefinitionJson,
        ServiceDependencies = ServiceDependencies,
    };

    /// <inheritdoc/>
    public override string ToString() => TaskName;
}
