using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// What the e2e scenarios do again and again over HTTP: read a run's tasks, wait for a task to be
/// pending, and update it by reference name as the Java client's <c>updateTask</c> and
/// <c>updateTaskSync</c> do.
/// </summary>
public abstract partial class ScenarioTestBase : ServerTestBase
{
    protected ScenarioTestBase(bool useFakeClock = false)
        : base(useFakeClock)
    {
    }

    /// <summary>The run's tasks in order (<c>GET /workflow/{id}?includeTasks=true</c>).</summary>
    protected static List<JsonNode> Tasks(JsonNode workflow) => [.. workflow["tasks"]!.AsArray().Select(task => task!)];

    /// <summary>The last task with this exact reference name, as <c>Workflow#getTaskByRefName</c> finds it; null if none.</summary>
    protected static JsonNode? ByRef(JsonNode workflow, string referenceName) =>
        Tasks(workflow).LastOrDefault(task => (string?)task["referenceTaskName"] == referenceName);

    protected static string Status(JsonNode task) => (string)task["status"]!;

    protected Task<JsonNode> WorkflowAsync(string workflowId) => GetJsonAsync($"workflow/{workflowId}");

    /// <summary>Reads the run until the condition holds (the server may still be deciding), with a long ceiling.</summary>
    protected async Task<JsonNode> UntilAsync(string workflowId, Func<JsonNode, bool> condition, string what)
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
                throw new TimeoutException($"Timed out waiting for: {what}; the run is {workflow.ToJsonString()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for a pending (not terminal) task with this reference name, or with it plus an iteration suffix.</summary>
    protected async Task<JsonNode> PendingAsync(string workflowId, string referenceName)
    {
        JsonNode? found = null;
        await UntilAsync(
            workflowId,
            workflow => (found = Tasks(workflow).FirstOrDefault(task => IsPending(task) && WithoutIteration((string)task["referenceTaskName"]!) == referenceName)) is not null,
            $"a pending {referenceName}");
        return found!;
    }

    /// <summary><c>POST /tasks/{workflowId}/{ref}/{status}/sync</c>: the Java client's <c>updateTaskSync</c>; the run after the update.</summary>
    protected async Task<JsonNode> UpdateSyncAsync(string workflowId, string referenceName, string status, string outputJson = "{}")
    {
        using var response = await PostAsync($"tasks/{workflowId}/{referenceName}/{status}/sync", outputJson);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary><c>POST /tasks</c> with the task's id, as the Java client's <c>updateTask(TaskResult)</c>.</summary>
    protected async Task UpdateAsync(JsonNode task, string status, string outputJson = "{}")
    {
        using var response = await ReportAsync(task, status, outputJson);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static bool IsPending(JsonNode task) => Status(task) is "SCHEDULED" or "IN_PROGRESS";

    /// <summary>TaskUtils#removeIterationFromTaskRefName: <c>ref__3</c> is <c>ref</c>.</summary>
    private static string WithoutIteration(string referenceName) => IterationSuffix().Replace(referenceName, "");

    [GeneratedRegex("__\\d+$")]
    private static partial Regex IterationSuffix();
}
