using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conductor.Generated.Client;

namespace Conductor.Generated.Diagnostics;

/// <summary>
/// The worker metrics, with the names the Java and Python SDKs use so dashboards carry over.
/// Every instrument is tagged with <c>taskType</c>; timings also with <c>status</c>.
/// </summary>
internal static class WorkerMetrics
{
    public const string TaskTypeTag = "taskType";
    public const string StatusTag = "status";
    public const string ExceptionTag = "exception";
    public const string SuccessStatus = "SUCCESS";
    public const string FailureStatus = "FAILURE";

    private static readonly Meter Meter = new(ConductorDiagnostics.MeterName, typeof(WorkerMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> PollCount = Meter.CreateCounter<long>("task_poll_total", description: "Batch polls sent.");
    private static readonly Counter<long> PollErrorCount = Meter.CreateCounter<long>("task_poll_error_total", description: "Batch polls that failed.");
    private static readonly Counter<long> ExecutionStartedCount = Meter.CreateCounter<long>("task_execution_started_total", description: "Tasks handed to a worker.");
    private static readonly Counter<long> ExecuteErrorCount = Meter.CreateCounter<long>("task_execute_error_total", description: "Tasks whose worker threw or whose input could not be bound.");
    private static readonly Counter<long> UpdateErrorCount = Meter.CreateCounter<long>("task_update_error_total", description: "Result reports that failed (each attempt).");
    private static readonly Counter<long> QueueFullCount = Meter.CreateCounter<long>("task_execution_queue_full_total", description: "Times a worker had no free slot to poll for.");
    private static readonly Counter<long> PausedCount = Meter.CreateCounter<long>("task_paused_total", description: "Times a worker's poll loop found it paused and stopped polling.");
    private static readonly Histogram<double> PollTime = Meter.CreateHistogram<double>("task_poll_time_seconds", unit: "s", description: "Duration of batch polls, long poll included.");
    private static readonly Histogram<double> ExecuteTime = Meter.CreateHistogram<double>("task_execute_time_seconds", unit: "s", description: "Duration of worker executions.");
    private static readonly Histogram<double> UpdateTime = Meter.CreateHistogram<double>("task_update_time_seconds", unit: "s", description: "Duration of result reports (each attempt).");
    private static readonly Histogram<long> ResultSize = Meter.CreateHistogram<long>("task_result_size_bytes", unit: "By", description: "Size of the outputData reported.");

    public static void PollSucceeded(string taskType, double seconds)
    {
        PollCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        PollTime.Record(seconds, TaskTypeAndStatus(taskType, SuccessStatus));
    }

    public static void PollFailed(string taskType, double seconds)
    {
        PollCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        PollErrorCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        PollTime.Record(seconds, TaskTypeAndStatus(taskType, FailureStatus));
    }

    public static void QueueFull(string taskType) =>
        QueueFullCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));

    public static void Paused(string taskType) =>
        PausedCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));

    public static void ExecutionStarted(string taskType) =>
        ExecutionStartedCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));

    public static void ExecutionFailed(string taskType, string exceptionName) =>
        ExecuteErrorCount.Add(
            1,
            new KeyValuePair<string, object?>(TaskTypeTag, taskType),
            new KeyValuePair<string, object?>(ExceptionTag, exceptionName));

    public static void ExecutionFinished(string taskType, TaskResultStatus status, double seconds, int outputBytes)
    {
        ExecuteTime.Record(seconds, TaskTypeAndStatus(taskType, StatusName(status)));
        ResultSize.Record(outputBytes, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
    }

    public static void UpdateSucceeded(string taskType, double seconds) =>
        UpdateTime.Record(seconds, TaskTypeAndStatus(taskType, SuccessStatus));

    public static void UpdateFailed(string taskType, double seconds)
    {
        UpdateErrorCount.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, taskType));
        UpdateTime.Record(seconds, TaskTypeAndStatus(taskType, FailureStatus));
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
