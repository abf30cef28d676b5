using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// What the sub-workflow scenarios share: register and start over HTTP as the Java client does,
/// read a run back (with its tasks), wait for a state the server reaches on its own, and report a
/// task's result as a worker would.
/// </summary>
public abstract class SubWorkflowScenarioBase : ServerTestBase
{
    protected SubWorkflowScenarioBase(bool useFakeClock = false)
        : base(useFakeClock)
    {
    }

    /// <summary><c>PUT /api/metadata/workflow</c> (MetadataClient#updateWorkflowDefs): a list of definitions.</summary>
    protected async Task UpdateWorkflowDefsAsync(params string[] definitionsJson)
    {
        using var response = await PutAsync("metadata/workflow", "[" + string.Join(",", definitionsJson) + "]");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary><c>POST /api/metadata/taskdefs</c> (MetadataClient#registerTaskDefs).</summary>
    protected async Task RegisterTaskDefsAsync(params string[] names)
    {
        var body = "[" + string.Join(",", names.Select(name => $$"""{"name":"{{name}}","retryCount":0}""")) + "]";
        using var response = await PostAsync("metadata/taskdefs", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary><c>POST /api/workflow</c> with a StartWorkflowRequest; the new run's id.</summary>
    protected async Task<string> StartWorkflowAsync(string requestJson)
    {
        using var response = await PostAsync("workflow", requestJson);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    /// <summary><c>GET /api/workflow/{id}?includeTasks=true</c>.</summary>
    protected Task<JsonNode> WorkflowAsync(string workflowId) => GetJsonAsync($"workflow/{workflowId}?includeTasks=true");

    /// <summary>Reads the run until <paramref name="condition"/> holds (the server may still be deciding it).</summary>
    protected async Task<JsonNode> WorkflowWhenAsync(string workflowId, Func<JsonNode, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var workflow = await WorkflowAsync(workflowId);
            if (condition(workflow))
            {
                return workflow;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}; last read: {workflow.ToJsonString()}");
            }

            await Task.Delay(20);
        }
    }

    protected Task<JsonNode> WorkflowWithStatusAsync(string workflowId, string status) =>
        WorkflowWhenAsync(workflowId, workflow => (string?)workflow["status"] == status, $"{workflowId} {status}");

    protected static JsonArray Tasks(JsonNode workflow) => workflow["tasks"]!.AsArray();

    protected static JsonNode TaskAt(JsonNode workflow, int index) => Tasks(workflow)[index]!;

    protected static string? StatusAt(JsonNode workflow, int index) => (string?)TaskAt(workflow, index)["status"];

    protected static JsonNode TaskByRef(JsonNode workflow, string referenceName) =>
        Tasks(workflow).Single(task => (string?)task!["referenceTaskName"] == referenceName)!;

    /// <summary>
    /// <c>POST /api/tasks</c> with a TaskResult naming <paramref name="workflowId"/> and
    /// <paramref name="taskId"/>, as the e2e tests report results (TaskClient#updateTask).
    /// </summary>
    protected async Task UpdateTaskAsync(string workflowId, string taskId, string status = "COMPLETED", string outputJson = "{}")
    {
        using var response = await PostAsync("tasks", $$"""{"workflowInstanceId":"{{workflowId}}","taskId":"{{taskId}}","status":"{{status}}","outputData":{{outputJson}}}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
