using System.Text.Json.Nodes;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>
/// The runtime against a server from before update-v2 (the test server's legacy switch): empty
/// batch polls answer 204 and <c>POST /api/tasks/update-v2</c> does not exist. The runtime must
/// treat 204 as "no work", fall back to <c>POST /api/tasks</c> and still complete every workflow.
/// </summary>
public sealed class LegacyServerEndToEndTests
{
    [Fact]
    public async Task Against_an_older_server_results_fall_back_to_POST_tasks_and_every_workflow_completes()
    {
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { Compatibility = ServerCompatibility.Legacy });
        server.RegisterTaskDefs(new TaskDef { Name = "e2e_count", RetryCount = 0, ResponseTimeoutSeconds = 30 });
        server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "e2e_legacy",
            Tasks = [new WorkflowTask { Name = "e2e_count", TaskReferenceName = "count", InputParameters = new() { ["count"] = "${workflow.input.count}" } }],
        });
        await using var host = new ConductorWorkerHost(new() { ServerUrl = server.ApiUrl, WorkerId = "legacy-worker" }, [ConductorWorkers.Count]);
        await host.StartAsync(CancellationToken.None);

        // An idle poll first: the legacy server answers it 204 with no body.
        await WaitUntilAsync(() => server.GetRequestCount("GET /api/tasks/poll/batch/e2e_count") >= 2);
        var ids = Enumerable.Range(1, 5).Select(i => server.StartWorkflow("e2e_legacy", new JsonObject { ["count"] = i })).ToList();
        var workflows = await Task.WhenAll(ids.Select(id => server.WaitForWorkflowAsync(id, TimeSpan.FromSeconds(60))));

        Assert.All(workflows, workflow => Assert.Equal(WorkflowStatus.Completed, workflow.Status));
        Assert.Equal([1, 2, 3, 4, 5], workflows.Select(workflow => (int)workflow.Tasks[0].OutputData["result"]!));
        Assert.InRange(server.GetRequestCount("POST /api/tasks/update-v2"), 1, 5);
        Assert.Equal(5, server.GetRequestCount("POST /api/tasks"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(20);
        }
    }
}
