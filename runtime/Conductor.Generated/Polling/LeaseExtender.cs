using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Polling;

/// <summary>
/// Keeps a long task's lease while its worker runs: every 80% of the task's response timeout it
/// sends an <c>extendLease</c> result, which only resets the server's response-timeout clock.
/// </summary>
internal sealed class LeaseExtender
{
    /// <summary>The share of the response timeout after which the lease is extended, as the other SDKs do.</summary>
    public const double ExtendAtFraction = 0.8;

    private readonly ConductorClient _client;
    private readonly ILogger _logger;
    private readonly TimeSpan _initialRetryDelay;
    private readonly TimeSpan _maxRetryDelay;
    private readonly TimeProvider _timeProvider;

    public LeaseExtender(ConductorClient client, ILogger logger, TimeSpan initialRetryDelay, TimeSpan maxRetryDelay, TimeProvider timeProvider)
    {
        _client = client;
        _logger = logger;
        _initialRetryDelay = initialRetryDelay;
        _maxRetryDelay = maxRetryDelay;
        _timeProvider = timeProvider;
    }

    /// <summary>The interval between extensions for a task with <paramref name="responseTimeout"/>.</summary>
    public static TimeSpan IntervalFor(TimeSpan responseTimeout) => responseTimeout * ExtendAtFraction;

    /// <summary>
    /// Extends the lease of <paramref name="context"/>'s task every <see cref="IntervalFor"/> of
    /// <paramref name="responseTimeout"/> until <paramref name="taskFinished"/> is cancelled.
    /// A failed extension is retried with backoff (never later than the regular interval); it
    /// never throws.
    /// </summary>
    public async Task ExtendUntilFinishedAsync(TaskContext context, TimeSpan responseTimeout, CancellationToken taskFinished)
    {
        var interval = IntervalFor(responseTimeout);
        var backoff = new ExponentialBackoff(_initialRetryDelay, _maxRetryDelay);
        var delay = interval;
        try
        {
            while (true)
            {
                await Task.Delay(delay, _timeProvider, taskFinished).ConfigureAwait(false);
                try
                {
                    await _client.UpdateTaskAsync(ExtensionOf(context), taskFinished).ConfigureAwait(false);
                    WorkerLog.LeaseExtended(_logger, context.TaskId, context.TaskType);
                    backoff.Reset();
                    delay = interval;
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException or ConductorApiException
                    || (exception is OperationCanceledException && !taskFinished.IsCancellationRequested))
                {
                    delay = TimeSpan.FromTicks(Math.Min(interval.Ticks, backoff.NextDelay().Ticks));
                    WorkerLog.LeaseExtensionFailed(_logger, exception, context.TaskId, context.TaskType, (long)delay.TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException) when (taskFinished.IsCancellationRequested)
        {
            // The task finished: its result ends the lease.
        }
    }

    /// <summary>An <c>extendLease</c> result: the server reads only the ids and the flag.</summary>
    private static TaskResult ExtensionOf(TaskContext context) => new()
    {
        TaskId = context.TaskId,
        WorkflowInstanceId = context.WorkflowInstanceId,
        WorkerId = context.WorkerId,
        Status = TaskResultStatus.InProgress,
        ExtendLease = true,
    };
}
