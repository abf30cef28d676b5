using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// A task run to its end by a <see cref="ConductorTestEnvironment"/>, or one step of a
/// <see cref="WorkflowRun"/>: its last attempt with status, input, output, reason and log lines,
/// every attempt, and the workflow that carried it.
/// </summary>
public sealed class TaskRun
{
    internal TaskRun(WorkflowExecution workflow, IReadOnlyList<TaskExecution> attempts, IReadOnlyList<string> logs, string? referenceName = null)
    {
        Workflow = workflow;
        Attempts = attempts;
        Task = attempts[^1];
        Logs = logs;
        ReferenceName = referenceName ?? Task.ReferenceTaskName;
    }

    /// <summary>
    /// The step's name in a <see cref="WorkflowRun"/>: its reference name as the server gives it
    /// (<c>charge</c>; <c>charge__2</c> in the second iteration of a loop), behind the reference
    /// names of the SUB_WORKFLOW tasks that lead to it, each followed by <c>/</c>
    /// (<c>payment/charge</c>). For a single task, its task type.
    /// </summary>
    public string ReferenceName { get; }

    /// <summary>The last attempt, the one that decided how the task ended.</summary>
    public TaskExecution Task { get; }

    /// <summary>Every attempt in order: the first, then one per retry.</summary>
    public IReadOnlyList<TaskExecution> Attempts { get; }

    /// <summary>
    /// The workflow that carried the task: for <c>RunTaskAsync</c>, the one-task workflow made for
    /// it (<see cref="ConductorTestServer.EnqueueTask"/>); for a step of a <see cref="WorkflowRun"/>,
    /// the workflow or sub-workflow it belongs to.
    /// </summary>
    public WorkflowExecution Workflow { get; }

    /// <summary>How the last attempt ended: <see cref="TaskExecutionStatus.Completed"/>, <see cref="TaskExecutionStatus.Failed"/>, <see cref="TaskExecutionStatus.FailedWithTerminalError"/>, <see cref="TaskExecutionStatus.TimedOut"/>...</summary>
    public TaskExecutionStatus Status => Task.Status;

    /// <summary>The last attempt's input, as the server resolved it.</summary>
    public JsonObject Input => Task.InputData;

    /// <summary>The last attempt's output.</summary>
    public JsonObject Output => Task.OutputData;

    /// <summary>Why the last attempt did not complete, or null.</summary>
    public string? ReasonForIncompletion => Task.ReasonForIncompletion;

    /// <summary>
    /// The last attempt's log lines as the server stored them, oldest first: those the worker
    /// wrote, then the exception and stack trace of a failure. Earlier attempts' lines:
    /// <see cref="ConductorTestServer.GetTaskLogs"/> with their task ids.
    /// </summary>
    public IReadOnlyList<string> Logs { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{ReferenceName} ({Task.TaskType}) {ConductorNames.Of(Status)} after {Attempts.Count} attempt(s)" + (ReasonForIncompletion is null ? "" : $": {ReasonForIncompletion}");
}
