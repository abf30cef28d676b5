using System.Text.Json.Nodes;
using Conductor.Generated.Interop.Tests.JavaScriptWorker;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Interop.Tests;

/// <summary>
/// The official Conductor JavaScript SDK, a client no one here wrote, and this project's
/// generated workers share workflows on the test server: each side polls, executes and
/// reports its own tasks, and the server chains their outputs.
/// </summary>
[Collection(JavaScriptSdkTestGroup.Name)]
public sealed class JavaScriptSdkInteropTests() : InteropTestBase(ServerCompatibility.Current)
{
    [Fact]
    public async Task A_workflow_chains_JavaScript_and_generated_workers_through_input_expressions()
    {
        RegisterChainWorkflow();
        await StartJavaScriptWorkerAsync();

        var workflow = await RunAsync(Server.StartWorkflow("interop_chain", new JsonObject { ["text"] = "hello from both sides" }));

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(["js_echo", "interop_shout", "js_sign"], workflow.Tasks.Select(task => task.TaskType));
        var (echo, shout, sign) = (workflow.Tasks[0], workflow.Tasks[1], workflow.Tasks[2]);

        Assert.Equal("hello from both sides", (string?)echo.OutputData["echoed"]);
        Assert.Equal(echo.TaskId, (string?)echo.OutputData["taskId"]);
        Assert.Equal(workflow.WorkflowId, (string?)echo.OutputData["workflowId"]);

        Assert.Equal("hello from both sides", (string?)shout.InputData["text"]);
        Assert.Equal("HELLO FROM BOTH SIDES!", (string?)shout.OutputData["message"]);
        Assert.Equal(4, (int?)shout.OutputData["wordCount"]);
        Assert.Contains(Server.GetTaskLogs(shout.TaskId), log => log.Log == "shouting 4 words");

        Assert.Equal("HELLO FROM BOTH SIDES! -- signed by js-interop-worker", (string?)sign.OutputData["signed"]);
        Assert.Equal("HELLO FROM BOTH SIDES! -- signed by js-interop-worker", (string?)workflow.Output["result"]);
        Assert.Equal(4, (int?)workflow.Output["words"]);

        Assert.Equal([JavaScriptWorkerId, DotNetWorkerId, JavaScriptWorkerId], workflow.Tasks.Select(task => task.WorkerId));
    }

    [Fact]
    public async Task The_JavaScript_SDK_clients_register_start_and_read_a_workflow_that_both_sides_run()
    {
        await StartJavaScriptWorkerAsync();

        var result = await JavaScriptClient.RunAsync(Server.ApiUrl, "driven from javascript");

        Assert.Contains("Workflow with interop_sdk_client.1 already exists!", (string?)result["secondRegistration"], StringComparison.Ordinal);
        Assert.Equal(30, (int?)result["readTaskDef"]!["responseTimeoutSeconds"]);
        Assert.Equal(2, result["readWorkflowDef"]!["tasks"]!.AsArray().Count);

        var seenByClient = result["workflow"]!;
        Assert.Equal("COMPLETED", (string?)seenByClient["status"]);
        Assert.Equal("interop-correlation", (string?)seenByClient["correlationId"]);
        Assert.Equal("DRIVEN FROM JAVASCRIPT!", (string?)seenByClient["output"]!["shouted"]);
        Assert.Equal(3, (int?)seenByClient["output"]!["wordCount"]);
        Assert.Equal(
            [JavaScriptWorkerId, DotNetWorkerId],
            seenByClient["tasks"]!.AsArray().Select(task => (string?)task!["workerId"]));

        var onServer = Server.GetWorkflow((string)result["workflowId"]!)!;
        Assert.Equal(WorkflowStatus.Completed, onServer.Status);
        Assert.Equal("driven from javascript", (string?)onServer.Input["text"]);

        // Every request of the SDK's clients and workers succeeded, but the deliberate conflict.
        var failures = RequestLog.Requests.Where(request => request.StatusCode >= 300).Select(request => request.ToString());
        Assert.Equal(["POST /api/metadata/workflow?overwrite=false -> 409 application/json"], failures);
    }

