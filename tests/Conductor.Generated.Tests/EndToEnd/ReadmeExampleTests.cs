using System.Text.Json.Nodes;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>The README's test example, kept here word for word so the README stays true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task Greet_says_hello()
    {
        // No server: the generated binder, your method and the runtime's rules for the result.
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Greet, """{"name":"Ada"}""");

        Assert.Equal(TaskExecutionStatus.Completed, result.Status);
        Assert.Equal("Hello Ada!", (string?)result.Output["message"]);
    }

    [Fact]
    public async Task Greet_without_a_name_fails_for_good()
    {
        // A Conductor-compatible server on 127.0.0.1, and a worker host polling it for "greet".
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet]);

        var run = await conductor.RunTaskAsync(ConductorWorkers.Greet, """{"times":2}""");

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, run.Status);
        Assert.Contains("'name'", run.ReasonForIncompletion);
    }

    [Fact]
    public async Task Greeting_workflow_completes()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet]);

        var workflow = await conductor.RunWorkflowAsync(new WorkflowDef
        {
            Name = "greeting",
            Tasks = [new WorkflowTask { Name = "greet", TaskReferenceName = "greet",
                                        InputParameters = new() { ["name"] = "${workflow.input.name}" } }],
        }, new JsonObject { ["name"] = "Ada" });

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal("Hello Ada!", (string?)workflow.Output["message"]);
    }
}
