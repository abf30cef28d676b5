namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>One environment shared by the tests of a class, as docs/testing.md shows.</summary>
public sealed class SharedConductorFixture : IAsyncLifetime
{
    public ConductorTestEnvironment Conductor { get; private set; } = null!;

    public async Task InitializeAsync() => Conductor = await ConductorTestEnvironment.StartAsync(ConductorWorkers.All);

    public async Task DisposeAsync() => await Conductor.DisposeAsync();
}

public sealed class SharedEnvironmentTests(SharedConductorFixture fixture) : IClassFixture<SharedConductorFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Runs_in_a_shared_environment_do_not_see_each_other()
    {
        var runs = await Task.WhenAll(
            fixture.Conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Ada"}""", Generous),
            fixture.Conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Grace"}""", Generous),
            fixture.Conductor.RunTaskAsync(ConductorWorkers.LogAndSum, """{"a":1,"b":2}""", Generous));

        Assert.Equal("Hello Ada!", (string?)runs[0].Output["message"]);
        Assert.Equal("Hello Grace!", (string?)runs[1].Output["message"]);
        Assert.Equal(3, (int?)runs[2].Output["sum"]);
        Assert.Equal(3, runs.Select(run => run.Workflow.WorkflowId).Distinct().Count());
    }

    [Fact]
    public async Task A_failed_run_leaves_the_shared_environment_usable()
    {
        var failed = await fixture.Conductor.RunTaskAsync(ConductorWorkers.Reject, """{"message":"no"}""", Generous);
        var next = await fixture.Conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Ada"}""", Generous);

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, failed.Status);
        Assert.Equal(TaskExecutionStatus.Completed, next.Status);
    }
}
