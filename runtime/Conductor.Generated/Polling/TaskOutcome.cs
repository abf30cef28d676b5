using Conductor.Generated.Client;

namespace Conductor.Generated.Polling;

/// <summary>What happened to one worker call, classified once for the report, the metrics and the logs.</summary>
internal enum OutcomeKind
{
    /// <summary>Returned: <c>COMPLETED</c>.</summary>
    Completed,

    /// <summary>Returned after asking for a callback: <c>IN_PROGRESS</c>.</summary>
    InProgress,

    /// <summary>The input could not be bound: <c>FAILED_WITH_TERMINAL_ERROR</c>.</summary>
    BindingFailure,

    /// <summary>The invoker returned bytes that are not one JSON object: <c>FAILED</c>.</summary>
    InvalidOutput,

    /// <summary>The worker threw: <c>FAILED</c>, or <c>FAILED_WITH_TERMINAL_ERROR</c> for <see cref="NonRetryableException"/>.</summary>
    Threw,

    /// <summary>Cancelled because the host stopped: <c>FAILED</c>.</summary>
    Stopped,

    /// <summary>Cancelled at the task's response timeout: <c>FAILED</c>.</summary>
    ResponseTimeout,
}

/// <summary>The result to report and what it is, decided once.</summary>
/// <remarks>Fields rather than properties: read for every task, each getter would be one more method compiled and tiered.</remarks>
internal readonly struct Outcome(TaskResult result, OutcomeKind kind, Exception? exception = null, string? bindingError = null)
{
    public readonly TaskResult Result = result;
    public readonly OutcomeKind Kind = kind;
    public readonly Exception? Exception = exception;
    public readonly string? BindingError = bindingError;
}

/// <summary>Turns what happened to a worker call into the <see cref="TaskResult"/> reported to the server.</summary>
internal static class TaskOutcome
{
    public const string StoppedReason = "worker stopped before finishing";
    public const string OutputNotObjectReason = "the worker's output is not a JSON object";

    /// <summary>
    /// Calls the worker and classifies what happened, with the one catch ladder of the host and
    /// <see cref="WorkerExecution"/>: a cancellation once <paramref name="stopping"/> is cancelled
    /// is a stop; one of <paramref name="workerToken"/> with a <paramref name="responseTimeout"/>
    /// is the response timeout; anything else thrown is the worker's failure. Never throws
    /// because of the worker.
    /// </summary>
    /// <remarks>
    /// A worker that has returned by the time its invoker does (one that did not have to wait)
    /// is classified at once: no state machine is run, and the value task holds the outcome. Only
    /// a worker still running is awaited, by <see cref="AwaitAsync"/>.
    /// </remarks>
    public static ValueTask<Outcome> RunAsync(
        WorkerInvoker invoker, TaskContext context, TimeSpan? responseTimeout, CancellationToken stopping, CancellationToken workerToken) =>
        TryRunAtOnce(invoker, context, responseTimeout, out var outcome, out var running, stopping, workerToken)
            ? new ValueTask<Outcome>(outcome)
            : AwaitAsync(running, context, responseTimeout, stopping, workerToken);

    /// <summary>
    /// <see cref="RunAsync"/> for a caller that goes on at once when the worker did not wait:
    /// <see langword="true"/> with the <paramref name="outcome"/> of a worker that has returned
    /// or thrown by the time its invoker does; otherwise <see langword="false"/> with the worker
    /// still <paramref name="running"/>, for <see cref="AwaitAsync"/>. Never throws because of
    /// the worker.
    /// </summary>
    public static bool TryRunAtOnce(
        WorkerInvoker invoker, TaskContext context, TimeSpan? responseTimeout, out Outcome outcome, out ValueTask<WorkerResult> running,
        CancellationToken stopping, CancellationToken workerToken)
    {
        try
        {
            running = invoker(context, workerToken);
            if (running.IsCompletedSuccessfully)
            {
                outcome = Classify(context, running.Result);
                return true;
            }
        }
#pragma warning disable CA1031 // Whatever a worker throws becomes the task's result; the process never crashes because of a task.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            running = default;
            outcome = Caught(exception, context, responseTimeout, stopping, workerToken);
            return true;
        }

