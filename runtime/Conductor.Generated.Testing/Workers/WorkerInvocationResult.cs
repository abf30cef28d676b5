using System.Text.Json.Nodes;
using ReportedResult = Conductor.Generated.Client.TaskResult;
using ReportedStatus = Conductor.Generated.Client.TaskResultStatus;

namespace Conductor.Generated.Testing;

/// <summary>
/// What a worker called by <see cref="WorkerTester"/> would have reported to the server: the
/// <see cref="TaskResult"/> itself, and the parts a test asserts on in easy shapes.
/// </summary>
public sealed class WorkerInvocationResult
{
    internal WorkerInvocationResult(ReportedResult taskResult)
    {
        TaskResult = taskResult;
        Status = taskResult.Status switch
        {
            ReportedStatus.InProgress => TaskExecutionStatus.InProgress,
            ReportedStatus.Completed => TaskExecutionStatus.Completed,
            ReportedStatus.Failed => TaskExecutionStatus.Failed,
            ReportedStatus.FailedWithTerminalError => TaskExecutionStatus.FailedWithTerminalError,
            var other => throw new InvalidOperationException($"The runtime reported a status the testing kit does not know: {other}."),
        };
        Output = taskResult.OutputData.IsEmpty ? [] : JsonNode.Parse(taskResult.OutputData.Span) as JsonObject ?? [];
        Logs = [.. (taskResult.Logs ?? []).Select(line => line.Log ?? "")];
    }

    /// <summary>The result exactly as the worker host would send it with <c>POST /api/tasks</c>.</summary>
    public ReportedResult TaskResult { get; }

    /// <summary>
    /// The reported status: <see cref="TaskExecutionStatus.Completed"/>,
    /// <see cref="TaskExecutionStatus.Failed"/> (the server retries it),
    /// <see cref="TaskExecutionStatus.FailedWithTerminalError"/> (bad input or a
    /// <see cref="NonRetryableException"/>: no retry) or <see cref="TaskExecutionStatus.InProgress"/>
    /// (the worker asked for a callback).
    /// </summary>
    public TaskExecutionStatus Status { get; }

    /// <summary>The reported <c>outputData</c>: the worker's output, partial when in progress, empty when failed.</summary>
    public JsonObject Output { get; }

    /// <summary>Why the task did not complete (at most 500 characters), or null when it did.</summary>
    public string? ReasonForIncompletion => TaskResult.ReasonForIncompletion;

    /// <summary>With <see cref="TaskExecutionStatus.InProgress"/>: when the server hands the task out again, in whole seconds.</summary>
    public TimeSpan? CallbackAfter => Status == TaskExecutionStatus.InProgress ? TimeSpan.FromSeconds(TaskResult.CallbackAfterSeconds) : null;

    /// <summary>The task's log lines, oldest first: those the worker wrote, then the exception and stack trace of a failure.</summary>
    public IReadOnlyList<string> Logs { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        ReasonForIncompletion is null ? ConductorNames.Of(Status) : $"{ConductorNames.Of(Status)}: {ReasonForIncompletion}";
}
