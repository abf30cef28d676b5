using System.Diagnostics;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Polling;

/// <summary>
/// The poll loop of one worker. It holds one slot per allowed concurrent execution, never polls
/// for more tasks than it has free slots, starts each task as soon as it arrives, and polls again
/// as soon as a slot is free: it never claims work it cannot start now, and never waits for a
/// whole batch to finish. Conductor holds a batch poll until it has <c>count</c> tasks or its
/// timeout is over, so the loop long-polls for one task when nothing is known to be waiting
/// (answered at the first task's arrival) and polls for all its free slots with timeout 0 (answered
/// at once with what is there) after a poll that brought every task it asked for.
/// </summary>
internal sealed class WorkerPoller : IDisposable
{
    /// <summary>How many bytes of large inputs make an idle poll loop give memory back (64 MiB).</summary>
    private const long LargeBodyBytesBeforeTrim = 64L * 1024 * 1024;

    /// <summary>
    /// How long past its poll timeout a poll in flight when stopping begins may take to be
    /// answered before it is aborted: the server holds a poll at most its timeout.
    /// </summary>
    internal static readonly TimeSpan StopPollAnswerMargin = TimeSpan.FromSeconds(2);

    private readonly WorkerContext _context;
    private readonly WorkerDefinition _worker;
    private readonly string _workerId;
    private readonly ConductorClient _client;
    private readonly TaskRunner _runner;
    private readonly ResultReporter _reporter;
    private readonly ILogger _logger;
    private readonly ShutdownSignals _signals;
    private readonly ExponentialBackoff _pollBackoff;
    private readonly WorkerMetrics _metrics;
    private readonly PollHealth _pollHealth;
    private readonly SemaphoreSlim _freeSlots;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tasksInFlight;
    private int _busySlots;
    private volatile bool _draining;

    /// <summary>
    /// Aborts a poll in flight: <see cref="StopPollAnswerMargin"/> past the poll timeout after
    /// stopping began, or when the grace period is over. Until then its answer is read, so that
    /// a task the server handed out just as the stop began is handed back rather than lost.
    /// </summary>
    private readonly CancellationTokenSource _pollAbort;
    private readonly CancellationTokenRegistration _abortAfterStop;
    private readonly CancellationTokenRegistration _abortAtCancel;

    /// <summary>
    /// Whether tasks may be waiting in the queue: the last poll brought as many as it asked for.
    /// Only the poll loop reads and writes it.
    /// </summary>
    private bool _moreMayBeWaiting;