        outcome = default;
        return false;
    }

    /// <summary>Waits for a worker still running (see <see cref="TryRunAtOnce"/>) and classifies what happened, with the same catch ladder.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<Outcome> AwaitAsync(
        ValueTask<WorkerResult> running, TaskContext context, TimeSpan? responseTimeout, CancellationToken stopping, CancellationToken workerToken)
    {
        try
        {
            return Classify(context, await running.ConfigureAwait(false));
        }
#pragma warning disable CA1031 // Whatever a worker throws becomes the task's result; the process never crashes because of a task.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Caught(exception, context, responseTimeout, stopping, workerToken);
        }
    }

    /// <summary>The catch ladder: what a worker's exception (or cancellation) means.</summary>
    private static Outcome Caught(Exception exception, TaskContext context, TimeSpan? responseTimeout, CancellationToken stopping, CancellationToken workerToken)
    {
        if (exception is OperationCanceledException && stopping.IsCancellationRequested)
        {
            return new Outcome(FromShutdown(context), OutcomeKind.Stopped);
        }

        if (exception is OperationCanceledException && workerToken.IsCancellationRequested && responseTimeout is { } timeout)
        {
            return new Outcome(FromResponseTimeout(context, timeout), OutcomeKind.ResponseTimeout, exception);
        }

        return new Outcome(FromException(context, exception), OutcomeKind.Threw, exception);
    }

    /// <summary>The result of a worker that returned (see <see cref="Classify"/>).</summary>
    public static TaskResult FromReturn(TaskContext context, WorkerResult workerResult) => Classify(context, workerResult).Result;

    /// <summary>The worker returned: completed, in progress with a callback, a binding failure or output that is not an object.</summary>
    public static Outcome Classify(TaskContext context, WorkerResult workerResult)
    {
        if (workerResult.IsBindingFailure)
        {
            return new Outcome(Create(context, TaskResultStatus.FailedWithTerminalError, workerResult.BindingError), OutcomeKind.BindingFailure, bindingError: workerResult.BindingError);
        }

        if (!workerResult.HasObjectOutput)
        {
            return new Outcome(Create(context, TaskResultStatus.Failed, OutputNotObjectReason), OutcomeKind.InvalidOutput);
        }

        var output = workerResult.OutputJson;
        if (context.HasLogsOrCallback && context.RequestedCallback is { } callbackAfter)
        {
            var result = Create(context, TaskResultStatus.InProgress, reason: null);
            result.OutputDataField = output;
            result.CallbackAfterSecondsField = (long)Math.Ceiling(callbackAfter.TotalSeconds);
            return new Outcome(result, OutcomeKind.InProgress);
        }

        var completed = Create(context, TaskResultStatus.Completed, reason: null);
        completed.OutputDataField = output;
        return new Outcome(completed, OutcomeKind.Completed);
    }

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
        // The fields, not the properties: this runs for every task (see TaskResult).
        var task = context.Task;
        return new TaskResult
        {
            TaskIdField = task.TaskIdField,
            WorkflowInstanceIdField = task.WorkflowInstanceIdField,
            WorkerIdField = context.WorkerId,
            StatusField = status,
            ReasonForIncompletionField = reason is null ? null : TaskResult.Truncate(reason, TaskResult.MaxReasonLength),
            LogsField = context.HasLogsOrCallback && context.Logs is { Count: > 0 } lines ? LogLines(context, lines) : null,
        };
    }

    /// <summary>The worker's log lines (a method of its own: the lambda's closure would otherwise be made for every result).</summary>
    private static List<TaskExecutionLog> LogLines(TaskContext context, IReadOnlyList<TaskLogLine> lines) =>
        lines.Select(line => new TaskExecutionLog
        {
            Log = line.Message,
            CreatedTime = line.CreatedAt.ToUnixTimeMilliseconds(),
            TaskId = context.TaskId,
        }).ToList();
}
