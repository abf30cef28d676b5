using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The calls the real server's e2e suite makes through the Java client, over HTTP: MetadataClient
/// (<c>POST /metadata/taskdefs</c>, <c>PUT /metadata/workflow</c>), WorkflowClient
/// (<c>POST /workflow</c>, <c>GET /workflow/{id}?includeTasks=true</c>) and TaskClient (batch poll,
/// <c>POST /tasks</c>). The e2e files live in conductor-oss under
/// <c>e2e/src/test/java/io/conductor/e2e/</c>; each test names the one it follows.
/// </summary>
public abstract class ScenarioTestBase(bool useFakeClock = false) : ServerTestBase(useFakeClock)
{
    /// <summary>MetadataClient#registerTaskDefs.</summary>
    protected async Task RegisterTaskDefsAsync(string jsonArray)
    {
        using var response = await PostAsync("metadata/taskdefs", jsonArray);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>MetadataClient#updateWorkflowDefs: registers or replaces.</summary>
    protected async Task UpdateWorkflowDefAsync(string workflowDefJson)
    {
        using var response = await PutAsync("metadata/workflow", $"[{workflowDefJson}]");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>WorkflowClient#startWorkflow with a StartWorkflowRequest; the new workflow's id.</summary>
    protected async Task<string> StartWorkflowAsync(string requestJson)
    {
        using var response = await PostAsync("workflow", requestJson);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    /// <summary>WorkflowClient#getWorkflow(id, includeTasks: true).</summary>
    protected Task<JsonNode> GetWorkflowAsync(string workflowId) => GetJsonAsync($"workflow/{workflowId}?includeTasks=true");

    /// <summary>Reads the workflow until <paramref name="condition"/> holds (the e2e suite's await().untilAsserted).</summary>
    protected async Task<JsonNode> UntilWorkflowAsync(string workflowId, Func<JsonNode, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var workflow = await GetWorkflowAsync(workflowId);
            if (condition(workflow))
            {
                return workflow;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}; last seen {workflow.ToJsonString()}");
            }

            await Task.Delay(20);
        }
    }

    protected Task<JsonNode> UntilStatusAsync(string workflowId, string status) =>
        UntilWorkflowAsync(workflowId, workflow => (string?)workflow["status"] == status, $"workflow {workflowId} {status}");

    protected static JsonArray Tasks(JsonNode workflow) => workflow["tasks"]!.AsArray();

    protected static string? Status(JsonNode? node) => (string?)node?["status"];

    /// <summary>One batch poll without waiting; the task handed out or null.</summary>
    protected async Task<JsonNode?> PollNowAsync(string taskType, string workerId = "worker-1")
    {
        var tasks = await BatchPollAsync(taskType, workerId, count: 1, timeoutMs: 0);
        return tasks.Count > 0 ? tasks[0] : null;
    }

    /// <summary>
    /// With the fake clock: polls, and moves the clock on by <paramref name="step"/> until a task
    /// is handed out; the task and the clock's milliseconds since <paramref name="since"/> when it was.
    /// </summary>
    protected async Task<(JsonNode Task, long WaitedMs)> PollAdvancingAsync(string taskType, long since, TimeSpan step, TimeSpan ceiling)
    {
        var clock = Clock ?? throw new InvalidOperationException("The test runs without a fake clock");
        var end = clock.GetUtcNow() + ceiling;
        while (clock.GetUtcNow() <= end)
        {
            if (await PollNowAsync(taskType) is { } task)
            {
                return (task, clock.GetUtcNow().ToUnixTimeMilliseconds() - since);
            }

            clock.Advance(step);
        }

        throw new TimeoutException($"No {taskType} task was handed out within {ceiling} of the fake clock");
    }

    /// <summary>TaskClient#updateTask with FAILED and a reason.</summary>
    protected async Task FailAsync(JsonNode task, string reason = "failed by the test")
    {
        using var response = await ReportAsync(task, "FAILED", extraJson: $"\"reasonForIncompletion\":\"{reason}\"");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
