namespace Conductor.Generated;

/// <summary>How the runtime polls for and runs one worker's tasks.</summary>
public sealed record WorkerSettings
{
    internal const int DefaultConcurrency = 1;
    internal const int DefaultPollIntervalMs = 100;
    internal const int DefaultPollTimeoutMs = 1000;

    /// <summary>The longest server-side long poll the Conductor server accepts.</summary>
    public const int MaxPollTimeoutMs = 5000;

    /// <summary>How many tasks of this type run at once in this process.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>Pause after a long poll that found no work (after every empty poll when the poll timeout is zero).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(DefaultPollIntervalMs);

    /// <summary>The task domain to poll, or <see langword="null"/> for none.</summary>
    public string? Domain { get; init; }

    /// <summary>
    /// Server-side long poll (the <c>timeout</c> of a batch poll), at most 5 seconds: how long the
    /// server may hold the poll for one task that is sent when nothing is known to be waiting.
    /// Polls for more tasks are sent with timeout 0. Zero: every poll asks for all free slots
    /// without waiting.
    /// </summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(DefaultPollTimeoutMs);

    /// <summary>
    /// Whether the worker starts paused: it polls for nothing until
    /// <see cref="ConductorWorkerHost.Resume"/> is called. Tasks it already has run to the end.
    /// </summary>
    public bool Paused { get; init; }

    /// <summary>
    /// Whether the runtime keeps a long task's lease while the worker runs: at 80% of the task's
    /// <c>responseTimeoutSeconds</c>, and again every such interval, it sends an
    /// <c>extendLease</c> result so the server does not time the task out. Without it, a worker
    /// still running at the response timeout has its cancellation token cancelled.
    /// </summary>
    public bool LeaseExtension { get; init; }

    /// <summary>Throws <see cref="InvalidOperationException"/> when a setting is out of range, naming the worker and the setting.</summary>
    public void Validate(string taskName)
    {
        if (Concurrency < 1)
        {
            throw new InvalidOperationException($"Worker '{taskName}': Concurrency must be at least 1.");
        }

        if (PollInterval < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Worker '{taskName}': PollInterval must not be negative.");
        }

        if (PollTimeout < TimeSpan.Zero || PollTimeout > TimeSpan.FromMilliseconds(MaxPollTimeoutMs))
        {
            throw new InvalidOperationException($"Worker '{taskName}': PollTimeout must be between 0 and {MaxPollTimeoutMs} ms.");
        }
    }
}
