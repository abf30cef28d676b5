using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Polling;

/// <summary>
/// Everything one worker's poll loop, task runner and result delivery share: the worker, the
/// host's client, reporter and signals, this worker's backoff and health, and whether it may take
/// the next task an update-v2 answer hands over (polling, not paused).
/// </summary>
internal sealed class WorkerContext
{
    private readonly Lock _pauseGate = new();

    /// <summary>Completed on resume; <see langword="null"/> while the worker is not paused.</summary>
    private TaskCompletionSource? _resumed;

    public required WorkerDefinition Worker { get; init; }

    public required string WorkerId { get; init; }

    public required ConductorClient Client { get; init; }

    public required ResultReporter Reporter { get; init; }

    public required LeaseExtender LeaseExtender { get; init; }

    public required ILogger Logger { get; init; }

    public required ShutdownSignals Signals
    {
        get => _signals;
        init
        {
            _signals = value;
            _stopPolling = value.StopPolling;
        }
    }

    private readonly ShutdownSignals _signals = null!;

    /// <summary><see cref="ShutdownSignals.StopPolling"/>, read for every result (<see cref="CanStartNextTask"/>).</summary>
    private readonly CancellationToken _stopPolling;

    public required ExponentialBackoff PollBackoff { get; init; }

    /// <summary>Creates the service scope of each task execution; <see langword="null"/> for no services.</summary>
    public IServiceScopeFactory? ScopeFactory { get; init; }

    public required WorkerMetrics Metrics { get; init; }

    public required PollHealth PollHealth { get; init; }

    public ExternalPayloads? Payloads { get; init; }

    /// <summary>The host's clock (how long a stop waits for a poll in flight).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tasks running, and completed and failed since the last summary line.</summary>
    public WorkerTally Tally { get; } = new();

    public string TaskName => Worker.TaskName;

    public WorkerSettings Settings => Worker.Settings;

    public bool IsPaused => Volatile.Read(ref _resumed) is not null;

    /// <summary>
    /// A finished task's slot may take the next task with the result's answer only while the
    /// worker polls: not once stopping has begun, nor while it is paused.
    /// </summary>
    public bool CanStartNextTask => !_stopPolling.IsCancellationRequested && Volatile.Read(ref _resumed) is null;

    /// <summary>The task the worker waits on while paused, or <see langword="null"/>.</summary>
    public Task? Resumed => Volatile.Read(ref _resumed)?.Task;

    /// <summary>Pauses; <see langword="false"/> when already paused.</summary>
    public bool Pause()
    {
        lock (_pauseGate)
        {
            if (_resumed is not null)
            {
                return false;
            }

            Volatile.Write(ref _resumed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return true;
        }
    }

    /// <summary>Resumes; <see langword="false"/> when not paused.</summary>
    public bool Resume()
    {
        TaskCompletionSource? resumed;
        lock (_pauseGate)
        {
            resumed = _resumed;
            Volatile.Write(ref _resumed, null);
        }

        return resumed?.TrySetResult() ?? false;
    }
}