    [Fact]
    public async Task Many_workflows_each_get_their_tasks_from_the_worker_that_polls_for_that_type()
    {
        RegisterChainWorkflow();
        await StartJavaScriptWorkerAsync();

        var texts = Enumerable.Range(1, 10).Select(i => $"order {i} " + string.Concat(Enumerable.Repeat("x ", i))).ToList();
        var ids = texts.Select(text => Server.StartWorkflow("interop_chain", new JsonObject { ["text"] = text })).ToList();
        var workflows = await Task.WhenAll(ids.Select(RunAsync));

        Assert.All(workflows.Zip(texts), pair =>
        {
            var (workflow, text) = pair;
            Assert.Equal(WorkflowStatus.Completed, workflow.Status);
            Assert.Equal(text.ToUpperInvariant() + "! -- signed by js-interop-worker", (string?)workflow.Output["result"]);
            Assert.All(workflow.Tasks, task => Assert.Equal(
                task.TaskType.StartsWith("js_", StringComparison.Ordinal) ? JavaScriptWorkerId : DotNetWorkerId,
                task.WorkerId));
        });
    }

    [Fact]
    public async Task An_error_thrown_in_the_JavaScript_worker_fails_the_attempt_with_its_message_and_the_retry_completes()
    {
        RegisterTaskDefs("js_flaky");
        Server.RegisterWorkflowDef(Workflow("interop_retry", Simple("js_flaky", "flaky", [])));
        await StartJavaScriptWorkerAsync();

        var workflow = await RunAsync(Server.StartWorkflow("interop_retry"));

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(2, workflow.Tasks.Count);
        var failed = workflow.Tasks[0];
        Assert.Equal(TaskExecutionStatus.Failed, failed.Status);
        Assert.Equal("js_flaky fails its first attempt", failed.ReasonForIncompletion);
        Assert.Contains(Server.GetTaskLogs(failed.TaskId), log => log.Log!.Contains("Error: js_flaky fails its first attempt", StringComparison.Ordinal));

        var retry = workflow.Tasks[1];
        Assert.Equal(TaskExecutionStatus.Completed, retry.Status);
        Assert.Equal(1, retry.RetryCount);
        Assert.Equal(2, (int?)retry.OutputData["attempt"]);
        Assert.Equal(JavaScriptWorkerId, retry.WorkerId);
    }

