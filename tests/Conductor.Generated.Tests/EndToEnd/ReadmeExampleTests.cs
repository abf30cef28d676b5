using System.Text.Json.Nodes;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>The README's test example, kept here word for word so the README stays true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task Greeting_workflow_completes()
    {
        await using var server = await ConductorTestServer.StartAsync();
        server.RegisterTaskDefs(new TaskDef { Name = "greet", RetryCount = 0 });
        server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "greeting",
            Tasks = [new WorkflowTask { Name = "greet", TaskReferenceName = "greet",
                                        InputParameters = new() { ["name"] = "${workflow.input.name}" } }],
        });
        // The worker under test; ConductorWorkers.All runs every worker of the assembly.
        await using var host = new ConductorWorkerHost(new() { ServerUrl = server.ApiUrl }, [ConductorWorkers.Greet]);
        await host.StartAsync(CancellationToken.None);

        var workflowId = server.StartWorkflow("greeting", new JsonObject { ["name"] = "Ada" });
        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(30));

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal("Hello Ada!", (string?)workflow.Tasks[0].OutputData["message"]);
    }
}
