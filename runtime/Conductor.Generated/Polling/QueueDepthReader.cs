using System.Diagnostics.Metrics;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Polling;

/// <summary>
/// Reads the depth of every queue the host's workers poll, with one
/// <c>GET /api/tasks/queue/sizes</c> for all of them, every interval, and keeps the last answer
/// for the <c>task_queue_depth</c> gauge. It sends nothing while nothing listens to that gauge,
/// and reports nothing after a read that failed (a stale depth would mislead a scaler).
/// </summary>
internal sealed class QueueDepthReader(
    ConductorClient client,
    IReadOnlyList<WorkerDefinition> workers,
    TimeSpan interval,
    TimeProvider timeProvider,
    WorkerMetrics metrics,
    ILogger logger)
{
    /// <summary>How often an unobserved reader looks again whether someone listens (no request is sent).</summary>
    private static readonly TimeSpan ListenerCheck = TimeSpan.FromSeconds(1);

    private readonly Queue[] _queues = [.. workers.Select(worker => new Queue(worker.TaskName, worker.Settings.Domain))];

    /// <summary>The last depths read, in the order of <see cref="_queues"/>; <see langword="null"/> when there is none to report.</summary>
    private volatile int[]? _depths;

    public async Task RunAsync(CancellationToken stopping)
    {
        var names = _queues.Select(queue => queue.Name).Distinct(StringComparer.Ordinal).ToList();
        var queueList = string.Join(", ", names);
        WorkerLog.QueueDepthReading(logger, (long)interval.TotalMilliseconds, queueList);
        var failing = false;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (!metrics.QueueDepthObserved)
                {
                    _depths = null;
                    await Task.Delay(interval < ListenerCheck ? interval : ListenerCheck, timeProvider, stopping).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    var sizes = await client.GetQueueSizesAsync(names, stopping).ConfigureAwait(false);
                    _depths = [.. _queues.Select(queue => sizes.TryGetValue(queue.Name, out var size) ? size : 0)];
                    failing = false;
                }
#pragma warning disable CA1031 // Whatever a read meets, the metric goes without a depth and the next read tries again; the workers never notice.
                catch (Exception exception) when (!stopping.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    _depths = null;
                    if (!failing)
                    {
                        WorkerLog.QueueDepthReadFailed(logger, exception, (long)interval.TotalMilliseconds);
                    }
                    else
                    {
                        WorkerLog.QueueDepthReadFailedAgain(logger, exception.Message);
                    }

                    failing = true;
                }

                await Task.Delay(interval, timeProvider, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _depths = null;
        }
    }

    /// <summary>The depths to report: one per worker, tagged with its task type and (when set) its domain.</summary>
    public IEnumerable<Measurement<long>> Measure()
    {
        var depths = _depths;
        if (depths is null)
        {
            yield break;
        }

        for (var index = 0; index < _queues.Length; index++)
        {
            var queue = _queues[index];
            yield return queue.Domain is null
                ? new Measurement<long>(depths[index], new KeyValuePair<string, object?>(WorkerMetrics.TaskTypeTag, queue.TaskType))
                : new Measurement<long>(
                    depths[index],
                    new KeyValuePair<string, object?>(WorkerMetrics.TaskTypeTag, queue.TaskType),
                    new KeyValuePair<string, object?>(WorkerMetrics.DomainTag, queue.Domain));
        }
    }

    /// <summary>A worker's queue: the server names it <c>domain:taskType</c> for a domain (<c>QueueUtils#getQueueName</c>).</summary>
    private sealed class Queue(string taskType, string? domain)
    {
        public string TaskType { get; } = taskType;

        public string? Domain { get; } = string.IsNullOrEmpty(domain) ? null : domain;

        public string Name => Domain is null ? TaskType : Domain + ":" + TaskType;
    }
}