    [Fact]
    public async Task A_JavaScript_worker_polling_a_domain_gets_the_tasks_a_workflow_routes_to_that_domain()
    {
        RegisterTaskDefs("js_routed");
        Server.RegisterWorkflowDef(Workflow("interop_routed", Simple("js_routed", "routed", [])));
        await StartJavaScriptWorkerAsync();

        var workflow = await RunAsync(Server.StartWorkflow("interop_routed", taskToDomain: new Dictionary<string, string> { ["js_routed"] = "interop" }));

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal("interop", task.Domain);
        Assert.Equal("interop", (string?)task.OutputData["domain"]);
        Assert.Equal(JavaScriptWorkerId, task.WorkerId);
        var polls = RequestLog.Requests.Where(request => request.Path == "/api/tasks/poll/batch/js_routed").ToList();
        Assert.NotEmpty(polls);
        Assert.All(polls, poll => Assert.Contains("domain=interop", poll.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lease_extensions_from_the_JavaScript_SDK_keep_a_task_longer_than_its_response_timeout_from_timing_out()
    {
        RegisterTaskDefs(new TaskDef { Name = "js_slow", RetryCount = 1, RetryDelaySeconds = 0, ResponseTimeoutSeconds = 3, OwnerEmail = "tests@example.com" });
        Server.RegisterWorkflowDef(Workflow("interop_lease", Simple("js_slow", "slow", new JsonObject { ["workMs"] = 4000 })));
        await StartJavaScriptWorkerAsync();

        var workflow = await RunAsync(Server.StartWorkflow("interop_lease"));

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(0, task.RetryCount);
        Assert.Equal(4000, (int?)task.OutputData["workedMs"]);

        // Only the JavaScript worker has work here, and it reports through update-v2: every
        // POST /api/tasks is one of its lease extensions.
        var heartbeats = RequestLog.Requests.Where(request => request is { Method: "POST", Path: "/api/tasks" }).ToList();
        Assert.NotEmpty(heartbeats);
        Assert.All(heartbeats, heartbeat => Assert.Equal(200, heartbeat.StatusCode));
    }

    [Fact]
    public async Task An_IN_PROGRESS_result_from_the_JavaScript_worker_brings_the_task_back_after_its_callback_delay()
    {
        RegisterTaskDefs("js_callback");
        Server.RegisterWorkflowDef(Workflow("interop_callback", Simple("js_callback", "callback", [])));
        await StartJavaScriptWorkerAsync();

        var workflow = await RunAsync(Server.StartWorkflow("interop_callback"));

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(2, task.PollCount);
        Assert.Equal(2, (int?)task.OutputData["pollCount"]);
        Assert.True((bool?)task.OutputData["done"]);
    }

    [Fact]
    public async Task The_JavaScript_SDK_reports_through_update_v2_and_executes_the_next_task_the_answer_carries()
    {
        RegisterTaskDefs("js_serial");
        Server.RegisterWorkflowDef(Workflow("interop_serial", Simple("js_serial", "serial", new JsonObject { ["text"] = "${workflow.input.text}" })));
        string[] texts = ["first", "second", "third"];
        var ids = texts.Select(text => Server.StartWorkflow("interop_serial", new JsonObject { ["text"] = text })).ToList();

        // js_serial runs one task at a time: its first poll takes one task, and each update-v2
        // answer hands it the next queued one until the queue is empty.
        await StartJavaScriptWorkerAsync();
        var workflows = await Task.WhenAll(ids.Select(RunAsync));

        Assert.All(workflows.Zip(texts), pair =>
        {
            var (workflow, text) = pair;
            Assert.Equal(WorkflowStatus.Completed, workflow.Status);
            var task = Assert.Single(workflow.Tasks);
            Assert.Equal(text, (string?)task.OutputData["echoed"]);
            Assert.Equal(1, task.PollCount);
            Assert.Equal(JavaScriptWorkerId, task.WorkerId);
        });

        var updates = await RequestLog.WaitForAsync(request => request.Path == "/api/tasks/update-v2", count: 3, WorkflowTimeout);
        var requests = RequestLog.Requests;
        Assert.Equal(
            ["200 application/json", "200 application/json", "204 (none)"],
            updates.Select(update => $"{update.StatusCode} {MediaType(update.ContentType)}"));
        Assert.DoesNotContain(requests, request => request is { Method: "POST", Path: "/api/tasks" });
        Assert.DoesNotContain("falling back", JavaScriptWorker!.Output, StringComparison.Ordinal);

        var polls = requests.Where(request => request.Path == "/api/tasks/poll/batch/js_serial").ToList();
        Assert.NotEmpty(polls);
        Assert.All(polls, poll =>
        {
            Assert.Equal(200, poll.StatusCode);
            Assert.Equal("application/json", MediaType(poll.ContentType));
            Assert.Contains("workerid=" + JavaScriptWorkerId, poll.Query, StringComparison.Ordinal);
            Assert.Contains("count=1", poll.Query, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_JavaScript_worker_stops_polling_and_exits_cleanly_when_its_stdin_closes()
    {
        await StartJavaScriptWorkerAsync();

        var exitCode = await JavaScriptWorker!.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("STOPPED stdin closed", JavaScriptWorker.Output, StringComparison.Ordinal);
    }
}
