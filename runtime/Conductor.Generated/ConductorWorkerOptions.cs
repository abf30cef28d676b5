using Conductor.Generated.Client;

namespace Conductor.Generated;

/// <summary>Where and how a <see cref="ConductorWorkerHost"/> runs its workers.</summary>
public sealed class ConductorWorkerOptions
{
    /// <summary>The environment variable read when <see cref="ServerUrl"/> is not set.</summary>
    public const string ServerUrlEnvironmentVariable = "CONDUCTOR_SERVER_URL";

    /// <summary>The configuration key of <see cref="ServerUrl"/> in a Generic Host (package <c>Conductor.Generated.Hosting</c>).</summary>
    internal const string ServerUrlConfigurationKey = "Conductor:ServerUrl";

    /// <summary>The environment variable read when <see cref="KeyId"/> is not set.</summary>
    public const string KeyIdEnvironmentVariable = "CONDUCTOR_AUTH_KEY";

    /// <summary>The environment variable read when <see cref="KeySecret"/> is not set.</summary>
    public const string KeySecretEnvironmentVariable = "CONDUCTOR_AUTH_SECRET";

    /// <summary>The environment variable read when <see cref="TaskOutputPayloadThresholdKilobytes"/> is not set.</summary>
    public const string TaskOutputPayloadThresholdEnvironmentVariable = "CONDUCTOR_TASK_OUTPUT_PAYLOAD_THRESHOLD_KB";

    /// <summary>The environment variable read when <see cref="TaskOutputMaxPayloadKilobytes"/> is not set.</summary>
    public const string TaskOutputMaxPayloadEnvironmentVariable = "CONDUCTOR_TASK_OUTPUT_MAX_PAYLOAD_THRESHOLD_KB";

    /// <summary>The environment variable read when <see cref="QueueDepthInterval"/> is not set: whole seconds, <c>0</c> for off.</summary>
    public const string QueueDepthIntervalEnvironmentVariable = "CONDUCTOR_QUEUE_DEPTH_INTERVAL_SECONDS";

    /// <summary>The default of <see cref="QueueDepthInterval"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultQueueDepthInterval = TimeSpan.FromSeconds(30);

    /// <summary>The environment variable read when <see cref="SummaryInterval"/> is not set: whole seconds, <c>0</c> for no summary.</summary>
    public const string SummaryIntervalEnvironmentVariable = "CONDUCTOR_SUMMARY_INTERVAL_SECONDS";

    /// <summary>The default of <see cref="SummaryInterval"/>: one minute.</summary>
    public static readonly TimeSpan DefaultSummaryInterval = TimeSpan.FromMinutes(1);

    /// <summary>The default of <see cref="TaskOutputPayloadThresholdKilobytes"/>: the server's own (<c>conductor.app.taskOutputPayloadSizeThreshold</c>).</summary>
    public const int DefaultTaskOutputPayloadThresholdKilobytes = 3072;

    /// <summary>The default of <see cref="TaskOutputMaxPayloadKilobytes"/>: the server's own (<c>conductor.app.maxTaskOutputPayloadSizeThreshold</c>).</summary>
    public const int DefaultTaskOutputMaxPayloadKilobytes = 10240;

    /// <summary>
    /// The Conductor server's API root, such as <c>http://localhost:8080/api</c> (<c>/api</c> is
    /// appended when missing). When <see langword="null"/>, the <c>CONDUCTOR_SERVER_URL</c>
    /// environment variable is used; without either, starting fails.
    /// </summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>
    /// The id of an Orkes application key; with <see cref="KeySecret"/> it is exchanged for an
    /// access token (<c>POST /api/token</c>) sent with every request. When <see langword="null"/>,
    /// the <c>CONDUCTOR_AUTH_KEY</c> environment variable is used; without either, requests carry
    /// no token. A server that answers <c>404</c> to <c>POST /api/token</c> needs none.
    /// </summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// The secret of the application key named by <see cref="KeyId"/>; the
    /// <c>CONDUCTOR_AUTH_SECRET</c> environment variable when <see langword="null"/>. Never
    /// logged, never in an exception message.
    /// </summary>
    public string? KeySecret { get; set; }

