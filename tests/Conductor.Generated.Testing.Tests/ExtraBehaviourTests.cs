using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Testing.Tests;

public sealed class ExtraBehaviourTests : ServerTestBase
{
    // Real server: ParametersUtils.java#getTaskInputV2 (workflow and task fields in the input context).
    [Fact]
    public async Task Expressions_can_read_workflow_and_task_fields_besides_input_and_output()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "a" }, new TaskDef { Name = "b" });
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "fields",
            Tasks =
            [
                new WorkflowTask { Name = "a", TaskReferenceName = "a_ref" },
                new WorkflowTask
                {
                    Name = "b",
                    TaskReferenceName = "b_ref",
                    InputParameters = new JsonObject
                    {
                        ["workflowId"] = "${workflow.workflowId}",
                        ["correlationId"] = "${workflow.correlationId}",
                        ["previousTaskId"] = "${a_ref.taskId}",
                        ["previousStatus"] = "${a_ref.status}",
                        ["previousWorker"] = "${a_ref.workerId}",
                    },
                },
            ],
        });
        var workflowId = Server.StartWorkflow("fields", correlationId: "corr");
        var first = await PollTaskAsync("a", workerId: "first-worker");
        await CompleteAsync(first);

        var input = (await PollTaskAsync("b"))["inputData"]!;
        Assert.Equal(workflowId, (string?)input["workflowId"]);
        Assert.Equal("corr", (string?)input["correlationId"]);
        Assert.Equal((string?)first["taskId"], (string?)input["previousTaskId"]);
        Assert.Equal("COMPLETED", (string?)input["previousStatus"]);
        Assert.Equal("worker-1", (string?)input["previousWorker"]); // the worker that reported the result
    }

    // Real server: ParametersUtils.java#getTaskInputV2 (inputTemplate putIfAbsent, and for null values).
    [Fact]
    public async Task Task_definition_input_template_fills_missing_and_null_inputs()
    {
        Server.RegisterTaskDefs(new TaskDef
        {
            Name = "templated",
            InputTemplate = new JsonObject { ["region"] = "eu", ["size"] = 10, ["color"] = "red" },
        });
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "template_flow",
            Tasks =
            [
                new WorkflowTask
                {
                    Name = "templated",
                    TaskReferenceName = "t",
                    InputParameters = new JsonObject { ["size"] = "${workflow.input.size}", ["color"] = "${workflow.input.color}" },
                },
            ],
        });
        Server.StartWorkflow("template_flow", new JsonObject { ["size"] = 3 });

        var input = (await PollTaskAsync("templated"))["inputData"]!;
        Assert.Equal("eu", (string?)input["region"]);
        Assert.Equal(3, (int)input["size"]!);
        Assert.Equal("red", (string?)input["color"]);
    }

    // Real server: StartWorkflowInput.java (its constructor takes startWorkflowRequest.getWorkflowDef()); WorkflowResource.java#startWorkflow.
    [Fact]
    public async Task Start_request_may_carry_its_own_workflow_definition()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "inline_step" });
        using var start = await PostAsync("workflow", """
            { "name": "inline", "input": { "v": 1 },
              "workflowDef": { "name": "inline", "version": 1,
                "tasks": [ { "name": "inline_step", "taskReferenceName": "s", "inputParameters": { "v": "${workflow.input.v}" } } ] } }
            """);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);

        var task = await PollTaskAsync("inline_step");
        Assert.Equal(1, (int)task["inputData"]!["v"]!);
        await CompleteAsync(task, """{ "done": true }""");
        var workflow = await Server.WaitForWorkflowAsync(await start.Content.ReadAsStringAsync(), Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
    }

    // Differs from the real server: only SIMPLE tasks run here; see docs/test-server.md.
    [Fact]
    public async Task Start_request_with_an_unsupported_inline_definition_is_refused()
    {
        using var start = await PostAsync("workflow", """
            { "name": "inline", "workflowDef": { "name": "inline", "tasks": [ { "name": "x", "taskReferenceName": "x", "type": "HTTP" } ] } }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
    }

    // Real server: DeciderService.java#decide and #retry (CANCELED is not retriable).
    [Fact]
    public async Task A_task_canceled_by_its_worker_terminates_the_workflow()
    {
        RegisterSequence("cancelable", "gives_up");
        var workflowId = Server.StartWorkflow("cancelable");

        using var response = await ReportAsync(await PollTaskAsync("gives_up"), "CANCELED");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WorkflowStatus.Terminated, Server.GetWorkflow(workflowId)!.Status);
    }

    // Real server: ExecutionService.java#poll; TaskResource.java#updateTaskV2.
    [Fact]
    public async Task Concurrent_workers_complete_every_step_of_every_workflow_exactly_once()
    {
        const int workflowCount = 30;
        RegisterSequence("busy", "stage_one", "stage_two");
        var workflowIds = Enumerable.Range(0, workflowCount).Select(index => Server.StartWorkflow("busy", new JsonObject { ["n"] = index })).ToList();
        var executions = new ConcurrentDictionary<string, int>();

        async Task WorkAsync(string taskType, int worker)
        {
            using var client = new HttpClient { BaseAddress = Server.ApiUrl, Timeout = Patience };
            while (workflowIds.Any(id => !Server.GetWorkflow(id)!.Status.IsTerminal()))
            {
                var body = await client.GetStringAsync($"tasks/poll/batch/{taskType}?workerid={taskType}-{worker}&count=3&timeout=100");
                foreach (var task in JsonNode.Parse(body)!.AsArray())
                {
                    executions.AddOrUpdate($"{task!["workflowInstanceId"]}/{task["referenceTaskName"]}", 1, (_, count) => count + 1);
                    var result = $$"""
                        { "workflowInstanceId": "{{task["workflowInstanceId"]}}", "taskId": "{{task["taskId"]}}", "workerId": "{{taskType}}-{{worker}}",
                          "status": "COMPLETED", "outputData": { "n": {{task["inputData"]!["n"]?.ToJsonString() ?? "null"}} } }
                        """;
                    using var response = await client.PostAsync("tasks/update-v2", Json(result));
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"update-v2 answered {response.StatusCode}");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        // The next task handed out with the answer is this worker's: complete it too.
                        var next = await ReadJsonAsync(response);
                        executions.AddOrUpdate($"{next["workflowInstanceId"]}/{next["referenceTaskName"]}", 1, (_, count) => count + 1);
                        using var nextResponse = await client.PostAsync("tasks", Json($$"""
                            { "workflowInstanceId": "{{next["workflowInstanceId"]}}", "taskId": "{{next["taskId"]}}", "status": "COMPLETED", "outputData": {} }
                            """));
                        Assert.Equal(HttpStatusCode.OK, nextResponse.StatusCode);
                    }
                }
            }
        }

        var workers = Enumerable.Range(0, 3).SelectMany(worker => new[] { WorkAsync("stage_one", worker), WorkAsync("stage_two", worker) });
        await Task.WhenAll(workers).WaitAsync(Patience);

        Assert.All(workflowIds, id => Assert.Equal(WorkflowStatus.Completed, Server.GetWorkflow(id)!.Status));
        Assert.Equal(workflowCount * 2, executions.Count);
        Assert.All(executions.Values, count => Assert.Equal(1, count));
    }

    // Test server only.
    [Fact]
    public async Task The_logger_factory_option_receives_the_servers_messages()
    {
        var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { LoggerFactory = loggerFactory });
        server.RegisterTaskDefs(new TaskDef { Name = "logged" });
        server.RegisterWorkflowDef(new WorkflowDef { Name = "logged_flow", Tasks = [new WorkflowTask { Name = "logged", TaskReferenceName = "l" }] });

        var workflowId = server.StartWorkflow("logged_flow");

        Assert.Contains(provider.Messages, message => message.Contains($"Workflow {workflowId} (logged_flow v1) started", StringComparison.Ordinal));
        Assert.Contains(provider.Messages, message => message.Contains("listening on http://127.0.0.1:", StringComparison.Ordinal));
    }

    // Test server only.
    [Fact]
    public async Task The_end_of_a_workflow_is_logged_with_a_reason_only_when_it_has_one()
    {
        var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Information));
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { LoggerFactory = loggerFactory });
        server.RegisterTaskDefs(new TaskDef { Name = "logged" });
        server.RegisterWorkflowDef(new WorkflowDef { Name = "logged_flow", Tasks = [new WorkflowTask { Name = "logged", TaskReferenceName = "l" }] });
        server.RegisterWorkflowDef(new WorkflowDef { Name = "quick_flow", Tasks = [new WorkflowTask { Name = "set", TaskReferenceName = "set", Type = "SET_VARIABLE" }] });
        var completedId = server.StartWorkflow("quick_flow");
        var terminatedId = server.StartWorkflow("logged_flow");
        using var client = new HttpClient();

        using var terminated = await client.DeleteAsync($"{server.ServerUrl}/workflow/{terminatedId}?reason=no%20longer%20wanted");

        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        Assert.Equal(WorkflowStatus.Completed, (await server.WaitForWorkflowAsync(completedId, Patience)).Status);

        Assert.Contains($"Workflow {completedId} ended COMPLETED", provider.Messages);
        Assert.DoesNotContain(provider.Messages, message => message.StartsWith($"Workflow {completedId} ended COMPLETED:", StringComparison.Ordinal));
        Assert.Contains($"Workflow {terminatedId} ended TERMINATED: no longer wanted", provider.Messages);
    }

    // Test server only.
    [Fact]
    public async Task A_fixed_port_is_used_when_given()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { Port = port });

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/api/"), server.ApiUrl);
        using var client = new HttpClient();
        Assert.Equal("[]", await client.GetStringAsync($"{server.ServerUrl}/metadata/taskdefs"));
    }

    // Test server only.
    [Fact]
    public async Task Waiting_for_a_workflow_can_be_canceled()
    {
        RegisterSequence("waited", "slow_step");
        var workflowId = Server.StartWorkflow("waited");
        using var cancellation = new CancellationTokenSource();

        var wait = Server.WaitForWorkflowAsync(workflowId, Patience, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
