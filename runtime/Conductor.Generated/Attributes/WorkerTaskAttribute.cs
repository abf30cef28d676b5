namespace Conductor.Generated;

/// <summary>
/// Marks a static method as the worker of a Conductor task. The source generator turns every
/// marked method into an entry of the assembly's generated <c>ConductorWorkers</c> table.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class WorkerTaskAttribute : Attribute
{
    /// <summary>Marks a method as the worker of <paramref name="taskName"/>.</summary>
    /// <param name="taskName">The task definition name the worker polls for.</param>
    public WorkerTaskAttribute(string taskName)
    {
        TaskName = taskName;
    }

    /// <summary>The task definition name the worker polls for.</summary>
    public string TaskName { get; }

    /// <summary>How many tasks of this type run at once in this process. Default 1.</summary>
    public int Concurrency { get; set; } = WorkerSettings.DefaultConcurrency;

    /// <summary>Pause in milliseconds after a poll that found no work. Default 100.</summary>
    public int PollIntervalMs { get; set; } = WorkerSettings.DefaultPollIntervalMs;

    /// <summary>The task domain to poll, or <see langword="null"/> for none.</summary>
    public string? Domain { get; set; }

    /// <summary>Server-side long poll in milliseconds, at most 5000. Default 1000.</summary>
    public int PollTimeoutMs { get; set; } = WorkerSettings.DefaultPollTimeoutMs;
}
