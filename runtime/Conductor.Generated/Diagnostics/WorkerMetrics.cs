using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conductor.Generated.Client;

namespace Conductor.Generated.Diagnostics;

/// <summary>
/// The worker metrics, with the names the Java and Python SDKs use so dashboards carry over.
/// Every instrument is tagged with <c>taskType</c>; timings also with <c>status</c>. Hosts share
/// one process-wide meter unless given an <see cref="IMeterFactory"/> (as a dependency injection
/// container has), which then owns the meter and its lifetime.
/// </summary>
internal sealed class WorkerMetrics
{
    public const string TaskTypeTag = "taskType";
    public const string StatusTag = "status";
    public const string ExceptionTag = "exception";
    public const string SuccessStatus = "SUCCESS";
    public const string FailureStatus = "FAILURE";
    public const string DomainTag = "domain";

    /// <summary>The instrument names, as documented (docs/runtime.md) and used by the scaling recipe (docs/scaling.md).</summary>
    public const string QueueDepthName = "task_queue_depth";
    public const string QueueWaitTimeName = "task_queue_wait_time_seconds";
    public const string BusySlotsName = "active_workers";
    public const string FreeSlotsName = "task_execution_slots_free";
    public const string EmptyPollName = "task_poll_empty_total";

    /// <summary>
    /// Buckets of the queue wait histogram, in seconds: fine below a second, where a healthy queue
    /// is, and up to ten minutes, where a backlog shows.
    /// </summary>
    private static readonly double[] QueueWaitBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly string? MeterVersion = typeof(WorkerMetrics).Assembly.GetName().Version?.ToString();

    /// <summary>The metrics of every host that has no meter factory.</summary>
    private static readonly WorkerMetrics Shared = new(new Meter(ConductorDiagnostics.MeterName, MeterVersion));

    private readonly Counter<long> _pollCount;
    private readonly Counter<long> _pollErrorCount;
    private readonly Counter<long> _executionStartedCount;
    private readonly Counter<long> _executeErrorCount;
    private readonly Counter<long> _updateErrorCount;
    private readonly Counter<long> _queueFullCount;
    private readonly Counter<long> _pausedCount;
    private readonly Histogram<double> _pollTime;
    private readonly Histogram<double> _executeTime;
    private readonly Histogram<double> _updateTime;
    private readonly Histogram<long> _resultSize;
    private readonly Counter<long> _emptyPollCount;
    private readonly Histogram<double> _queueWaitTime;
    private readonly ObservableGauge<long> _queueDepth;
    private readonly Lock _observedGate = new();

    /// <summary>The running hosts whose queues and slots the observable instruments report.</summary>
    private ObservedWorkers[] _observed = [];

