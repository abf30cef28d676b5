namespace Conductor.Generated.Testing;

/// <summary>
/// The task a worker sees when <see cref="WorkerTester"/> calls it: ids, attempt counters and the
/// rest of what <see cref="TaskContext"/> exposes. Every property has a fixed default, so what a
/// worker derives from them (an idempotency key, a charge id) is the same on every test run.
/// </summary>
public sealed class WorkerInvocationOptions
{
    /// <summary>The task's id. Default: <c>test-task-id</c>.</summary>
    public string TaskId { get; set; } = "test-task-id";

    /// <summary>The id of the workflow the task belongs to. Default: <c>test-workflow-id</c>.</summary>
    public string WorkflowInstanceId { get; set; } = "test-workflow-id";

    /// <summary>The workflow definition's name. Default: <c>test_workflow</c>.</summary>
    public string? WorkflowType { get; set; } = "test_workflow";

    /// <summary>The task's reference name in its workflow. Default: null, which stands for the worker's task name.</summary>
    public string? ReferenceTaskName { get; set; }

    /// <summary>The workflow's correlation id. Default: none.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>0 for a first attempt, 1, 2, … for retries: set it to test a worker's retry path. Default: 0.</summary>
    public int RetryCount { get; set; }

    /// <summary>How many times the task has been handed out; above 1 after a callback. Default: 1.</summary>
    public int PollCount { get; set; } = 1;

    /// <summary>The iteration inside a DO_WHILE loop. Default: 0.</summary>
    public int Iteration { get; set; }

    /// <summary>The domain the task was polled from. Default: none.</summary>
    public string? Domain { get; set; }

    /// <summary>
    /// When the server scheduled the task, which <see cref="TaskContext.ScheduledAt"/> returns.
    /// Default: null, which makes it the time of the call.
    /// </summary>
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>
    /// The application's services, for workers with <c>[FromServices]</c> parameters: as the host
    /// does, the call gets its own scope from this provider, disposed when the worker has
    /// returned or thrown. Default: none (such a worker then fails with an error saying so).
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>The identity of the polling worker, reported in the result. Default: <c>worker-tester</c>.</summary>
    public string WorkerId { get; set; } = "worker-tester";
}
