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
    }

    /// <summary>The metrics to record into: a meter from <paramref name="meterFactory"/>, or the process-wide one when it is <see langword="null"/>.</summary>
    public static WorkerMetrics Create(IMeterFactory? meterFactory) =>
        meterFactory is null
            ? Shared
            : new WorkerMetrics(meterFactory.Create(new MeterOptions(ConductorDiagnostics.MeterName) { Version = MeterVersion }));

    public void PollSucceeded(string taskType, double seconds)
    {
        _pollCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        _pollTime.Record(seconds, TaskTypeAndStatus(taskType, SuccessStatus));
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

    public void ExecutionStarted(string taskType) =>
        _executionStartedCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));

    public void ExecutionFailed(string taskType, string exceptionName) =>
        _executeErrorCount.Add(
            1,
            new KeyValuePair<string, object?>(TaskTypeTag, taskType),
            new KeyValuePair<string, object?>(ExceptionTag, exceptionName));

    public void ExecutionFinished(string taskType, TaskResultStatus status, double seconds, int outputBytes)
    {
        _executeTime.Record(seconds, TaskTypeAndStatus(taskType, StatusName(status)));
        _resultSize.Record(outputBytes, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
    }

    public void UpdateSucceeded(string taskType, double seconds) =>
        _updateTime.Record(seconds, TaskTypeAndStatus(taskType, SuccessStatus));

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