    /// <summary>
    /// How old an access token may get before it is replaced before use. 45 minutes by default,
    /// as in the other SDKs; a token the server refuses as expired is replaced at once anyway.
    /// </summary>
    public TimeSpan TokenRefreshInterval { get; set; } = ConductorCredentials.DefaultTokenRefreshInterval;

    /// <summary>The identity this process polls with; the machine's host name when <see langword="null"/>.</summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// How long in-flight tasks may run on after stopping begins, before they are cancelled and
    /// reported <c>FAILED</c>. 30 seconds by default.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The HTTP client to talk to the server with (for custom handlers, proxies or headers); it
    /// is not disposed by the host. Its timeout must exceed the longest poll timeout. When
    /// <see langword="null"/> the host creates its own.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Settings that replace a worker's own (from its attribute), by task name. A name with no
    /// worker is an error at start. Environment variables
    /// (<c>conductor.worker.&lt;taskName&gt;.&lt;property&gt;</c> and the other spellings) are
    /// applied on top of them; see the runtime documentation for the order.
    /// </summary>
    public IDictionary<string, WorkerSettings> WorkerSettingsOverrides { get; } = new Dictionary<string, WorkerSettings>(StringComparer.Ordinal);

    /// <summary>
    /// A directory for the durable result outbox, or <see langword="null"/> (the default) for
    /// none. With it, every result is written and flushed there before it is sent and removed
    /// once the server has it; results left by a process that was killed or stopped before
    /// delivering them are sent first at the next start. Use one directory per process; it is
    /// created when missing (readable by this user only, on Unix).
    /// </summary>
    public string? ResultOutboxDirectory { get; set; }

