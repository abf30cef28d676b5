using System.Diagnostics.Metrics;
using Conductor.Generated.Client;
using Conductor.Generated.Configuration;
using Conductor.Generated.Diagnostics;
using Conductor.Generated.Outbox;
using Conductor.Generated.Polling;
using Conductor.Generated.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conductor.Generated;

/// <summary>
/// Runs workers against a Conductor server: one poll loop per task type, each task executed as
/// soon as it arrives, results delivered with retries, and a graceful stop that lets in-flight
/// tasks finish. Use <see cref="RunAsync"/>, or <see cref="StartAsync"/> and
/// <see cref="StopAsync"/> from a hosted service.
/// </summary>
public sealed class ConductorWorkerHost : IAsyncDisposable
{
    /// <summary>
    /// After the grace period, how long the host still waits for cancelled tasks to be reported
    /// <c>FAILED</c> before it gives up on them.
    /// </summary>
    private static readonly TimeSpan FinalReportWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long polling waits at most for the results an earlier run left in the outbox to be
    /// tried once each; a slow or silent server must not keep the workers idle.
    /// </summary>
    private static readonly TimeSpan LeftoverFirstPassLimit = TimeSpan.FromSeconds(10);

    private readonly ConductorWorkerOptions _options;
    private readonly IReadOnlyList<WorkerDefinition> _workers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopPolling = new();
    private readonly CancellationTokenSource _cancelTasks = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly Lock _gate = new();

    private ConductorClient? _client;
    private List<WorkerPoller> _pollers = [];
    private List<WorkerDefinition> _resolvedWorkers = [];
    private WorkflowFiles? _workflowFiles;
    private Dictionary<string, WorkerPoller> _pollersByTaskName = new(StringComparer.Ordinal);
    private Task _pollersFinished = Task.CompletedTask;
    private Task _queueDepthReading = Task.CompletedTask;
    private IDisposable? _observation;
    private Task? _stopping;
    private bool _started;
    private bool _abandoned;

