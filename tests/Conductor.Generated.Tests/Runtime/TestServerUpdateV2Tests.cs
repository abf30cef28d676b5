using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using TestServerModel = Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>Result delivery through update-v2 against the Conductor-compatible test server.</summary>
public sealed class TestServerUpdateV2Tests
{
    [Fact]
    public async Task Queued_tasks_run_one_after_another_through_update_v2_answers_after_a_single_poll_brought_the_first()
    {
        const string taskType = "v2_chain";
        const int workflows = 5;
        await using var server = await ConductorTestServer.StartAsync();
        server.RegisterTaskDefs(new TestServerModel.TaskDef
        {
            Name = taskType,
            RetryCount = 0,
            ResponseTimeoutSeconds = 30,
            OwnerEmail = "tests@example.com",
        });
        server.RegisterWorkflowDef(new TestServerModel.WorkflowDef
        {
            Name = "v2_chain_workflow",
            Version = 1,
            OwnerEmail = "tests@example.com",
            Tasks = [new TestServerModel.WorkflowTask { Name = taskType, TaskReferenceName = "step", InputParameters = new JsonObject { ["n"] = "${workflow.input.n}" } }],
        });
        var workflowIds = Enumerable.Range(1, workflows)
            .Select(n => server.StartWorkflow("v2_chain_workflow", new JsonObject { ["n"] = n }))
            .ToList();

        var recorder = new RecordingHandler();
        using var httpClient = new HttpClient(recorder);
        var worker = WorkerHostFixture.Worker(
            taskType,
            (context, _) => ValueTask.FromResult(WorkerHostFixture.Output($$"""{"doubled":{{context.Input.GetProperty("n").GetInt32() * 2}}}""")));
        await using (var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "v2-worker", HttpClient = httpClient }, [worker]))
        {
            await host.StartAsync(CancellationToken.None);
            for (var index = 0; index < workflows; index++)
            {
                var workflow = await server.WaitForWorkflowAsync(workflowIds[index], TimeSpan.FromSeconds(60));
                Assert.Equal(TestServerModel.WorkflowStatus.Completed, workflow.Status);
                Assert.Equal((index + 1) * 2, (int?)workflow.Tasks[0].OutputData["doubled"]);
                Assert.Equal("v2-worker", workflow.Tasks[0].WorkerId);
            }
        }

        var updates = recorder.Exchanges.Where(exchange => exchange.Path == "/api/tasks/update-v2").ToList();
        Assert.Equal(workflows, updates.Count);
        Assert.DoesNotContain(recorder.Exchanges, exchange => exchange is { Method: "POST", Path: "/api/tasks" });
        // All five were queued before the host started: one poll (for one task, concurrency 1)
        // brought the first, and each answer but the last brought the next.
        Assert.Equal(workflows - 1, updates.Count(exchange => exchange.Status == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.NoContent, updates[^1].Status);
    }

    private sealed record Exchange(string Method, string Path, HttpStatusCode Status);

    /// <summary>Records the method, path and answer status of every request the host sends.</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly ConcurrentQueue<Exchange> _exchanges = new();

        public IReadOnlyList<Exchange> Exchanges => [.. _exchanges];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            _exchanges.Enqueue(new Exchange(request.Method.Method, request.RequestUri!.AbsolutePath, response.StatusCode));
            return response;
        }
    }
}