    /// <summary>
    /// The most bytes the outbox may hold (100 MiB by default). A result that does not fit is
    /// sent from memory only, as without an outbox, and a warning is logged.
    /// </summary>
    public long ResultOutboxMaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The largest answer body the client reads (64 MiB by default). A bigger answer (a proxy
    /// streaming something else, a runaway payload) is refused without being read whole: the
    /// request fails with a <see cref="Client.ConductorApiException"/> that says so, and a poll is
    /// retried like any failed poll. Raise it only when batches of tasks with inputs close to the
    /// server's payload limit (10 MB per task by default) really reach it.
    /// </summary>
    public long MaxResponseBodyBytes { get; set; } = Client.ConductorClient.DefaultMaxResponseBodyBytes;

    /// <summary>
    /// A task output whose JSON is larger than this many kilobytes (of 1024 bytes) is uploaded to
    /// the server's external payload storage and reported by its path, as the Java client does;
    /// <see cref="DefaultTaskOutputPayloadThresholdKilobytes"/> (the server's own threshold) when
    /// <see langword="null"/> and the <c>CONDUCTOR_TASK_OUTPUT_PAYLOAD_THRESHOLD_KB</c>
    /// environment variable is not set either.
    /// </summary>
    public int? TaskOutputPayloadThresholdKilobytes { get; set; }

    /// <summary>
    /// A task output whose JSON is larger than this many kilobytes is not sent at all: the task
    /// fails for good (<c>FAILED_WITH_TERMINAL_ERROR</c>) with a reason naming the size and the
    /// limit, as the server would fail it. <see cref="DefaultTaskOutputMaxPayloadKilobytes"/>
    /// when <see langword="null"/> and the <c>CONDUCTOR_TASK_OUTPUT_MAX_PAYLOAD_THRESHOLD_KB</c>
    /// environment variable is not set either.
    /// </summary>
    public int? TaskOutputMaxPayloadKilobytes { get; set; }

    /// <summary>
    /// The application's root service provider, or <see langword="null"/> (the default) for none.
    /// When set, every task execution gets its own <see cref="Microsoft.Extensions.DependencyInjection.AsyncServiceScope"/>,
    /// exposed as <see cref="TaskContext.Services"/> and disposed when the worker method has
    /// returned or thrown, before the result is reported. <c>AddConductorWorkers</c> sets it.
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>
    /// Whether the host registers its workers' generated task definitions
    /// (<see cref="WorkerDefinition.TaskDefinitionJson"/>) with <c>POST /api/metadata/taskdefs</c>
    /// when it starts, before it polls. Off by default: definitions are usually deployed with the
    /// workflows, and a worker's key may lack the permission. A failure the server may get over is
    /// retried until it succeeds or the host stops; a refusal (<c>4xx</c>, a missing permission
    /// included) is logged as an error and polling starts anyway.
    /// </summary>
    public bool RegisterTaskDefinitions { get; set; }

    /// <summary>
    /// Whether the host registers the workflow definitions of the <c>*.workflow.json</c> files
    /// under <see cref="WorkflowFilesDirectory"/> when it starts (<c>PUT /api/metadata/workflow</c>,
    /// which replaces a definition of the same name and version), after the task definitions and
    /// before it polls. Off by default. Each file is checked against the host's workers first, with
    /// the checks the build makes (<see cref="Workflows.WorkflowDefinitionCheck"/>, CDG2001–CDG2009):
    /// a warning or an error makes <see cref="ConductorWorkerHost.StartAsync"/> throw an
    /// <see cref="InvalidOperationException"/> naming the file and each finding, unless
    /// <see cref="OnWorkflowCheckFailure"/> is <see cref="Workflows.WorkflowCheckFailure.Warn"/>.
    /// A file that is not JSON always does. Sending is retried as for the task definitions; a
    /// refusal is logged as an error and polling starts anyway.
    /// </summary>
    public bool RegisterWorkflowFiles { get; set; }

    /// <summary>
    /// Where <see cref="RegisterWorkflowFiles"/> looks for <c>*.workflow.json</c> files, subdirectories
    /// included: the application's directory (<see cref="AppContext.BaseDirectory"/>) when
    /// <see langword="null"/>, where the package's build targets copy the project's workflow files.
    /// </summary>
    public string? WorkflowFilesDirectory { get; set; }

    /// <summary>What the host does when a workflow file does not match its workers; <see cref="Workflows.WorkflowCheckFailure.Throw"/> by default.</summary>
    public Workflows.WorkflowCheckFailure OnWorkflowCheckFailure { get; set; }

    /// <summary>
    /// Creates the <see cref="System.Diagnostics.Metrics.Meter"/> the worker metrics are recorded
    /// into (named <see cref="Diagnostics.ConductorDiagnostics.MeterName"/>), so that they belong
    /// to an application's container and its telemetry; <c>AddConductorWorkers</c> sets the
    /// host's. When <see langword="null"/> (the default), every host without one records into a
    /// single process-wide meter of that name.
    /// </summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// How often the depth of the workers' queues is read from the server for the
    /// <c>task_queue_depth</c> metric, with one <c>GET /api/tasks/queue/sizes</c> for all of this
    /// host's task types; <see cref="TimeSpan.Zero"/> turns the reading off. When
    /// <see langword="null"/>, the <c>CONDUCTOR_QUEUE_DEPTH_INTERVAL_SECONDS</c> environment
    /// variable (whole seconds, <c>0</c> for off), else <see cref="DefaultQueueDepthInterval"/>.
    /// Nothing is sent while no metrics listener (OpenTelemetry, <c>dotnet-counters</c>, a
    /// <c>MeterListener</c>) collects that metric. At least one second when not zero.
    /// </summary>
    public TimeSpan? QueueDepthInterval { get; set; }

    /// <summary>
    /// How often each worker logs one line at Information with the tasks it completed and failed
    /// since its last line and those in progress, so that a healthy worker shows it is working.
    /// <see cref="TimeSpan.Zero"/> turns the summary off. When <see langword="null"/>, the
    /// <c>CONDUCTOR_SUMMARY_INTERVAL_SECONDS</c> environment variable (whole seconds,
    /// <c>0</c> for off) is used, else <see cref="DefaultSummaryInterval"/>.
    /// </summary>
    public TimeSpan? SummaryInterval { get; set; }

    /// <summary>The first delay before retrying a failed poll or result delivery; it doubles up to <see cref="MaxRetryDelay"/>. 100 ms by default.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between retries of a failed poll or result delivery. 10 seconds by default.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Registers a handler of a POSIX signal (Ctrl+C, SIGTERM); <see cref="System.Runtime.InteropServices.PosixSignalRegistration.Create"/> unless a test replaces it.</summary>
    internal Func<System.Runtime.InteropServices.PosixSignal, Action<System.Runtime.InteropServices.PosixSignalContext>, IDisposable> RegisterPosixSignal { get; set; } =
        System.Runtime.InteropServices.PosixSignalRegistration.Create;

    /// <summary>The clock of the worker summary, poll health and the queue depth reader; the system's unless a test replaces it.</summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Reads an environment variable (the server URL, worker settings); the process environment
    /// unless a test replaces it.
    /// </summary>
    internal Func<string, string?> ReadEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// The queue depth interval in effect (<see cref="TimeSpan.Zero"/> for off): the option, else
    /// the environment variable, else the default; throws naming a value out of range.
    /// </summary>
    internal TimeSpan ResolveQueueDepthInterval(Func<string, string?> readEnvironmentVariable)
    {
        var interval = QueueDepthInterval;
        if (interval is null)
        {
            var text = readEnvironmentVariable(QueueDepthIntervalEnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(text))
            {
                interval = int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new InvalidOperationException(
                        $"The {QueueDepthIntervalEnvironmentVariable} environment variable must be a whole number of seconds (0 turns the queue depth reading off); got '{text}'.");
            }
        }

        var resolved = interval ?? DefaultQueueDepthInterval;
        if (resolved != TimeSpan.Zero && resolved < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException(
                $"{nameof(QueueDepthInterval)} must be zero (off) or at least one second; got {resolved}.");
        }

        return resolved;
    }

    /// <summary>The server URL to use: <see cref="ServerUrl"/>, else the environment variable; throws when neither is usable.</summary>
    internal Uri ResolveServerUrl(Func<string, string?> readEnvironmentVariable)
    {
        if (ServerUrl is not null)
        {
            RefuseDoubledApiSegment(ServerUrl, $"{nameof(ConductorWorkerOptions)}.{nameof(ServerUrl)} (in a Generic Host, the configuration key {ServerUrlConfigurationKey})");
            return ServerUrl;
        }

        var fromEnvironment = readEnvironmentVariable(ServerUrlEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(fromEnvironment))
        {
            throw new InvalidOperationException(
                $"No Conductor server URL: set {nameof(ConductorWorkerOptions)}.{nameof(ServerUrl)} in code, the {ServerUrlEnvironmentVariable} environment variable, "
                + $"or, in a Generic Host with AddConductorWorkers, the configuration key {ServerUrlConfigurationKey} (\"Conductor\": {{ \"ServerUrl\": ... }} in appsettings.json, "
                + "which a published program reads from its own folder, so the file must be copied there; or the Conductor__ServerUrl environment variable). "
                + "For example http://localhost:8080/api.");
        }

        if (!Uri.TryCreate(fromEnvironment.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"The {ServerUrlEnvironmentVariable} environment variable is not an absolute http or https URL: '{fromEnvironment}'. Expected something like http://localhost:8080/api.");
        }

        RefuseDoubledApiSegment(url, $"The {ServerUrlEnvironmentVariable} environment variable");
        return url;
    }

    /// <summary>
    /// Refuses a URL whose path has <c>/api/api</c> (<c>/api</c> given twice, as when a path is
    /// added to a URL that ends in <c>/api</c>): every request would go to a path the server does
    /// not have, and answer 404 at each poll.
    /// </summary>
    private static void RefuseDoubledApiSegment(Uri url, string setting)
    {
        if (!url.IsAbsoluteUri)
        {
            return; // ConductorClient.NormalizeApiRoot refuses it, naming what is expected.
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var index = 1; index < segments.Length; index++)
        {
            if (string.Equals(segments[index - 1], "api", StringComparison.OrdinalIgnoreCase) && string.Equals(segments[index], "api", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"{setting} has /api twice: '{url}'. It is the server's API root with /api once, such as http://localhost:8080/api (/api is added when missing).");
            }
        }
    }

    /// <summary>
    /// The application key to authenticate with, from the options or else the environment, or
    /// <see langword="null"/> for none; throws when only one half of it is given.
    /// </summary>
    internal ConductorCredentials? ResolveCredentials(Func<string, string?> readEnvironmentVariable)
    {
        var keyId = string.IsNullOrWhiteSpace(KeyId) ? readEnvironmentVariable(KeyIdEnvironmentVariable) : KeyId;
        var keySecret = string.IsNullOrWhiteSpace(KeySecret) ? readEnvironmentVariable(KeySecretEnvironmentVariable) : KeySecret;
        var hasId = !string.IsNullOrWhiteSpace(keyId);
        var hasSecret = !string.IsNullOrWhiteSpace(keySecret);
        if (hasId != hasSecret)
        {
            // Name what is missing, never the value that is there.
            throw new InvalidOperationException(hasId
                ? $"An application key id is set but no secret: set {nameof(KeySecret)} or the {KeySecretEnvironmentVariable} environment variable too, or neither."
                : $"An application key secret is set but no id: set {nameof(KeyId)} or the {KeyIdEnvironmentVariable} environment variable too, or neither.");
        }

        return hasId ? new ConductorCredentials(keyId!, keySecret!) { TokenRefreshInterval = TokenRefreshInterval } : null;
    }

    /// <summary>
    /// The output thresholds in bytes, from the options, else the environment, else the server's
    /// defaults; throws naming a variable that is not a positive whole number, or limits out of order.
    /// </summary>
    internal (long Threshold, long Max) ResolveOutputPayloadLimits(Func<string, string?> readEnvironmentVariable)
    {
        var threshold = TaskOutputPayloadThresholdKilobytes
            ?? Kilobytes(readEnvironmentVariable, TaskOutputPayloadThresholdEnvironmentVariable)
            ?? DefaultTaskOutputPayloadThresholdKilobytes;
        var max = TaskOutputMaxPayloadKilobytes
            ?? Kilobytes(readEnvironmentVariable, TaskOutputMaxPayloadEnvironmentVariable)
            ?? DefaultTaskOutputMaxPayloadKilobytes;
        if (threshold <= 0 || max <= 0)
        {
            throw new InvalidOperationException(
                $"{nameof(TaskOutputPayloadThresholdKilobytes)} and {nameof(TaskOutputMaxPayloadKilobytes)} must be positive; got {threshold} and {max}.");
        }

        if (max < threshold)
        {
            throw new InvalidOperationException(
                $"{nameof(TaskOutputMaxPayloadKilobytes)} ({max}) must not be below {nameof(TaskOutputPayloadThresholdKilobytes)} ({threshold}).");
        }

        return (threshold * 1024L, max * 1024L);
    }

    private static int? Kilobytes(Func<string, string?> readEnvironmentVariable, string variable)
    {
        var text = readEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"The {variable} environment variable must be a positive whole number of kilobytes; got '{text}'.");
    }

