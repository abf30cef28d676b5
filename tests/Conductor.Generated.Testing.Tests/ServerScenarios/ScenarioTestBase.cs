using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// What the e2e scenarios do again and again over HTTP, as the Java client does it: MetadataClient
/// (<c>POST /metadata/taskdefs</c>, <c>PUT /metadata/workflow</c>), WorkflowClient (<c>POST /workflow</c>,
/// <c>GET /workflow/{id}</c>) and TaskClient (batch poll, <c>POST /tasks</c>, update by reference name,
/// <c>updateTaskSync</c>). The e2e files live in conductor-oss under <c>e2e/src/test/java/io/conductor/e2e/</c>;
/// each test names the one it follows.
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

    protected static string? Status(JsonNode? task) => (string?)task?["status"];

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

    /// <summary>MetadataClient#registerTaskDefs.</summary>
    protected async Task RegisterTaskDefsAsync(string jsonArray)
    {
        using var response = await PostAsync("metadata/taskdefs", jsonArray);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>MetadataClient#registerTaskDefs with definitions of these names and no retries.</summary>
    protected Task RegisterTaskNamesAsync(params string[] names) =>
        RegisterTaskDefsAsync("[" + string.Join(",", names.Distinct().Select(name => $$"""{"name":"{{name}}","retryCount":0,"ownerEmail":"test@conductor.io"}""")) + "]");

    /// <summary>TaskClient#updateTask: <c>POST /api/tasks</c> with a TaskResult naming the run and the task.</summary>
    protected async Task UpdateTaskAsync(string workflowId, string taskId, string status = "COMPLETED", string outputJson = "{}", string? reason = null)
    {
        var body = $$"""
            {"workflowInstanceId":"{{workflowId}}","taskId":"{{taskId}}","status":"{{status}}","outputData":{{outputJson}}{{(reason is null ? "" : $",\"reasonForIncompletion\":\"{reason}\"")}}}
            """;
        using var response = await PostAsync("tasks", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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



    protected Task<JsonNode> UntilStatusAsync(string workflowId, string status) =>
        UntilAsync(workflowId, workflow => (string?)workflow["status"] == status, $"workflow {workflowId} {status}");



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

    private static bool IsPending(JsonNode task) => Status(task) is "SCHEDULED" or "IN_PROGRESS";

    /// <summary>TaskUtils#removeIterationFromTaskRefName: <c>ref__3</c> is <c>ref</c>.</summary>
    private static string WithoutIteration(string referenceName) => IterationSuffix().Replace(referenceName, "");

    [GeneratedRegex("__\\d+$")]
    private static partial Regex IterationSuffix();
}
