using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Conductor.Generated.Outbox;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Polling;

/// <summary>
/// Delivers results, retrying with backoff until the server takes the result, refuses it for
/// good (a 4xx that repeating cannot fix), or the host stops. The result is never changed
/// between attempts; sending it twice is harmless to the server.
/// </summary>
/// <remarks>
/// When the caller can start another task at once, the result goes to
/// <c>POST /api/tasks/update-v2</c>, whose answer may carry the next task; otherwise (stopping,
/// paused) to <c>POST /api/tasks</c>, which never hands out work. A server without update-v2
/// (<c>405</c>, or <c>404</c> that <c>POST /api/tasks</c> then does not repeat) is remembered,
/// and every later result of this host goes to <c>POST /api/tasks</c>.
/// </remarks>
internal sealed class ResultReporter
{
    private readonly ConductorClient _client;
    private readonly ILogger _logger;
    private readonly ShutdownSignals _signals;
    private readonly TimeSpan _initialRetryDelay;
    private readonly TimeSpan _maxRetryDelay;
    private volatile bool _updateV2Unavailable;

    /// <summary>Where answers not from the server pointed, each logged as an error once.</summary>
    private readonly ConcurrentDictionary<string, byte> _answersNotFromServer = new(StringComparer.Ordinal);
    private const int MaxRememberedLocations = 100;

    private readonly ResultOutbox? _outbox;
    private readonly WorkerMetrics _metrics;

    /// <summary><see cref="ShutdownSignals.Abandon"/>, read for every result.</summary>
    private readonly CancellationToken _abandon;

    /// <param name="outbox">Where results wait on disk until the server has them; none when <see langword="null"/>.</param>
    public ResultReporter(ConductorClient client, ILogger logger, ShutdownSignals signals, TimeSpan initialRetryDelay, TimeSpan maxRetryDelay, ResultOutbox? outbox, WorkerMetrics metrics)
    {
        _client = client;
        _logger = logger;
        _signals = signals;
        _initialRetryDelay = initialRetryDelay;
        _maxRetryDelay = maxRetryDelay;
        _outbox = outbox;
        _metrics = metrics;
        _abandon = signals.Abandon;
    }

    /// <summary>What one delivery attempt came to.</summary>
    private enum Attempt
    {
        /// <summary>The server has the result.</summary>
        Delivered,

        /// <summary>The server refused it for good; repeating cannot help.</summary>
        Rejected,

        /// <summary>It may work when tried again.</summary>
        Failed,
    }

    /// <summary>
    /// Delivers <paramref name="result"/>; never throws. With an outbox, the result is on disk
    /// before the first attempt and removed once the server has it. Returns the next task the
    /// server handed to this worker with its answer, or <see langword="null"/>.
    /// <paramref name="nextTaskFor"/>, the worker whose slot would take it, is asked before each
    /// attempt; only when it can start a task now may the answer carry one (never without a worker).
    /// </summary>
    /// <remarks>The returned value task may be awaited once only: its state is pooled.</remarks>
    public ValueTask<ConductorTask?> ReportAsync(TaskResult result, string taskType, WorkerContext? nextTaskFor)
    {
        var stored = _outbox?.TryStore(result, taskType);
        return DeliverAsync(result, taskType, stored, nextTaskFor, firstAttempt: null);
    }

    /// <summary>
    /// Hands a task this worker will not run back to the server's queue: <c>IN_PROGRESS</c> with
    /// <c>callbackAfterSeconds</c> 0, which a server answers by scheduling the task again and
    /// making it visible in its queue at once (<c>WorkflowExecutorOps#updateTask</c>: a worker
    /// task's <c>IN_PROGRESS</c> becomes <c>SCHEDULED</c>, <c>queueDAO.postpone</c> with the
    /// callback delay). Never written to the outbox: a hand-back delivered by a later process
    /// could put back a task that another worker runs by then. Never throws.
    /// </summary>
    public async Task HandBackAsync(TaskResult result, string taskType) =>
        await DeliverAsync(result, taskType, stored: null, nextTaskFor: null, firstAttempt: null).ConfigureAwait(false);