    /// <summary>
    /// The summary interval: <see cref="SummaryInterval"/>, else the environment variable, else
    /// the default; <see cref="TimeSpan.Zero"/> for none. Throws naming a bad value.
    /// </summary>
    internal TimeSpan ResolveSummaryInterval(Func<string, string?> readEnvironmentVariable)
    {
        if (SummaryInterval is { } interval)
        {
            return interval >= TimeSpan.Zero
                ? interval
                : throw new InvalidOperationException($"{nameof(SummaryInterval)} must not be negative (TimeSpan.Zero turns the summary off); got {interval}.");
        }

        var text = readEnvironmentVariable(SummaryIntervalEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultSummaryInterval;
        }

        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"The {SummaryIntervalEnvironmentVariable} environment variable must be a whole number of seconds (0 turns the summary off); got '{text}'.");
    }

    /// <summary>The worker id to use: <see cref="WorkerId"/>, else the host name.</summary>
    internal string ResolveWorkerId() => string.IsNullOrWhiteSpace(WorkerId) ? Environment.MachineName : WorkerId;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that is out of range.</summary>
    internal void Validate()
    {
        if (ShutdownGracePeriod < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{nameof(ShutdownGracePeriod)} must not be negative; got {ShutdownGracePeriod}.");
        }

        if (InitialRetryDelay <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{nameof(InitialRetryDelay)} must be positive; got {InitialRetryDelay}.");
        }

        if (MaxRetryDelay < InitialRetryDelay)
        {
            throw new InvalidOperationException($"{nameof(MaxRetryDelay)} ({MaxRetryDelay}) must not be shorter than {nameof(InitialRetryDelay)} ({InitialRetryDelay}).");
        }

        if (ResultOutboxDirectory is not null && string.IsNullOrWhiteSpace(ResultOutboxDirectory))
        {
            throw new InvalidOperationException($"{nameof(ResultOutboxDirectory)} must not be blank; leave it null for no outbox.");
        }

        if (!RegisterWorkflowFiles && (WorkflowFilesDirectory is not null || OnWorkflowCheckFailure != Workflows.WorkflowCheckFailure.Throw))
        {
            throw new InvalidOperationException(
                $"{(WorkflowFilesDirectory is not null ? nameof(WorkflowFilesDirectory) : nameof(OnWorkflowCheckFailure))} is set but {nameof(RegisterWorkflowFiles)} is not: set {nameof(RegisterWorkflowFiles)} = true to register the workflow files, or leave the setting out.");
        }

        if (!Enum.IsDefined(OnWorkflowCheckFailure))
        {
            throw new InvalidOperationException($"{nameof(OnWorkflowCheckFailure)} must be Throw or Warn; got {(int)OnWorkflowCheckFailure}.");
        }

        if (RegisterWorkflowFiles && WorkflowFilesDirectory is not null && string.IsNullOrWhiteSpace(WorkflowFilesDirectory))
        {
            throw new InvalidOperationException($"{nameof(WorkflowFilesDirectory)} must not be blank; leave it null for the application's directory.");
        }

        if (ResultOutboxMaxBytes <= 0)
        {
            throw new InvalidOperationException($"{nameof(ResultOutboxMaxBytes)} must be positive; got {ResultOutboxMaxBytes}.");
        }

        if (MaxResponseBodyBytes is <= 0 or > int.MaxValue)
        {
            throw new InvalidOperationException($"{nameof(MaxResponseBodyBytes)} must be from 1 to {int.MaxValue}; got {MaxResponseBodyBytes}.");
        }

        if (TokenRefreshInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{nameof(TokenRefreshInterval)} must be positive; got {TokenRefreshInterval}.");
        }

        if (WorkerId is not null && string.IsNullOrWhiteSpace(WorkerId))
        {
            throw new InvalidOperationException($"{nameof(WorkerId)} must not be blank; leave it null to use the host name.");
        }
    }
}
