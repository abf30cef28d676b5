using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Diagnostics;

/// <summary>The log messages of the queue depth reader.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Reading the depth of the queues {Queues} every {IntervalMs} ms while the task_queue_depth metric is collected")]
    public static partial void QueueDepthReading(ILogger logger, long intervalMs, string queues);

    [LoggerMessage(EventId = 71, Level = LogLevel.Warning, Message = "Reading the queue depths failed; task_queue_depth is left out until a read succeeds (the next in {IntervalMs} ms; further failures are logged at Debug)")]
    public static partial void QueueDepthReadFailed(ILogger logger, Exception exception, long intervalMs);

    [LoggerMessage(EventId = 72, Level = LogLevel.Debug, Message = "Reading the queue depths failed again: {Reason}")]
    public static partial void QueueDepthReadFailedAgain(ILogger logger, string reason);
}