    /// <summary>Creates a host for <paramref name="workers"/> (typically the generated <c>ConductorWorkers.All</c>).</summary>
    /// <param name="options">Server, identity and shutdown settings; validated by <see cref="StartAsync"/>.</param>
    /// <param name="workers">The workers to run, one per task name.</param>
    /// <param name="loggerFactory">Where logs go; nowhere when <see langword="null"/>.</param>
    public ConductorWorkerHost(ConductorWorkerOptions options, IEnumerable<WorkerDefinition> workers, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workers);
        _options = options;
        _workers = [.. workers];
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(WorkerLog.CategoryName);
    }

    /// <summary>
    /// Starts the workers and runs them until <paramref name="cancellationToken"/> is cancelled,
    /// then stops gracefully (see <see cref="StopAsync"/>). Completes once stopped.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        await StartAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// The entry point of a plain console program: starts the workers and runs them until
    /// Ctrl+C, <c>SIGTERM</c> (<c>docker stop</c>, Kubernetes) or <c>SIGQUIT</c>, or until
    /// <paramref name="cancellationToken"/> is cancelled; then logs the signal and stops gracefully
    /// (see <see cref="StopAsync"/>): running tasks finish and their results are delivered. The
    /// signal does not end the process; it ends when your <c>Main</c> returns. The same signal a
    /// second time ends the process at once. A Generic Host has its own handling: use
    /// <c>AddConductorWorkers</c> there instead.
    /// </summary>
    public async Task RunUntilStoppedAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var received = 0;
        void OnSignal(System.Runtime.InteropServices.PosixSignalContext context)
        {
            if (Interlocked.Increment(ref received) > 1)
            {
                return;   // The second time: the default, which ends the process.
            }

            context.Cancel = true;
            var signal = SignalName(context.Signal);
            WorkerLog.StopSignalReceived(_logger, signal, (long)_options.ShutdownGracePeriod.TotalMilliseconds);
            stop.Cancel();
        }

        using var interrupt = _options.RegisterPosixSignal(System.Runtime.InteropServices.PosixSignal.SIGINT, OnSignal);
        using var terminate = _options.RegisterPosixSignal(System.Runtime.InteropServices.PosixSignal.SIGTERM, OnSignal);
        using var quit = _options.RegisterPosixSignal(System.Runtime.InteropServices.PosixSignal.SIGQUIT, OnSignal);
        await RunAsync(stop.Token).ConfigureAwait(false);
    }

    private static string SignalName(System.Runtime.InteropServices.PosixSignal signal) => signal switch
    {
        System.Runtime.InteropServices.PosixSignal.SIGINT => "SIGINT (Ctrl+C)",
        System.Runtime.InteropServices.PosixSignal.SIGTERM => "SIGTERM",
        System.Runtime.InteropServices.PosixSignal.SIGQUIT => "SIGQUIT",
        _ => signal.ToString(),
    };

    /// <summary>
    /// Validates the options and workers and starts polling; returns once the poll loops run.
    /// Throws <see cref="InvalidOperationException"/> naming what is wrong with the settings.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("The worker host has been started already; create a new one to start again.");
            }

            _options.Validate();
            var serverUrl = ConductorClient.NormalizeApiRoot(_options.ResolveServerUrl(_options.ReadEnvironmentVariable));
            var workerId = _options.ResolveWorkerId();
            var credentials = _options.ResolveCredentials(_options.ReadEnvironmentVariable);
            var (outputThreshold, outputMax) = _options.ResolveOutputPayloadLimits(_options.ReadEnvironmentVariable);
            var queueDepthInterval = _options.ResolveQueueDepthInterval(_options.ReadEnvironmentVariable);
            var summaryInterval = _options.ResolveSummaryInterval(_options.ReadEnvironmentVariable);
            var workers = ResolveWorkers();
            _resolvedWorkers = workers;
            _workflowFiles = _options.RegisterWorkflowFiles
                ? WorkflowFiles.Load(_options.WorkflowFilesDirectory ?? AppContext.BaseDirectory, workers, _options.OnWorkflowCheckFailure, _logger)
                : null;
            var scopeFactory = _options.Services?.GetRequiredService<IServiceScopeFactory>();
            var (outbox, leftovers) = _options.ResultOutboxDirectory is { } outboxDirectory
                ? ResultOutbox.Open(outboxDirectory, _options.ResultOutboxMaxBytes, _logger)
                : (null, []);

            _started = true;
            _client = new ConductorClient(serverUrl, _options.HttpClient, credentials) { MaxResponseBodyBytes = _options.MaxResponseBodyBytes };
            var signals = new ShutdownSignals(_stopPolling.Token, _cancelTasks.Token, _abandon.Token);
            var metrics = WorkerMetrics.Create(_options.MeterFactory);
            var reporter = new ResultReporter(_client, _logger, signals, _options.InitialRetryDelay, _options.MaxRetryDelay, outbox, metrics);
            var leaseExtender = new LeaseExtender(_client, _logger, _options.InitialRetryDelay, _options.MaxRetryDelay, _options.TimeProvider);
            var payloads = new ExternalPayloads(_client, outputThreshold, outputMax, _logger, _options.InitialRetryDelay, _options.MaxRetryDelay);
            _pollers = workers
                .Select(worker => new WorkerPoller(new WorkerContext
                {
                    Worker = worker,
                    WorkerId = workerId,
                    Client = _client,
                    Reporter = reporter,
                    LeaseExtender = leaseExtender,
                    Logger = _logger,
                    Signals = signals,
                    PollBackoff = new ExponentialBackoff(_options.InitialRetryDelay, _options.MaxRetryDelay),
                    ScopeFactory = scopeFactory,
                    Metrics = metrics,
                    PollHealth = new PollHealth(_options.TimeProvider),
                    Payloads = payloads,
                    TimeProvider = _options.TimeProvider,
                }))
                .ToList();
            _pollersByTaskName = _pollers.ToDictionary(poller => poller.TaskName, StringComparer.Ordinal);
            var queueDepthReader = queueDepthInterval > TimeSpan.Zero
                ? new QueueDepthReader(_client, workers, queueDepthInterval, _options.TimeProvider, metrics, _logger)
                : null;
            var pollers = _pollers;
            _observation = metrics.Observe(new ObservedWorkers(
                queueDepthReader is null ? static () => [] : queueDepthReader.Measure,
                () => pollers.Select(poller => new Measurement<int>(poller.BusySlots, new KeyValuePair<string, object?>(WorkerMetrics.TaskTypeTag, poller.TaskName))),
                () => pollers.Select(poller => new Measurement<int>(poller.FreeSlots, new KeyValuePair<string, object?>(WorkerMetrics.TaskTypeTag, poller.TaskName)))));

            WorkerLog.HostStarting(_logger, serverUrl, workerId, workers.Count, credentials is null ? "none" : "application key");
            _pollersFinished = Task.Run(() => RunWorkersAsync(reporter, leftovers), CancellationToken.None);
            if (queueDepthReader is not null)
            {
                _queueDepthReading = Task.Run(() => queueDepthReader.RunAsync(_stopPolling.Token), CancellationToken.None);
            }

            if (summaryInterval > TimeSpan.Zero)
            {
                // The timer exists before StartAsync returns, so that no tick of the clock is missed.
                var timer = new PeriodicTimer(summaryInterval, _options.TimeProvider);
                _ = Task.Run(() => LogSummariesAsync(timer, summaryInterval, _pollers), CancellationToken.None);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Pauses the worker of <paramref name="taskName"/>: it sends no more polls (a poll already
    /// waiting on the server is answered and its tasks run), and results of its running tasks no
    /// longer ask for a next task. Running tasks go on. Pausing a paused worker does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host has not been started.</exception>
    /// <exception cref="ArgumentException">No worker of this host polls for <paramref name="taskName"/>.</exception>
    public void Pause(string taskName) => Poller(taskName).Pause();

    /// <summary>Lets a paused worker poll again at once. Resuming a worker that is not paused does nothing.</summary>
    /// <exception cref="InvalidOperationException">The host has not been started.</exception>
    /// <exception cref="ArgumentException">No worker of this host polls for <paramref name="taskName"/>.</exception>
    public void Resume(string taskName) => Poller(taskName).Resume();

    /// <summary>Whether the worker of <paramref name="taskName"/> is paused.</summary>
    /// <exception cref="InvalidOperationException">The host has not been started.</exception>
    /// <exception cref="ArgumentException">No worker of this host polls for <paramref name="taskName"/>.</exception>
    public bool IsPaused(string taskName) => Poller(taskName).IsPaused;

    /// <summary>Whether the host has been started, runs, is stopping or has stopped.</summary>
    public ConductorWorkerHostState State
    {
        get
        {
            lock (_gate)
            {
                return !_started ? ConductorWorkerHostState.NotStarted
                    : _stopping is null ? ConductorWorkerHostState.Running
                    : _stopping.IsCompleted ? ConductorWorkerHostState.Stopped
                    : ConductorWorkerHostState.Stopping;
            }
        }
    }

    /// <summary>
    /// A snapshot of every worker: its settings in effect, whether it is paused and how its polls
    /// have been going. Empty before the host has started.
    /// </summary>
    public IReadOnlyList<WorkerStatus> GetWorkerStatuses()
    {
        List<WorkerPoller> pollers;
        lock (_gate)
        {
            pollers = _pollers;
        }

        return [.. pollers.Select(poller => poller.ReadStatus())];
    }

    /// <summary>
    /// Stops gracefully: no more polls; tasks in flight get
    /// <see cref="ConductorWorkerOptions.ShutdownGracePeriod"/> to finish and have their results
    /// delivered. Then running tasks are cancelled and reported <c>FAILED</c> (so the server
    /// retries them), and after a few more seconds the host stops waiting. Cancelling
    /// <paramref name="cancellationToken"/> ends the grace period at once.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_started)
            {
                return Task.CompletedTask;
            }

            return _stopping ??= StopCoreAsync(cancellationToken);
        }
    }

    /// <summary>Stops the host if it runs and releases its resources.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _queueDepthReading.ConfigureAwait(false);
        _observation?.Dispose();
        _client?.Dispose();
        if (!_abandoned)
        {
            // Abandoned tasks may still touch their poller's slots; only finished pollers are disposed.
            foreach (var poller in _pollers)
            {
                poller.Dispose();
            }
        }

        _stopPolling.Dispose();
        _cancelTasks.Dispose();
        _abandon.Dispose();
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        WorkerLog.HostStopping(_logger, (long)_options.ShutdownGracePeriod.TotalMilliseconds);
        await _stopPolling.CancelAsync().ConfigureAwait(false);

        bool finished;
        using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _cancelTasks))
        {
            finished = await CompletesWithinAsync(_pollersFinished, _options.ShutdownGracePeriod, _cancelTasks.Token).ConfigureAwait(false);
        }

        if (!finished)
        {
            WorkerLog.GracePeriodOver(_logger, TasksInFlight());
            await _cancelTasks.CancelAsync().ConfigureAwait(false);
            if (!await CompletesWithinAsync(_pollersFinished, FinalReportWindow, CancellationToken.None).ConfigureAwait(false))
            {
                _abandoned = true;
                WorkerLog.StoppedWithTasksRunning(_logger, TasksInFlight());
                await _abandon.CancelAsync().ConfigureAwait(false);
            }
        }

        WorkerLog.HostStopped(_logger);
    }

    /// <summary>
    /// Sends the results an earlier run left in the outbox, then polls: polling starts once each
    /// leftover has had one attempt, or after <see cref="LeftoverFirstPassLimit"/> at the latest.
    /// Completes when the poll loops have drained and the leftovers are delivered or given up.
    /// </summary>
    private async Task RunWorkersAsync(ResultReporter reporter, IReadOnlyList<StoredResult> leftovers)
    {
        if (_options.RegisterTaskDefinitions)
        {
            await RegisterTaskDefinitionsAsync(_client!, _stopPolling.Token).ConfigureAwait(false);
        }

        if (_workflowFiles is { } workflowFiles)
        {
            await RegisterWorkflowFilesAsync(_client!, workflowFiles, _stopPolling.Token).ConfigureAwait(false);
        }

        var leftoversDone = Task.CompletedTask;
        if (leftovers.Count > 0)
        {
            (var firstPass, leftoversDone) = reporter.SendLeftovers(leftovers);
            await CompletesWithinAsync(firstPass, LeftoverFirstPassLimit, _stopPolling.Token).ConfigureAwait(false);
        }

        await Task.WhenAll(_pollers.Select(poller => Task.Run(poller.RunAsync, CancellationToken.None)).Append(leftoversDone)).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers the generated definitions of this host's workers (those built by hand have none),
    /// retrying what the server may get over until it succeeds or stopping begins.
    /// </summary>
    private async Task RegisterTaskDefinitionsAsync(ConductorClient client, CancellationToken stopping)
    {
        var definitions = _resolvedWorkers.Where(worker => worker.TaskDefinitionJson is not null).ToList();
        if (definitions.Count == 0)
        {
            return;
        }

        var json = "[" + string.Join(",", definitions.Select(worker => worker.TaskDefinitionJson)) + "]";
        var taskTypes = string.Join(", ", definitions.Select(worker => worker.TaskName));
        await RegisterWithRetriesAsync(
            cancellationToken => client.RegisterTaskDefinitionsJsonAsync(json, cancellationToken),
            () => WorkerLog.TaskDefinitionsRegistered(_logger, definitions.Count, taskTypes),
            refused => WorkerLog.TaskDefinitionsRefused(_logger, (int)refused.StatusCode, refused.Message),
            (exception, attempt, delay) => WorkerLog.TaskDefinitionRegistrationFailed(_logger, exception, attempt, (long)delay.TotalMilliseconds),
            stopping).ConfigureAwait(false);
    }

    /// <summary>Registers the checked workflow files, retrying as <see cref="RegisterTaskDefinitionsAsync"/> does.</summary>
    private Task RegisterWorkflowFilesAsync(ConductorClient client, WorkflowFiles files, CancellationToken stopping) =>
        RegisterWithRetriesAsync(
            cancellationToken => client.RegisterWorkflowsJsonAsync(files.DefinitionsJson, cancellationToken),
            () => WorkerLog.WorkflowsRegistered(_logger, files.Names.Count, files.NamesText),
            refused => WorkerLog.WorkflowsRefused(_logger, (int)refused.StatusCode, refused.Message),
            (exception, attempt, delay) => WorkerLog.WorkflowRegistrationFailed(_logger, exception, attempt, (long)delay.TotalMilliseconds),
            stopping);

    /// <summary>
    /// Start-up registration: calls <paramref name="send"/> until it succeeds, the server refuses
    /// it for good (a non-transient answer, logged and not retried), or stopping begins; a failure
    /// the server may get over is logged and retried after an exponential backoff.
    /// </summary>
    private async Task RegisterWithRetriesAsync(
        Func<CancellationToken, Task> send,
        Action registered,
        Action<ConductorApiException> refused,
        Action<Exception, int, TimeSpan> failed,
        CancellationToken stopping)
    {
        var backoff = new ExponentialBackoff(_options.InitialRetryDelay, _options.MaxRetryDelay);
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await send(stopping).ConfigureAwait(false);
                registered();
                return;
            }
            catch (ConductorApiException refusal) when (!refusal.IsTransient)
            {
                refused(refusal);
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or ConductorApiException or IOException
                || (exception is OperationCanceledException && !stopping.IsCancellationRequested))
            {
                var delay = backoff.NextDelay();
                failed(exception, attempt, delay);
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One line per worker every <paramref name="interval"/>, until polling stops.</summary>
    private async Task LogSummariesAsync(PeriodicTimer timer, TimeSpan interval, List<WorkerPoller> pollers)
    {
        using (timer)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(_stopPolling.Token).ConfigureAwait(false))
                {
                    foreach (var poller in pollers)
                    {
                        var (completed, failed) = poller.Tally.Take();
                        WorkerLog.WorkerSummary(_logger, poller.TaskName, completed, failed, (long)interval.TotalSeconds, poller.Tally.Running);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
#pragma warning disable CA1031 // A logger that throws must not end the process from a background loop.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                WorkerLog.UnexpectedError(_logger, exception, "(summary)");
            }
        }
    }

    private int TasksInFlight() => _pollers.Sum(poller => poller.TasksInFlight);

    private WorkerPoller Poller(string taskName)
    {
        ArgumentNullException.ThrowIfNull(taskName);
        lock (_gate)
        {
            if (!_started)
            {
                throw new InvalidOperationException("The worker host has not been started; workers can be paused once it runs (or start paused with WorkerSettings.Paused).");
            }

            return _pollersByTaskName.TryGetValue(taskName, out var poller)
                ? poller
                : throw new ArgumentException($"No worker of this host polls for task '{taskName}'. Known tasks: {string.Join(", ", _pollersByTaskName.Keys)}.", nameof(taskName));
        }
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, delayCancellation.Token);
        var first = await Task.WhenAny(task, delay).ConfigureAwait(false);
        await delayCancellation.CancelAsync().ConfigureAwait(false);
        return first == task || task.IsCompleted;
    }

    /// <summary>
    /// The workers with their effective settings, checked: at least one, unique names, valid
    /// settings, no stray overrides. Each setting comes from, weakest first: the worker's own
    /// (its attribute), <see cref="ConductorWorkerOptions.WorkerSettingsOverrides"/>, the
    /// environment for all workers, the environment for this worker.
    /// </summary>
    private List<WorkerDefinition> ResolveWorkers()
    {
        if (_workers.Count == 0)
        {
            throw new InvalidOperationException("No workers to run. Pass the generated worker table (ConductorWorkers.All) or WorkerDefinition instances.");
        }

        var resolved = new List<WorkerDefinition>(_workers.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var worker in _workers)
        {
            if (worker is null)
            {
                throw new InvalidOperationException("The worker list contains null.");
            }

            if (!names.Add(worker.TaskName))
            {
                throw new InvalidOperationException($"Two workers poll for task '{worker.TaskName}'; each task name may have one worker per host.");
            }

            var settings = _options.WorkerSettingsOverrides.TryGetValue(worker.TaskName, out var overrides) ? overrides : worker.Settings;
            settings = EnvironmentWorkerSettings.Apply(
                worker.TaskName,
                settings,
                _options.ReadEnvironmentVariable,
                (property, variable) => WorkerLog.SettingFromEnvironment(_logger, worker.TaskName, property, variable));
            var effective = ReferenceEquals(settings, worker.Settings) ? worker : worker.WithSettings(settings);
            effective.Settings.Validate(effective.TaskName);
            resolved.Add(effective);
        }

        foreach (var name in _options.WorkerSettingsOverrides.Keys)
        {
            if (!names.Contains(name))
            {
                throw new InvalidOperationException(
                    $"{nameof(ConductorWorkerOptions.WorkerSettingsOverrides)} names task '{name}', but no worker polls for it. Known tasks: {string.Join(", ", names)}.");
            }
        }

        return resolved;
    }
}
