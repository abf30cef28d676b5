using Conductor.Generated.Client;

namespace Conductor.Generated.Polling;

/// <summary>Turns what happened to a worker call into the <see cref="TaskResult"/> reported to the server.</summary>
internal static class TaskOutcome
{
    public const string StoppedReason = "worker stopped before finishing";
    public const string OutputNotObjectReason = "the worker's output is not a JSON object";

    /// <summary>The worker returned: completed, in progress with a callback, or a binding failure.</summary>
    public static TaskResult FromReturn(TaskContext context, WorkerResult workerResult)
    {
        if (workerResult.IsBindingFailure)
        {
            return Create(context, TaskResultStatus.FailedWithTerminalError, workerResult.BindingError);
        }

        var output = workerResult.OutputJson;
        if (!HasObjectOutput(workerResult))
        {
            return Create(context, TaskResultStatus.Failed, OutputNotObjectReason);
        }

        if (context.RequestedCallback is { } callbackAfter)
        {
            var result = Create(context, TaskResultStatus.InProgress, reason: null);
            result.OutputData = output;
            result.CallbackAfterSeconds = (long)Math.Ceiling(callbackAfter.TotalSeconds);
            return result;
        }

        var completed = Create(context, TaskResultStatus.Completed, reason: null);
        completed.OutputData = output;
        return completed;
    }

    /// <summary>Whether the output is a JSON object (or empty, which stands for <c>{}</c>).</summary>
    public static bool HasObjectOutput(WorkerResult workerResult) =>
        workerResult.OutputJson.IsEmpty || RawJsonObjectConverter.IsJsonObject(workerResult.OutputJson.Span);

    /// <summary>
    /// The worker threw: <see cref="NonRetryableException"/> fails the task for good; anything
    /// else fails it so the server retries it, with the exception and stack trace as a log line.
    /// </summary>
    public static TaskResult FromException(TaskContext context, Exception exception)
    {
        if (exception is NonRetryableException)
        {
            return Create(context, TaskResultStatus.FailedWithTerminalError, DescribeFailure(exception));
        }

        var result = Create(context, TaskResultStatus.Failed, DescribeFailure(exception));
        result.Logs ??= [];
        result.Logs.Add(new TaskExecutionLog
        {
            Log = exception.ToString(),
            CreatedTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            TaskId = context.TaskId,
        });
        return result;
    }

    /// <summary>The worker was cancelled because the host stopped: failed, so the server retries it.</summary>
    public static TaskResult FromShutdown(TaskContext context) =>
        Create(context, TaskResultStatus.Failed, StoppedReason);

    /// <summary>
    /// The worker was cancelled because it ran past the task's response timeout: failed, so the
    /// server retries it (if it has not timed the task out already, in which case it ignores this).
    /// </summary>
    public static TaskResult FromResponseTimeout(TaskContext context, TimeSpan responseTimeout) =>
        Create(context, TaskResultStatus.Failed, ResponseTimeoutReason(responseTimeout));

    /// <summary>
    /// The task's input, kept in the server's external payload storage, could not be read: the
    /// worker did not run (never with defaults in place of the input), and the task fails so the
    /// server retries it, since storage faults pass.
    /// </summary>
    public static TaskResult FromUnreadableInput(TaskContext context, string reason) =>
        Create(context, TaskResultStatus.Failed, reason);

    /// <summary>The reason reported for a worker cancelled at its response timeout.</summary>
    public static string ResponseTimeoutReason(TimeSpan responseTimeout) =>
        $"worker ran past the task's response timeout of {(long)responseTimeout.TotalSeconds} s and was cancelled";

    private static string DescribeFailure(Exception exception) =>
        string.IsNullOrWhiteSpace(exception.Message)
            ? exception.GetType().FullName ?? exception.GetType().Name
            : exception.Message;

    private static TaskResult Create(TaskContext context, TaskResultStatus status, string? reason)
    {
        var logLines = context.Logs;
        return new TaskResult
        {
            TaskId = context.TaskId,
            WorkflowInstanceId = context.WorkflowInstanceId,
            WorkerId = context.WorkerId,
            Status = status,
            ReasonForIncompletion = reason,
            Logs = logLines.Count == 0
                ? null
                : logLines.Select(line => new TaskExecutionLog
                {
                    Log = line.Message,
                    CreatedTime = line.CreatedAt.ToUnixTimeMilliseconds(),
                    TaskId = context.TaskId,
                }).ToList(),
        };
    }
}
