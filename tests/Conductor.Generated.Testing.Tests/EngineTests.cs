using Microsoft.Extensions.Logging.Abstractions;

namespace Conductor.Generated.Testing.Tests;

/// <summary>Engine behaviour that HTTP cannot reach.</summary>
public sealed class EngineTests
{
    // Test server only.
    [Fact]
    public async Task A_waiting_poll_ends_with_no_work_when_canceled()
    {
        using var engine = new ConductorEngine(TimeProvider.System, NullLogger.Instance);
        using var cancellation = new CancellationTokenSource();

        // Far longer than the test's patience: only the cancellation can end it in time.
        var poll = engine.PollAsync("idle", "worker", domain: null, count: 1, TimeSpan.FromMinutes(10), cancellation.Token);
        Assert.False(poll.IsCompleted);
        await cancellation.CancelAsync();

        Assert.Empty(await poll.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    // Test server only.
    [Fact]
    public void Snapshots_are_copies_that_do_not_change_the_server()
    {
        using var engine = new ConductorEngine(TimeProvider.System, NullLogger.Instance);
        engine.UpsertWorkflowDefs([new WorkflowDef { Name = "copy", Tasks = [new WorkflowTask { Name = "t", TaskReferenceName = "t" }] }]);
        var workflowId = engine.StartWorkflow(engine.FindWorkflowDef("copy", null)!, input: null, correlationId: null, priority: 0, taskToDomain: null);

        var snapshot = engine.GetWorkflow(workflowId)!;
        snapshot.Status = WorkflowStatus.Completed;
        snapshot.Tasks.Clear();

        var again = engine.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, again.Status);
        Assert.Single(again.Tasks);
    }
}
