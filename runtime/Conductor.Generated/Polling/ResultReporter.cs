using System.Diagnostics;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Polling;

/// <summary>
/// Delivers results with <c>POST /api/tasks</c>, retrying with backoff until the server takes
/// the result, refuses it for good (a 4xx that repeating cannot fix), or the host stops. The
/// result is never changed between attempts; sending it twice is harmless to the server.
/// </summary>
internal sealed class ResultReporter
{
    private readonly ConductorClient _client;
    private readonly ILogger _logger;
    private readonly ShutdownSignals _signals;
    private readonly TimeSpan _initialRetryDelay;
    private readonly TimeSpan _maxRetryDelay;

    public ResultReporter(ConductorClient client, ILogger logger, ShutdownSignals signals, TimeSpan initialRetryDelay, TimeSpan maxRetryDelay)
    {
        _client = client;
        _logger = logger;
        _signals = signals;
        _initialRetryDelay = initialRetryDelay;
        _maxRetryDelay = maxRetryDelay;
    }

    /// <summary>Delivers <paramref name="result"/>; never throws. Returns whether the server took it.</summary>
    public async Task<bool> ReportAsync(TaskResult result, string taskType)
    {
        var status = WorkerMetrics.StatusName(result.Status);
        var backoff = new ExponentialBackoff(_initialRetryDelay, _maxRetryDelay);
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                // One attempt is made even after the grace period (for the FAILED result of a
                // cancelled worker); only giving up on the host aborts it.
                await _client.UpdateTaskAsync(result, _signals.Abandon).ConfigureAwait(false);
                WorkerMetrics.UpdateSucceeded(taskType, Stopwatch.GetElapsedTime(started).TotalSeconds);
                WorkerLog.ResultDelivered(_logger, status, result.TaskId, taskType);
                return true;
            }
            catch (ConductorApiException exception) when (!exception.IsTransient)
            {
                WorkerMetrics.UpdateFailed(taskType, Stopwatch.GetElapsedTime(started).TotalSeconds);
                WorkerLog.ResultRejected(_logger, status, result.TaskId, taskType, exception.StatusCode, exception.Message);
                return false;
            }
            catch (Exception exception) when (exception is HttpRequestException or ConductorApiException or OperationCanceledException)
            {
                WorkerMetrics.UpdateFailed(taskType, Stopwatch.GetElapsedTime(started).TotalSeconds);
                if (_signals.CancelTasks.IsCancellationRequested)
                {
                    WorkerLog.ResultLost(_logger, result.TaskId, taskType, status, attempt);
                    return false;
                }

                var delay = backoff.NextDelay();
                WorkerLog.ResultDeliveryFailed(_logger, exception, status, result.TaskId, taskType, attempt, (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _signals.CancelTasks).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    WorkerLog.ResultLost(_logger, result.TaskId, taskType, status, attempt);
                    return false;
                }
            }
#pragma warning disable CA1031 // A result that cannot even be sent must not take the worker down with it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                WorkerLog.UnexpectedError(_logger, exception, taskType);
                WorkerLog.ResultLost(_logger, result.TaskId, taskType, status, attempt);
                return false;
            }
        }
    }
}
