using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Conductor.Generated.Testing.Tests;

// Each test names, in a "Real server:" comment, where the open-source server
// (github.com/conductor-oss/conductor) implements the behaviour it pins down, as File.java#method.
// The files live at:
//   TaskResource, WorkflowResource, MetadataResource, ApplicationExceptionMapper,
//   ValidationExceptionMapper        rest/src/main/java/com/netflix/conductor/rest/controllers/
//   RequestMappingConstants          rest/src/main/java/com/netflix/conductor/rest/config/
//   ExecutionService, TaskServiceImpl, WorkflowServiceImpl, MetadataServiceImpl
//                                    core/src/main/java/com/netflix/conductor/service/
//   WorkflowExecutorOps, DeciderService, StartWorkflowInput
//                                    core/src/main/java/com/netflix/conductor/core/execution/
//   ExecutionDAOFacade               core/src/main/java/com/netflix/conductor/core/dal/
//   ParametersUtils, QueueUtils      core/src/main/java/com/netflix/conductor/core/utils/
//   MetadataMapperService            core/src/main/java/com/netflix/conductor/core/metadata/
//   QueueDAO                         core/src/main/java/com/netflix/conductor/dao/
//   WorkflowTaskTypeConstraint       core/src/main/java/com/netflix/conductor/validations/
//   Task, TaskResult, TaskDef        common/src/main/java/com/netflix/conductor/common/metadata/tasks/
//   WorkflowDef, StartWorkflowRequest common/src/main/java/com/netflix/conductor/common/metadata/workflow/
//   TaskTimeoutConstraint            common/src/main/java/com/netflix/conductor/common/constraints/
//   ObjectMapperProvider             common/src/main/java/com/netflix/conductor/common/config/
// "Test server only" marks what the real server has no counterpart for; "Differs from the real
// server" marks a deliberate difference, listed in docs/test-server.md.

/// <summary>
/// A fresh server per test (xunit creates one instance per test) and an HttpClient against it,
/// with the few calls every test needs. Tests speak HTTP and read raw JSON, as a worker would.
/// </summary>
public abstract class ServerTestBase : IAsyncLifetime
{
    /// <summary>Generous: the machine is small and shared.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly bool _useFakeClock;

    protected ServerTestBase(bool useFakeClock = false)
    {
        _useFakeClock = useFakeClock;
    }

    protected ConductorTestServer Server { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    /// <summary>Set when the test asked for a fake clock; starts at a fixed instant.</summary>
    protected FakeTimeProvider? Clock { get; private set; }

    public async Task InitializeAsync()
    {
        var options = new ConductorTestServerOptions();
        if (_useFakeClock)
        {
            Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            options.TimeProvider = Clock;
        }

        Configure(options);
        Server = await ConductorTestServer.StartAsync(options);
        Http = new HttpClient { BaseAddress = Server.ApiUrl, Timeout = Patience };
    }

    /// <summary>Changes the options of the test's server before it starts.</summary>
    protected virtual void Configure(ConductorTestServerOptions options)
    {
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected Task<HttpResponseMessage> PostAsync(string path, string json) => Http.PostAsync(path, Json(json));

    protected Task<HttpResponseMessage> PutAsync(string path, string json) => Http.PutAsync(path, Json(json));

    protected static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"Expected JSON, got '{text}'");
    }

    protected async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>Registers task definitions without retry delay and a workflow running them in order.</summary>
    protected void RegisterSequence(string workflowName, params string[] taskNames)
    {
        Server.RegisterTaskDefs([.. taskNames.Select(name => new TaskDef { Name = name, RetryDelaySeconds = 0 })]);
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = workflowName,
            Tasks = [.. taskNames.Select(name => new WorkflowTask { Name = name, TaskReferenceName = name + "_ref" })],
        });
    }

    /// <summary>One batch poll; the tasks handed out (possibly none).</summary>
    protected async Task<JsonArray> BatchPollAsync(string taskType, string workerId = "worker-1", int count = 1, int timeoutMs = 0, string? domain = null)
    {
        var query = $"tasks/poll/batch/{taskType}?workerid={workerId}&count={count}&timeout={timeoutMs}" + (domain is null ? "" : $"&domain={domain}");
        var body = await GetJsonAsync(query);
        return body.AsArray();
    }

    /// <summary>Polls until a task of the type is handed out (the engine may still be scheduling it).</summary>
    protected async Task<JsonNode> PollTaskAsync(string taskType, string workerId = "worker-1", string? domain = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var tasks = await BatchPollAsync(taskType, workerId, count: 1, timeoutMs: 1000, domain: domain);
            if (tasks.Count > 0)
            {
                return tasks[0]!;
            }
        }

        throw new TimeoutException($"No {taskType} task was handed out");
    }

    protected async Task<HttpResponseMessage> ReportAsync(JsonNode task, string status, string outputJson = "{}", string extraJson = "")
    {
        var body = $$"""
            {
              "workflowInstanceId": "{{task["workflowInstanceId"]}}",
              "taskId": "{{task["taskId"]}}",
              "workerId": "worker-1",
              "status": "{{status}}",
              "outputData": {{outputJson}}{{(extraJson.Length > 0 ? "," + extraJson : "")}}
            }
            """;
        return await PostAsync("tasks", body);
    }

    protected async Task CompleteAsync(JsonNode task, string outputJson = "{}")
    {
        using var response = await ReportAsync(task, "COMPLETED", outputJson);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Waits for a condition that the server reaches on its own, checking every few milliseconds.</summary>
    protected static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Registers (or replaces) a workflow definition given as the JSON an SDK sends.</summary>
    protected async Task RegisterAsync(string definitionJson)
    {
        using var response = await PostAsync("metadata/workflow?overwrite=true", definitionJson);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Starts the latest version of a registered workflow; its id.</summary>
    protected async Task<string> StartAsync(string name, string inputJson)
    {
        using var response = await PostAsync("workflow", $$"""{"name":"{{name}}","input":{{inputJson}}}""");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    /// <summary>Waits until the workflow ends and reads it back with its tasks.</summary>
    protected async Task<JsonNode> EndedAsync(string workflowId)
    {
        await Server.WaitForWorkflowAsync(workflowId, Patience);
        return await GetJsonAsync($"workflow/{workflowId}");
    }

    protected static void AssertError(JsonNode error, int status, string message)
    {
        Assert.Equal(status, (int)error["status"]!);
        Assert.Equal(message, (string?)error["message"]);
        Assert.False((bool)error["retryable"]!);
        Assert.False(string.IsNullOrEmpty((string?)error["instance"]));
    }
}
