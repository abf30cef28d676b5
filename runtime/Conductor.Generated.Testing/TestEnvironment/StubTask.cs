using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>The task a <see cref="TaskStub"/> handler runs: its input, and the worker's context.</summary>
public sealed class StubTask
{
    internal StubTask(TaskContext context)
    {
        Context = context;
        Input = JsonNode.Parse(context.Input.GetRawText()) as JsonObject ?? [];
    }

    /// <summary>The task's input as the server resolved it (a copy: change it freely).</summary>
    public JsonObject Input { get; }

    /// <summary>The worker's context: ids, <see cref="TaskContext.Log"/>, <see cref="TaskContext.CallbackAfter"/>.</summary>
    public TaskContext Context { get; }

    /// <summary>The step's reference name in the workflow (<c>charge__2</c> in a loop's second iteration).</summary>
    public string? ReferenceTaskName => Context.ReferenceTaskName;

    /// <summary>0 on the first attempt of the step, +1 on each retry.</summary>
    public int RetryCount => Context.RetryCount;

    /// <summary>The loop iteration (1 and up inside a DO_WHILE, else 0).</summary>
    public int Iteration => Context.Iteration;

    /// <summary>The workflow the task belongs to.</summary>
    public string WorkflowInstanceId => Context.WorkflowInstanceId;
}