    public WorkerPoller(WorkerContext context)
    {
        _context = context;
        _worker = context.Worker;
        _workerId = context.WorkerId;
        _client = context.Client;
        _reporter = context.Reporter;
        _logger = context.Logger;
        _signals = context.Signals;
        _pollBackoff = context.PollBackoff;
        _metrics = context.Metrics;
        _pollHealth = context.PollHealth;
        _runner = new TaskRunner(context);
        _freeSlots = new SemaphoreSlim(_worker.Settings.Concurrency, _worker.Settings.Concurrency);
        _pollAbort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, context.TimeProvider);
        _abortAfterStop = _signals.StopPolling.UnsafeRegister(
            static state =>
            {
                var poller = (WorkerPoller)state!;
                poller._pollAbort.CancelAfter(poller.Settings.PollTimeout + StopPollAnswerMargin);
            },
            this);
        _abortAtCancel = _signals.CancelTasks.UnsafeRegister(static state => ((WorkerPoller)state!)._pollAbort.Cancel(), this);
        if (_worker.Settings.Paused)
        {
            Pause();
        }
    }

    public string TaskName => _worker.TaskName;

    /// <summary>Tasks completed and failed since the last summary line.</summary>
    public WorkerTally Tally => _context.Tally;

    public bool IsPaused => _context.IsPaused;

    /// <summary>Tasks started (or being reported) and not finished yet.</summary>
    public int TasksInFlight => Volatile.Read(ref _tasksInFlight);

    /// <summary>Slots running a task (or delivering its result).</summary>
    public int BusySlots => Volatile.Read(ref _busySlots);

    /// <summary>Slots free for a task: those a poll may be waiting to fill count as free.</summary>
    public int FreeSlots => Math.Max(0, Settings.Concurrency - BusySlots);

    /// <summary>A snapshot of this worker for <see cref="ConductorWorkerHost.GetWorkerStatuses"/>.</summary>
    public WorkerStatus ReadStatus()
    {
        var (lastSuccess, failingSince, consecutiveFailures) = _pollHealth.Read();
        return new WorkerStatus(TaskName, Settings, IsPaused, lastSuccess, failingSince, consecutiveFailures);
    }

    private WorkerSettings Settings => _worker.Settings;

    /// <summary>Stops polling until <see cref="Resume"/>; running tasks go on.</summary>
    public void Pause()
    {
        if (_context.Pause())
        {
            WorkerLog.WorkerPaused(_logger, TaskName);
        }
    }

    /// <summary>Lets a paused loop poll again at once.</summary>
    public void Resume()
    {
        if (_context.Resume())
        {
            WorkerLog.WorkerResumed(_logger, TaskName);
        }
    }

    /// <summary>Polls until polling stops, then waits until every task it started has been reported.</summary>
    public async Task RunAsync()
    {
        WorkerLog.WorkerPolling(_logger, _worker.TaskName, Settings.Concurrency, Settings.Domain ?? "(none)", (long)Settings.PollTimeout.TotalMilliseconds);
        while (!_signals.StopPolling.IsCancellationRequested)
        {
            try
            {
                await PollUntilStoppedAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_signals.StopPolling.IsCancellationRequested)
            {
                // Stopping (or the grace period ended during a poll): go on to draining.
            }
#pragma warning disable CA1031 // A bug here must neither crash the process nor end polling for good.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                WorkerLog.UnexpectedError(_logger, exception, _worker.TaskName);
                await PauseUnlessStoppingAsync(_pollBackoff.NextDelay()).ConfigureAwait(false);
            }
        }

        await DrainAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        _runner.Dispose();
        _abortAfterStop.Dispose();
        _abortAtCancel.Dispose();
        _pollAbort.Dispose();
        _freeSlots.Dispose();
    }

    private async Task PauseUnlessStoppingAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _signals.StopPolling).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping ends the pause early.
        }
    }

    private async Task PollUntilStoppedAsync()
    {
        while (!_signals.StopPolling.IsCancellationRequested)
        {
            await WaitWhilePausedAsync().ConfigureAwait(false);

            // Nothing known to be waiting: a long poll for one task, which the server answers as
            // soon as one is there (a long poll for more would be held until it had them all or
            // its timeout passed). Tasks may be waiting: every free slot, without waiting.
            var longPoll = !_moreMayBeWaiting && Settings.PollTimeout > TimeSpan.Zero;
            var claimedSlots = await ClaimFreeSlotsAsync(longPoll ? 1 : Settings.Concurrency).ConfigureAwait(false);
            if (IsPaused || _signals.StopPolling.IsCancellationRequested)
            {
                // Paused, or stopping, while waiting for a slot: poll for nothing. (A slot freed
                // just as stopping began can reach this waiter before the stop cancels its wait.)
                _freeSlots.Release(claimedSlots);
                continue;
            }

            PollAnswer answer;
            try
            {
                answer = await PollAsync(claimedSlots, longPoll ? Settings.PollTimeout : TimeSpan.Zero).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Stopping: a poll that failed or was aborted ends polling, it is not retried.
            catch (Exception) when (_signals.StopPolling.IsCancellationRequested)
#pragma warning restore CA1031
            {
                _freeSlots.Release(claimedSlots);
                return;
            }
#pragma warning disable CA1031 // Any poll failure is logged and retried with backoff; polling never dies.
            catch (Exception exception) when (!_signals.StopPolling.IsCancellationRequested)
#pragma warning restore CA1031
            {
                _freeSlots.Release(claimedSlots);
                var retryDelay = _pollBackoff.NextDelay();
                WorkerLog.PollFailed(_logger, exception, _worker.TaskName, (long)retryDelay.TotalMilliseconds);
                await Task.Delay(retryDelay, _signals.StopPolling).ConfigureAwait(false);
                continue;
            }

            _pollBackoff.Reset();
            if (_signals.StopPolling.IsCancellationRequested)
            {
                // Answered after stopping began: no new work is started; the server gets its tasks back.
                _freeSlots.Release(claimedSlots);
                HandBack(answer.Tasks);
                ReportUnreadable(answer.Unreadable);
                return;
            }

            var tasks = answer.Tasks;
            var received = tasks.Count + answer.Unreadable.Count;
            _moreMayBeWaiting = received >= claimedSlots;
            StartTasks(tasks, claimedSlots);
            ReportUnreadable(answer.Unreadable);
            if (received == 0)
            {
                _metrics.PollCameBackEmpty(TaskName);
                // Idle: give back what a burst of large inputs left once its tasks are done.
                if (Volatile.Read(ref _tasksInFlight) == 0)
                {
                    _client.TrimAfterLargeBodies(LargeBodyBytesBeforeTrim);
                }

                // After an empty poll that did not wait, the long poll comes next and waits
                // itself; after one that waited (or with no long poll at all), a pause.
                if (longPoll || Settings.PollTimeout == TimeSpan.Zero)
                {
                    await Task.Delay(Settings.PollInterval, _signals.StopPolling).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task WaitWhilePausedAsync()
    {
        if (_context.Resumed is not { } resumed)
        {
            return;
        }

        _metrics.Paused(TaskName);
        await resumed.WaitAsync(_signals.StopPolling).ConfigureAwait(false);
    }

    /// <summary>Waits for at least one free slot, then takes every other slot that is free too, up to <paramref name="most"/>.</summary>
    private async Task<int> ClaimFreeSlotsAsync(int most)
    {
        if (!_freeSlots.Wait(0))
        {
            _metrics.QueueFull(_worker.TaskName);
            await _freeSlots.WaitAsync(_signals.StopPolling).ConfigureAwait(false);
        }

        var claimed = 1;
        while (claimed < most && _freeSlots.Wait(0))
        {
            claimed++;
        }

        return claimed;
    }

    private async Task<PollAnswer> PollAsync(int count, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // A poll in flight when stopping begins is answered (and its tasks handed back) or,
            // past its timeout and a margin, aborted: a server that never answers does not hold
            // the stop for the grace period.
            var tasks = await _client.PollBatchAnswerAsync(_worker.TaskName, _workerId, Settings.Domain, count, timeout, keepAnswer: true, _pollAbort.Token)
                .ConfigureAwait(false);
            _metrics.PollSucceeded(_worker.TaskName, Stopwatch.GetElapsedTime(started).TotalSeconds);
            _pollHealth.Succeeded();
            return tasks;
        }
        catch (Exception) when (!_signals.StopPolling.IsCancellationRequested)
        {
            // A poll aborted because the host is stopping is not a poll error.
            _metrics.PollFailed(_worker.TaskName, Stopwatch.GetElapsedTime(started).TotalSeconds);
            _pollHealth.Failed();
            throw;
        }
    }

    private void StartTasks(IReadOnlyList<ConductorTask> tasks, int claimedSlots)
    {
        if (tasks.Count < claimedSlots)
        {
            _freeSlots.Release(claimedSlots - tasks.Count);
        }
        else if (tasks.Count > claimedSlots)
        {
            WorkerLog.PollReturnedTooMany(_logger, _worker.TaskName, claimedSlots, tasks.Count);
        }

        for (var index = 0; index < tasks.Count; index++)
        {
            var task = tasks[index];
            var holdsSlot = index < claimedSlots;
            Interlocked.Increment(ref _tasksInFlight);
            _ = Task.Run(() => RunTaskAsync(task, holdsSlot));
        }
    }

    /// <summary>
    /// Tasks of the poll answer that could not be read are not run: each one with a readable id
    /// is reported <c>FAILED_WITH_TERMINAL_ERROR</c> with what was wrong (running it again could
    /// not help), the others are logged. They hold no slot.
    /// </summary>
    private void ReportUnreadable(IReadOnlyList<UnreadableTask> unreadable)
    {
        foreach (var element in unreadable)
        {
            if (element.TaskId is not { } taskId)
            {
                WorkerLog.PollElementUnreadable(_logger, element.Index, TaskName, element.Reason);
                continue;
            }

            var workflowId = element.WorkflowInstanceId ?? "";
            WorkerLog.TaskUnreadable(_logger, taskId, TaskName, workflowId, element.Reason);
            _metrics.ExecutionFailed(TaskName, "UnreadableTask");
            var result = new TaskResult
            {
                TaskId = taskId,
                WorkflowInstanceId = workflowId,
                WorkerId = _workerId,
                Status = TaskResultStatus.FailedWithTerminalError,
                ReasonForIncompletion = "The worker could not read the task the server handed out: " + element.Reason,
            };
            Interlocked.Increment(ref _tasksInFlight);
            _ = Task.Run(() => ReportUnstartedAsync(result, handBack: false));
        }
    }

    /// <summary>Gives tasks of a poll answered after stopping began back to the server, unstarted.</summary>
    private void HandBack(IReadOnlyList<ConductorTask> tasks)
    {
        foreach (var task in tasks)
        {
            var result = new TaskResult
            {
                TaskId = task.TaskId,
                WorkflowInstanceId = task.WorkflowInstanceId,
                WorkerId = _workerId,
                Status = TaskResultStatus.InProgress,
                CallbackAfterSeconds = 0,
            };
            task.ReleaseAnswer();
            WorkerLog.TaskHandedBack(_logger, result.TaskId, TaskName, result.WorkflowInstanceId);
            Interlocked.Increment(ref _tasksInFlight);
            _ = Task.Run(() => ReportUnstartedAsync(result, handBack: true));
        }
    }

    private async Task ReportUnstartedAsync(TaskResult result, bool handBack)
    {
        try
        {
            if (handBack)
            {
                await _reporter.HandBackAsync(result, TaskName).ConfigureAwait(false);
            }
            else
            {
                await _reporter.ReportAsync(result, TaskName, nextTaskFor: null).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The process never crashes because of a task.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            WorkerLog.UnexpectedError(_logger, exception, TaskName);
        }
        finally
        {
            if (Interlocked.Decrement(ref _tasksInFlight) == 0 && _draining)
            {
                _drained.TrySetResult();
            }
        }
    }

    private async Task RunTaskAsync(ConductorTask task, bool holdsSlot)
    {
        var busy = false;
        ExecutionSlot? slot = null;
        try
        {
            if (!holdsSlot)
            {
                // A task beyond what was asked for still belongs to this worker: it runs once a slot frees.
                await _freeSlots.WaitAsync().ConfigureAwait(false);
            }

            Interlocked.Increment(ref _busySlots);
            busy = true;

            // The slot that just finished takes the task the server handed over with the result.
            slot = _runner.RentSlot();
            for (ConductorTask? next = task; next is not null;)
            {
                next = await _runner.RunAsync(next, slot).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The process never crashes because of a task.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            WorkerLog.UnexpectedError(_logger, exception, _worker.TaskName);
        }
        finally
        {
            // Normally released once its worker has returned; here for a task that never ran.
            task.ReleaseAnswer();
            if (slot is not null)
            {
                _runner.ReturnSlot(slot);
            }

            if (busy)
            {
                Interlocked.Decrement(ref _busySlots);
            }

            _freeSlots.Release();
            if (Interlocked.Decrement(ref _tasksInFlight) == 0 && _draining)
            {
                _drained.TrySetResult();
            }
        }
    }

    private Task DrainAsync()
    {
        _draining = true;
        return Volatile.Read(ref _tasksInFlight) == 0 ? Task.CompletedTask : _drained.Task;
    }
}
