namespace Conductor.Generated.Hosting.Configuration;

/// <summary>
/// The <c>Conductor</c> configuration section as the binder fills it. Every property is nullable:
/// a key that is absent leaves the option as it is, so defaults and environment variables still
/// apply. The names are those of <see cref="ConductorWorkerOptions"/> and <see cref="WorkerSettings"/>.
/// </summary>
internal sealed class ConductorSection
{
    /// <summary>The section name.</summary>
    public const string Name = "Conductor";

    /// <summary>Kept as text so that a bad value gets an error naming the key.</summary>
    public string? ServerUrl { get; set; }

    public string? KeyId { get; set; }

    public string? KeySecret { get; set; }

    public string? WorkerId { get; set; }

    public TimeSpan? ShutdownGracePeriod { get; set; }

    public TimeSpan? TokenRefreshInterval { get; set; }

    public string? ResultOutboxDirectory { get; set; }

    public long? ResultOutboxMaxBytes { get; set; }

    public int? TaskOutputPayloadThresholdKilobytes { get; set; }

    public int? TaskOutputMaxPayloadKilobytes { get; set; }

    public TimeSpan? InitialRetryDelay { get; set; }

    public TimeSpan? MaxRetryDelay { get; set; }

    public TimeSpan? QueueDepthInterval { get; set; }

    public TimeSpan? SummaryInterval { get; set; }

    public bool? RegisterTaskDefinitions { get; set; }

    public long? MaxResponseBodyBytes { get; set; }

    /// <summary>The keys of the section (the <c>Workers</c> subsection's included), for the message about an unknown one.</summary>
    public static readonly string[] Keys =
    [
        nameof(ServerUrl), nameof(KeyId), nameof(KeySecret), nameof(WorkerId), nameof(ShutdownGracePeriod), nameof(TokenRefreshInterval),
        nameof(ResultOutboxDirectory), nameof(ResultOutboxMaxBytes), nameof(TaskOutputPayloadThresholdKilobytes), nameof(TaskOutputMaxPayloadKilobytes),
        nameof(InitialRetryDelay), nameof(MaxRetryDelay), nameof(SummaryInterval), nameof(QueueDepthInterval), nameof(RegisterTaskDefinitions), nameof(MaxResponseBodyBytes), nameof(Workers),
    ];

    /// <summary>Per-worker settings by task name: <c>Conductor:Workers:&lt;taskName&gt;:Concurrency</c>.</summary>
    public Dictionary<string, WorkerSection> Workers { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One worker's settings in <c>Conductor:Workers:&lt;taskName&gt;</c>; absent keys keep the worker's own.</summary>
internal sealed class WorkerSection
{
    /// <summary>The keys of a worker's section, for the message about an unknown one.</summary>
    public static readonly string[] Keys =
        [nameof(Concurrency), nameof(PollInterval), nameof(PollTimeout), nameof(Domain), nameof(Paused), nameof(LeaseExtension)];

    public int? Concurrency { get; set; }

    public TimeSpan? PollInterval { get; set; }

    public TimeSpan? PollTimeout { get; set; }

    public string? Domain { get; set; }

    public bool? Paused { get; set; }

    public bool? LeaseExtension { get; set; }

    /// <summary><paramref name="settings"/> with every key this section has replacing the property it names.</summary>
    public WorkerSettings ApplyTo(WorkerSettings settings) => settings with
    {
        Concurrency = Concurrency ?? settings.Concurrency,
        PollInterval = PollInterval ?? settings.PollInterval,
        PollTimeout = PollTimeout ?? settings.PollTimeout,
        // An empty Domain value means "no domain", as in the environment variables.
        Domain = Domain is null ? settings.Domain : Domain.Length == 0 ? null : Domain,
        Paused = Paused ?? settings.Paused,
        LeaseExtension = LeaseExtension ?? settings.LeaseExtension,
    };
}