    private WorkerMetrics(Meter meter)
    {
        _pollCount = meter.CreateCounter<long>("task_poll_total", description: "Batch polls sent.");
        _pollErrorCount = meter.CreateCounter<long>("task_poll_error_total", description: "Batch polls that failed.");
        _executionStartedCount = meter.CreateCounter<long>("task_execution_started_total", description: "Tasks handed to a worker.");
        _executeErrorCount = meter.CreateCounter<long>("task_execute_error_total", description: "Tasks whose worker threw or whose input could not be bound.");
        _updateErrorCount = meter.CreateCounter<long>("task_update_error_total", description: "Result reports that failed (each attempt).");
        _queueFullCount = meter.CreateCounter<long>("task_execution_queue_full_total", description: "Times a worker had no free slot to poll for.");
        _pausedCount = meter.CreateCounter<long>("task_paused_total", description: "Times a worker's poll loop found it paused and stopped polling.");
        _pollTime = meter.CreateHistogram<double>("task_poll_time_seconds", unit: "s", description: "Duration of batch polls, long poll included.");
        _executeTime = meter.CreateHistogram<double>("task_execute_time_seconds", unit: "s", description: "Duration of worker executions.");
        _updateTime = meter.CreateHistogram<double>("task_update_time_seconds", unit: "s", description: "Duration of result reports (each attempt).");
        _resultSize = meter.CreateHistogram<long>("task_result_size_bytes", unit: "By", description: "Size of the outputData reported.");
        _emptyPollCount = meter.CreateCounter<long>(EmptyPollName, description: "Polls that came back without a task.");
        _queueWaitTime = meter.CreateHistogram(
            QueueWaitTimeName,
            unit: "s",
            description: "Time each task handed to a worker waited in its queue (the server's queueWaitTime).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = QueueWaitBuckets });
        _queueDepth = meter.CreateObservableGauge(
            QueueDepthName,
            () => Observe(static workers => workers.QueueDepth()),
            unit: "{task}",
            description: "Tasks waiting in the queue of each task type the host serves, as last read from the server.");
        meter.CreateObservableGauge(
            BusySlotsName,
            () => Observe(static workers => workers.BusySlots()),
            unit: "{slot}",
            description: "Execution slots running a task (or delivering its result), per task type.");
        meter.CreateObservableGauge(
            FreeSlotsName,
            () => Observe(static workers => workers.FreeSlots()),
            unit: "{slot}",
            description: "Execution slots free for a task, per task type.");
    }

    /// <summary>Whether anything listens to the queue depth; the depth is only read from the server while something does.</summary>
    public bool QueueDepthObserved => _queueDepth.Enabled;

    /// <summary>Reports <paramref name="workers"/> through the observable instruments until the returned handle is disposed.</summary>
    public IDisposable Observe(ObservedWorkers workers)
    {
        lock (_observedGate)
        {
            _observed = [.. _observed, workers];
        }

        return new Unobserve(this, workers);
    }

    public void PollCameBackEmpty(string taskType) =>
        _emptyPollCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));

    private IEnumerable<Measurement<T>> Observe<T>(Func<ObservedWorkers, IEnumerable<Measurement<T>>> measure)
        where T : struct
    {
        var observed = Volatile.Read(ref _observed);
        return observed.Length switch
        {
            0 => [],
            1 => measure(observed[0]),
            _ => observed.SelectMany(measure),
        };
    }

    private sealed class Unobserve(WorkerMetrics metrics, ObservedWorkers workers) : IDisposable
    {
        public void Dispose()
        {
            lock (metrics._observedGate)
            {
                metrics._observed = [.. metrics._observed.Where(observed => !ReferenceEquals(observed, workers))];
            }
        }
    }

    /// <summary>The metrics to record into: a meter from <paramref name="meterFactory"/>, or the process-wide one when it is <see langword="null"/>.</summary>
    public static WorkerMetrics Create(IMeterFactory? meterFactory) =>
        meterFactory is null
            ? Shared
            : new WorkerMetrics(meterFactory.Create(new MeterOptions(ConductorDiagnostics.MeterName) { Version = MeterVersion }));

    public void PollSucceeded(string taskType, double seconds)
    {
        _pollCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        if (_pollTime.Enabled)
        {
            _pollTime.Record(seconds, TaskTypeAndStatus(taskType, SuccessStatus));
        }
    }

    public void PollFailed(string taskType, double seconds)
    {
        _pollCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        _pollErrorCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        _pollTime.Record(seconds, TaskTypeAndStatus(taskType, FailureStatus));
    }

    public void QueueFull(string taskType) =>
        _queueFullCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));

    public void Paused(string taskType) =>
        _pausedCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));

    /// <summary>
    /// Counts <paramref name="task"/>'s execution and records how long it waited in its queue:
    /// the server's <c>queueWaitTime</c>, else (an older server) its start time less its
    /// scheduled time, as <c>Task#getQueueWaitTime</c> computes it for a first poll. One call
    /// for both, on every task's path.
    /// </summary>
    public void ExecutionStarted(string taskType, ConductorTask task)
    {
        if (_executionStartedCount.Enabled)
        {
            _executionStartedCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        }

        if (!_queueWaitTime.Enabled)
        {
            return;
        }

        var waitedMs = task.QueueWaitTime
            ?? (task.StartTime > 0 && task.ScheduledTime > 0 ? task.StartTime - task.ScheduledTime : null);
        if (waitedMs is >= 0)
        {
            _queueWaitTime.Record(waitedMs.Value / 1000.0, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        }
    }

    public void ExecutionFailed(string taskType, string exceptionName) =>
        _executeErrorCount.Add(
            1,
            new KeyValuePair<string, object?>(TaskTypeTag, taskType),
            new KeyValuePair<string, object?>(ExceptionTag, exceptionName));

    public void ExecutionFinished(string taskType, TaskResultStatus status, double seconds, int outputBytes)
    {
        if (_executeTime.Enabled)
        {
            _executeTime.Record(seconds, TaskTypeAndStatus(taskType, StatusName(status)));
        }

        if (_resultSize.Enabled)
        {
            _resultSize.Record(outputBytes, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        }
    }

    public void UpdateSucceeded(string taskType, double seconds)
    {
        if (_updateTime.Enabled)
        {
            _updateTime.Record(seconds, TaskTypeAndStatus(taskType, SuccessStatus));
        }
    }

    public void UpdateFailed(string taskType, double seconds)
    {
        _updateErrorCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        _updateTime.Record(seconds, TaskTypeAndStatus(taskType, FailureStatus));
    }

    /// <summary>The status as Conductor spells it.</summary>
    public static string StatusName(TaskResultStatus status) => status switch
    {
        TaskResultStatus.InProgress => "IN_PROGRESS",
        TaskResultStatus.Completed => "COMPLETED",
        TaskResultStatus.Failed => "FAILED",
        TaskResultStatus.FailedWithTerminalError => "FAILED_WITH_TERMINAL_ERROR",
        _ => status.ToString(),
    };

    private static TagList TaskTypeAndStatus(string taskType, string status) =>
        new() { { TaskTypeTag, taskType }, { StatusTag, status } };
}

/// <summary>What one host reports through the observable instruments, read at each collection.</summary>
internal sealed class ObservedWorkers(
    Func<IEnumerable<Measurement<long>>> queueDepth,
    Func<IEnumerable<Measurement<int>>> busySlots,
    Func<IEnumerable<Measurement<int>>> freeSlots)
{
    public IEnumerable<Measurement<long>> QueueDepth() => queueDepth();

    public IEnumerable<Measurement<int>> BusySlots() => busySlots();

    public IEnumerable<Measurement<int>> FreeSlots() => freeSlots();
}
