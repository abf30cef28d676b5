using System.Globalization;

namespace Conductor.Generated.Testing;

/// <summary>Time under the test's control: the virtual clock, time skipping, waiting for quiet.</summary>
public sealed partial class ConductorTestEnvironment
{
    /// <summary>How often a wait looks again whether the environment has gone idle (real time; only the speed depends on it).</summary>
    private static readonly TimeSpan IdleCheckInterval = TimeSpan.FromMilliseconds(5);

    private volatile bool _timeSkipping;

    /// <summary>
    /// The clock the server runs on: a <see cref="Testing.VirtualClock"/> when the environment
    /// was started with <see cref="ConductorTestEnvironmentOptions.Clock"/> or
    /// <see cref="ConductorTestEnvironmentOptions.TimeSkipping"/>, else
    /// <see cref="ConductorTestServerOptions.TimeProvider"/> (the system clock by default).
    /// </summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// Whether a wait for a workflow or a task (<c>RunWorkflowAsync</c>, <c>RunTaskAsync</c>,
    /// <c>WaitForWorkflowAsync</c>) moves the virtual clock to the next due time whenever the
    /// environment is idle. Starts as <see cref="ConductorTestEnvironmentOptions.TimeSkipping"/>;
    /// turn it off to watch a workflow wait, then on again.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set to true on an environment that does not run on a virtual clock.</exception>
    public bool TimeSkipping
    {
        get => _timeSkipping;
        set
        {
            if (value)
            {
                _ = RequireVirtualClock("skip time");
            }

            _timeSkipping = value;
        }
    }

    /// <summary>
    /// Moves the virtual clock forward by <paramref name="delta"/> at once; the timers due on the
    /// way fire in order, each at its own due time (delayed tasks become visible, timeouts are
    /// checked). Returns without waiting for the workers: follow with
    /// <see cref="WaitUntilIdleAsync"/> to let them take what became due.
    /// </summary>
    /// <exception cref="InvalidOperationException">The environment does not run on a virtual clock.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void AdvanceTime(TimeSpan delta) => RequireVirtualClock("advance time").Advance(delta);

    /// <summary>Moves the virtual clock forward to <paramref name="time"/>, as <see cref="AdvanceTime"/> does.</summary>
    /// <exception cref="InvalidOperationException">The environment does not run on a virtual clock.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is earlier than the clock.</exception>
    public void AdvanceTimeTo(DateTimeOffset time) => RequireVirtualClock("advance time").AdvanceTo(time);

    /// <summary>
    /// Waits until the environment is idle: no task handed to a worker and not yet reported, no
    /// task waiting in a queue that a running (not paused) worker of the environment polls, and
    /// nothing due at the current time. Never moves the clock. On any clock, for example after
    /// <see cref="AdvanceTime"/> or after starting a workflow, before asserting on where it stands.
    /// </summary>
    /// <param name="timeout">How long to wait, in real time; <see cref="ConductorTestEnvironmentOptions.DefaultTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">Still busy after the timeout; the message says with what.</exception>
    public async Task WaitUntilIdleAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? _options.DefaultTimeout;
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (Server.Engine.BusyReason(ServedQueues()) is not { } busy)
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(started) >= limit)
            {
                throw new TimeoutException($"The environment was still busy after {limit}: {busy}.");
            }

            await Task.Delay(IdleCheckInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for the workflow to end, skipping time while idle when <see cref="TimeSkipping"/> is
    /// on. The timeout is real time.
    /// </summary>
    private async Task<WorkflowExecution> WaitForEndAsync(string workflowId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ended = Server.Engine.WorkflowEnded(workflowId)
            ?? throw new ArgumentException($"No such workflow found by id: {workflowId}", nameof(workflowId));
        var started = TimeProvider.System.GetTimestamp();
        var clockAtStart = Clock.GetUtcNow();
        string? busy = null;
        while (!ended.IsCompleted)
        {
            if (_timeSkipping && Clock is VirtualClock clock)
            {
                if (Server.Engine.TrySkipTime(ServedQueues(), milliseconds => clock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcTicks), out busy) is not null)
                {
                    // The move happened under the engine's lock; the timers it made due fire now.
                    clock.FireDueTimers();
                    continue;
                }
            }

            var remaining = timeout - TimeProvider.System.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(TimeoutMessage(workflowId, timeout, clockAtStart, busy));
            }

            try
            {
                await ended.WaitAsync(remaining < IdleCheckInterval || !_timeSkipping ? remaining : IdleCheckInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Look again: idle now, or out of time.
            }
        }

        return Server.Engine.GetWorkflow(workflowId)!;
    }

    private string TimeoutMessage(string workflowId, TimeSpan timeout, DateTimeOffset clockAtStart, string? busy)
    {
        var workflow = Server.Engine.GetWorkflow(workflowId);
        var where = workflow is null
            ? "unknown"
            : $"{ConductorNames.Of(workflow.Status)}, tasks: " + string.Join(
                ", ",
                workflow.Tasks.Select(task => $"{task.ReferenceTaskName}#{task.RetryCount} {ConductorNames.Of(task.Status)} (polled {task.PollCount}x)"));
        var message = $"Workflow {workflowId} did not end within {timeout}: {where}.";
        if (Clock is VirtualClock)
        {
            var skipped = Clock.GetUtcNow() - clockAtStart;
            var next = Server.Engine.NextDue();
            message += string.Create(
                CultureInfo.InvariantCulture,
                $" Virtual time moved {skipped} during the wait (time skipping {(_timeSkipping ? "on" : "off")}); ")
                + (busy is not null ? $"busy: {busy}." : next is null ? "nothing is due, so skipping time cannot help." : $"next due at {DateTimeOffset.FromUnixTimeMilliseconds(next.Value):O}.");
        }

        return message;
    }

    /// <summary>The queues the environment's running, unpaused workers poll.</summary>
    private HashSet<string> ServedQueues()
    {
        var queues = new HashSet<string>(StringComparer.Ordinal);
        if (WorkerHost.State != ConductorWorkerHostState.Running)
        {
            return queues;
        }

        foreach (var status in WorkerHost.GetWorkerStatuses())
        {
            if (!status.IsPaused)
            {
                queues.Add(ConductorNames.QueueName(status.TaskName, status.Settings.Domain));
            }
        }

        return queues;
    }

    private VirtualClock RequireVirtualClock(string what) =>
        Clock as VirtualClock ?? throw new InvalidOperationException(
            $"Cannot {what}: this environment runs on {(Clock == TimeProvider.System ? "the system clock" : "a TimeProvider of the test's own (advance that one)")}. "
            + "Start it with ConductorTestEnvironmentOptions.TimeSkipping = true or Clock = new VirtualClock(...).");

    /// <summary>The server's clock: the virtual one when asked for, else the server option's.</summary>
    private static TimeProvider ClockOf(ConductorTestEnvironmentOptions options)
    {
        if (options.Clock is null && !options.TimeSkipping)
        {
            return options.Server.TimeProvider;
        }

        if (options.Server.TimeProvider != TimeProvider.System)
        {
            throw new ArgumentException(
                "Two clocks: Server.TimeProvider is set and so is Clock or TimeSkipping. Use one: a VirtualClock (Clock, TimeSkipping) that the environment moves, or a TimeProvider of your own that you move.",
                nameof(options));
        }

        return options.Clock ?? new VirtualClock();
    }
}