    /// <summary>
    /// Sends the results a previous process left in the outbox, in the order they were written,
    /// each retried like any result until delivered. <c>FirstPass</c> completes once each has
    /// had one attempt; <c>AllDone</c> once every one is delivered or given up.
    /// </summary>
    public (Task FirstPass, Task AllDone) SendLeftovers(IReadOnlyList<StoredResult> leftovers)
    {
        var firstPass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allDone = Task.Run(async () =>
        {
            var deliveries = new List<Task>(leftovers.Count);
            foreach (var stored in leftovers)
            {
                WorkerLog.OutboxResultResent(_logger, stored.Result.TaskId, stored.TaskType);
                var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                deliveries.Add(DeliverAsync(stored.Result, stored.TaskType, stored, nextTaskFor: null, firstAttempt).AsTask());
                await firstAttempt.Task.ConfigureAwait(false);
            }

            firstPass.TrySetResult();
            await Task.WhenAll(deliveries).ConfigureAwait(false);
        });
        return (firstPass.Task, allDone);
    }

    /// <remarks>
    /// One async method from the result to the client's request on the success path: an attempt
    /// is sent here, and only a failed one goes through <see cref="AfterFailedSendAsync"/> (the
    /// fallback from update-v2 and what the failure means). Each async layer between the slot
    /// and the request was one more state machine resumed when the answer came.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ConductorTask?> DeliverAsync(
        TaskResult result, string taskType, StoredResult? stored, WorkerContext? nextTaskFor, TaskCompletionSource? firstAttempt)
    {
        var status = WorkerMetrics.StatusName(result.StatusField);
        ExponentialBackoff? backoff = null;
        for (var attempt = 1; ; attempt++)
        {
            // Through update-v2 when the answer may bring a task and the server has it. One
            // attempt is made even after the grace period (for the FAILED result of a cancelled
            // worker); only giving up on the host aborts it.
            var useUpdateV2 = (nextTaskFor?.CanStartNextTask ?? false) && !_updateV2Unavailable;
            var started = Stopwatch.GetTimestamp();
            ConductorTask? next = null;
            Attempt outcome;
            Exception? failure = null;
            try
            {
                if (useUpdateV2)
                {
                    next = await _client.UpdateTaskV2CoreAsync(result, keepAnswer: true, _abandon).ConfigureAwait(false);
                    if (next is not null)
                    {
                        WorkerLog.NextTaskReceived(_logger, next.TaskIdField, taskType);
                    }
                }
                else
                {
                    await _client.UpdateTaskAsync(result, _signals.Abandon).ConfigureAwait(false);
                }

                outcome = Delivered(result, taskType, status, started);
            }
#pragma warning disable CA1031 // Every failure is classified (AfterFailedSendAsync); a result that cannot even be sent must not take the worker down with it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                (outcome, failure) = await AfterFailedSendAsync(exception, useUpdateV2, result, taskType, status, started).ConfigureAwait(false);
            }

            firstAttempt?.TrySetResult();
            if (outcome != Attempt.Failed)
            {
                if (stored is not null)
                {
                    _outbox!.Remove(stored);
                }

                return next;
            }

            if (!_signals.CancelTasks.IsCancellationRequested)
            {
                var delay = (backoff ??= new ExponentialBackoff(_initialRetryDelay, _maxRetryDelay)).NextDelay();
                WorkerLog.ResultDeliveryFailed(_logger, failure!, status, result.TaskId, taskType, attempt, (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _signals.CancelTasks).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    // The grace period ended during the pause.
                }
            }

            if (stored is not null)
            {
                WorkerLog.ResultKeptInOutbox(_logger, result.TaskId, taskType, status, attempt);
            }
            else
            {
                WorkerLog.ResultLost(_logger, result.TaskId, taskType, status, attempt);
            }

            return null;
        }
    }

    private Attempt Delivered(TaskResult result, string taskType, string status, long started)
    {
        _metrics.UpdateSucceeded(taskType, Stopwatch.GetElapsedTime(started).TotalSeconds);
        WorkerLog.ResultDelivered(_logger, status, result.TaskIdField, taskType);
        return Attempt.Delivered;
    }

    /// <summary>
    /// A send failed. A server without update-v2 (<c>405</c>, or <c>404</c> that
    /// <c>POST /api/tasks</c> then does not repeat) gets the result through <c>POST /api/tasks</c>
    /// and is remembered; otherwise (or when that fails too) the failure is classified.
    /// </summary>
    private async ValueTask<(Attempt Outcome, Exception? Failure)> AfterFailedSendAsync(
        Exception exception, bool usedUpdateV2, TaskResult result, string taskType, string status, long started)
    {
        if (usedUpdateV2 && exception is ConductorApiException { StatusCode: HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound } missing)
        {
            try
            {
                if (missing.StatusCode == HttpStatusCode.MethodNotAllowed)
                {
                    StopUsingUpdateV2(missing.StatusCode);
                }

                // 404 is both "no such route" and "no such task". If POST /api/tasks takes the
                // result, the route is what is missing; if it answers 404 too, the task is
                // unknown, the rejection stands, and update-v2 stays in use for other results.
                await _client.UpdateTaskAsync(result, _signals.Abandon).ConfigureAwait(false);
                if (missing.StatusCode == HttpStatusCode.NotFound)
                {
                    StopUsingUpdateV2(missing.StatusCode);
                }

                return (Delivered(result, taskType, status, started), null);
            }
#pragma warning disable CA1031 // Classified below, as any failure of a send.
            catch (Exception fallbackFailure)
#pragma warning restore CA1031
            {
                exception = fallbackFailure;
            }
        }

        return Classify(exception, result, taskType, status, started);
    }

    /// <summary>What a failed send means for the result: delivered after all, refused for good, or worth another attempt.</summary>
    private (Attempt Outcome, Exception? Failure) Classify(Exception exception, TaskResult result, string taskType, string status, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        switch (exception)
        {
            case ConductorApiException { IsNotFromServer: true } notFromServer:
            {
                // A redirect, or a success answer of a shape the server never gives (an ingress
                // page): the server has not seen the result. Said once per place it points to;
                // the retries are the usual warnings.
                _metrics.UpdateFailed(taskType, seconds);
                var location = notFromServer.RedirectLocation?.ToString() ?? "(none)";
                if (_answersNotFromServer.Count < MaxRememberedLocations && _answersNotFromServer.TryAdd(location, 0))
                {
                    WorkerLog.ResultAnswerNotFromServer(_logger, status, result.TaskId, taskType, location, notFromServer.Message);
                }

                return (Attempt.Failed, exception);
            }

            case ConductorApiException { StatusCode: HttpStatusCode.OK }:
                // The server took the result; only the task in its answer is lost to us.
                _metrics.UpdateSucceeded(taskType, seconds);
                WorkerLog.NextTaskUnreadable(_logger, exception, status, result.TaskId, taskType);
                return (Attempt.Delivered, null);

            case ConductorApiException { IsTransient: false, IsAuthenticationFailure: false } rejection:
                // An answer about the result itself (400 validation, 404 unknown task, 409...).
                // A refused key or missing permission (401/403) is not: such results are retried
                // until the credentials are fixed or the host stops (and kept in the outbox).
                _metrics.UpdateFailed(taskType, seconds);
                WorkerLog.ResultRejected(_logger, status, result.TaskId, taskType, rejection.StatusCode, rejection.Message);
                return (Attempt.Rejected, exception);

            case HttpRequestException or IOException or ConductorApiException or OperationCanceledException:
                _metrics.UpdateFailed(taskType, seconds);
                return (Attempt.Failed, exception);

            default:
                // A bug, not the network: trying again would fail the same way.
                WorkerLog.UnexpectedError(_logger, exception, taskType);
                return (Attempt.Rejected, exception);
        }
    }

    private void StopUsingUpdateV2(HttpStatusCode statusCode)
    {
        if (!_updateV2Unavailable)
        {
            _updateV2Unavailable = true;
            WorkerLog.UpdateV2Unavailable(_logger, (int)statusCode);
        }
    }
}
