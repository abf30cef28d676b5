using System.Net;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// test-harness integration/SimpleWorkflowSpec: a two-task linear run (integration_test_wf) and
/// a run whose first task has a response timeout (RTOWF). Real server: DeciderService#decide and
/// #getNextTask, ParameterUtils#getTaskInputV2 (nulls kept), WorkflowExecutorOps#updateTask (an
/// IN_PROGRESS worker task back to SCHEDULED with its callback), DeciderService#checkTaskTimeout
/// and #retry, WorkflowExecutorOps#restart (409 for a run that has not ended). On the fake clock.
/// </summary>
public sealed class SimpleWorkflowSpecTests() : ScenarioTestBase(useFakeClock: true)
{
    /// <summary>simple_workflow_1_integration_test.json in our words, optionally with a validationErrors output.</summary>
    internal static string IntegrationTestWf(bool withValidationErrors = false) => IntegrationTestWfTemplate.Replace(
        "VALIDATION",
        withValidationErrors ? ""","validationErrors":"${t1.output.ErrorMessage}" """ : "",
        StringComparison.Ordinal);

    private const string IntegrationTestWfTemplate = """
        {"name":"integration_test_wf","description":"integration_test_wf","version":1,"schemaVersion":2,"restartable":true,
         "ownerEmail":"test@harness.com","timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
         "failureWorkflow":"$workflow.input.failureWfName","inputParameters":["param1","param2"],
         "outputParameters":{"o1":"${workflow.input.param1}","o2":"${t2.output.uuid}","o3":"${t1.output.op}"VALIDATION},
         "tasks":[
          {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}","p3":"${CPEWF_TASK_ID}","someNullKey":null}},
          {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${t1.output.op}","tp3":"${CPEWF_TASK_ID}"}}]}
        """;

    // harness SimpleWorkflowSpec "Test simple workflow completion": t1 scheduled alone; its output
    // op feeds t2's input tp2; completing t2 completes the run, whose output has o3.
    [Fact]
    public async Task Simple_workflow_completion()
    {
        await RegisterAsync(withValidationErrors: false);
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf","version":1,"correlationId":"unit_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);

        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var t1 = Assert.Single(Tasks(workflow));
        Assert.Equal("integration_task_1", (string?)t1["taskType"]);
        Assert.Equal("SCHEDULED", Status(t1));

        var polled1 = await PollTaskAsync("integration_task_1");
        Assert.Equal("IN_PROGRESS", Status(polled1));
        Assert.Equal(workflowId, (string?)polled1["workflowInstanceId"]);
        await CompleteAsync(polled1, """{"op":"task1.done"}""");

        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "t2 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["integration_task_1", "integration_task_2"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));

        var polled2 = await PollTaskAsync("integration_task_2");
        Assert.Equal("p1 value", (string?)polled2["inputData"]!["tp1"]);
        Assert.Equal("task1.done", (string?)polled2["inputData"]!["tp2"]);
        Assert.Equal((string?)polled2["taskId"], (string?)polled2["inputData"]!["tp3"]);
        await CompleteAsync(polled2);

        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
        Assert.Equal("task1.done", (string?)workflow["output"]!["o3"]);
        Assert.Equal("p1 value", (string?)workflow["output"]!["o1"]);
    }

    // harness SimpleWorkflowSpec "Test simple workflow with null inputs": the definition keeps the
    // someNullKey parameter; a null workflow input stays null, the task's someNullKey is null, and
    // a task output with null values (top level and nested) keeps the keys.
    [Fact]
    public async Task Simple_workflow_with_null_inputs()
    {
        await RegisterAsync(withValidationErrors: false);
        var definition = await GetJsonAsync("metadata/workflow/integration_test_wf?version=1");
        Assert.True(definition["tasks"]![0]!["inputParameters"]!.AsObject().ContainsKey("someNullKey"));

        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf","version":1,"correlationId":"unit_test_1","input":{"param1":"p1 value","param2":null}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Null(workflow["input"]!["param2"]);
        var t1 = Assert.Single(Tasks(workflow));
        Assert.Equal("SCHEDULED", Status(t1));
        Assert.Null(t1["inputData"]!["someNullKey"]);

        await CompleteAsync(await PollTaskAsync("integration_task_1"), """{"someOtherKey":{"a":1,"A":null},"someKey":null}""");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "t2 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var output = Tasks(workflow)[0]["outputData"]!.AsObject();
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[0]));
        Assert.True(output.ContainsKey("someKey"));
        Assert.Null(output["someKey"]);
        var someOtherKey = output["someOtherKey"]!.AsObject();
        Assert.True(someOtherKey.ContainsKey("A"));
        Assert.Null(someOtherKey["A"]);
    }

    // harness SimpleWorkflowSpec "Test simple workflow terminal error condition": restarting a
    // running run is a conflict; FAILED_WITH_TERMINAL_ERROR fails the run without a retry, the
    // output is still computed (o1 and validationErrors from t1's output), and the failed task
    // names are recorded.
    [Fact]
    public async Task Simple_workflow_terminal_error_condition()
    {
        await RegisterAsync(withValidationErrors: true);
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf","version":1,"correlationId":"unit_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Single(Tasks(workflow));

        using (var restart = await PostAsync($"workflow/{workflowId}/restart?useLatestDefinitions=false", ""))
        {
            Assert.Equal(HttpStatusCode.Conflict, restart.StatusCode);
        }

        var polled = await PollTaskAsync("integration_task_1");
        Assert.Equal(workflowId, (string?)polled["workflowInstanceId"]);
        const string reason = "NON TRANSIENT ERROR OCCURRED: An integration point required to complete the task is down";
        using (var update = await ReportAsync(
            polled,
            "FAILED_WITH_TERMINAL_ERROR",
            """{"TERMINAL_ERROR":"Integration endpoint down: FOOBAR","ErrorMessage":"There was a terminal error"}""",
            $"\"reasonForIncompletion\":\"{reason}\""))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        workflow = await UntilStatusAsync(workflowId, "FAILED");
        var t1 = ByRef(workflow, "t1")!;
        Assert.Single(Tasks(workflow));
        Assert.Equal($"Task {t1["taskId"]} failed with status: FAILED and reason: '{reason}'", (string?)workflow["reasonForIncompletion"]);
        Assert.Equal("p1 value", (string?)workflow["output"]!["o1"]);
        Assert.Equal("There was a terminal error", (string?)workflow["output"]!["validationErrors"]);
        Assert.Equal(0, (int)t1["retryCount"]!);
        Assert.Equal(["t1"], workflow["failedReferenceTaskNames"]!.AsArray().Select(name => (string?)name));
        Assert.Equal(["integration_task_1"], workflow["failedTaskNames"]!.AsArray().Select(name => (string?)name));
    }

    // harness SimpleWorkflowSpec "Test Simple Workflow with response timeout": task_rt (response
    // timeout 10 s, one retry, no delay) is polled once and not again; 11 s later it is TIMED_OUT
    // and a retry is SCHEDULED. The retry is polled and sent back IN_PROGRESS with a 2 s callback:
    // it is SCHEDULED again and handed out only after 2 s; completing it and t2 completes the run.
    [Fact]
    public async Task Simple_workflow_with_response_timeout()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"task_rt","retryCount":1,"retryDelaySeconds":0,"timeoutSeconds":120,"responseTimeoutSeconds":10},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"RTOWF","description":"RTOWF","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com","timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
             "failureWorkflow":"$workflow.input.failureWfName","inputParameters":["param1","param2"],
             "outputParameters":{"o1":"${workflow.input.param1}","o2":"${t2.output.uuid}","o3":"${t1.output.op}"},"tasks":[
              {"name":"task_rt","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"}},
              {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${t1.output.op}"}}]}
            """);
        var workflowId = await StartWorkflowAsync("""
            {"name":"RTOWF","version":1,"correlationId":"unit_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal("SCHEDULED", Status(Assert.Single(Tasks(workflow))));

        var first = await PollNowAsync("task_rt");
        Assert.NotNull(first);
        Assert.Equal("IN_PROGRESS", Status(first));
        Assert.Equal(workflowId, (string?)first["workflowInstanceId"]);
        Assert.Null(await PollNowAsync("task_rt"));

        Clock!.Advance(TimeSpan.FromSeconds(11));
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "task_rt timed out and retried");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["TIMED_OUT", "SCHEDULED"], Tasks(workflow).Select(Status));

        var second = await PollNowAsync("task_rt");
        Assert.NotNull(second);
        using (var update = await ReportAsync(second, "IN_PROGRESS", extraJson: "\"callbackAfterSeconds\":2"))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(2, Tasks(workflow).Count);
        Assert.Equal("SCHEDULED", Status(Tasks(workflow)[1]));
        Assert.Null(await PollNowAsync("task_rt"));

        Clock.Advance(TimeSpan.FromSeconds(2));
        var third = await PollNowAsync("task_rt");
        Assert.NotNull(third);
        Assert.Equal((string?)second["taskId"], (string?)third["taskId"]);
        await CompleteAsync(third, """{"op":"task1.done"}""");

        var t2 = await PollTaskAsync("integration_task_2");
        Assert.Equal("task1.done", (string?)t2["inputData"]!["tp2"]);
        await CompleteAsync(t2);
        await UntilStatusAsync(workflowId, "COMPLETED");
    }

    // harness SimpleWorkflowSpec "Test if the workflow definitions with and without schema version
    // can be registered": both read back with schemaVersion 2 (WorkflowDef#schemaVersion defaults to 2).
    [Fact]
    public async Task Definitions_with_and_without_schema_version_read_back_as_version_2()
    {
        await RegisterTaskDefsAsync("""[{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]""");
        await UpdateWorkflowDefAsync("""
            {"name":"Test_schema_version1","version":1,"ownerEmail":"test@harness.com","tasks":[{"name":"integration_task_1","taskReferenceName":"t1"}]}
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"Test_schema_version2","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com","tasks":[{"name":"integration_task_1","taskReferenceName":"t1"}]}
            """);

        Assert.Equal(2, (int)(await GetJsonAsync("metadata/workflow/Test_schema_version1?version=1"))["schemaVersion"]!);
        Assert.Equal(2, (int)(await GetJsonAsync("metadata/workflow/Test_schema_version2?version=1"))["schemaVersion"]!);
    }

    // harness SimpleWorkflowSpec "Test simple workflow with task retries": integration_task_2 with
    // three retries 2 s apart fails twice and then completes; each retry names the attempt it
    // replaces, every attempt gets t1's output, and the failed names are recorded though the run
    // completes (DeciderService#retry, WorkflowExecutorOps#updateTask).
    [Fact]
    public async Task Simple_workflow_with_task_retries()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":3,"retryDelaySeconds":2,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(IntegrationTestWf());
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf","version":1,"correlationId":"integration_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(workflowId))["status"]);

        var t1 = (await PollNowAsync("integration_task_1"))!;
        Assert.Equal("p1 value", (string?)t1["inputData"]!["p1"]);
        Assert.Equal("p2 value", (string?)t1["inputData"]!["p2"]);
        const string op = "task1.output -> p1 value.p2 value";
        await CompleteAsync(t1, $$"""{"op":"{{op}}"}""");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var since = Clock!.GetUtcNow().ToUnixTimeMilliseconds();
            var (task, waited) = await PollAdvancingAsync("integration_task_2", since, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
            Assert.Equal(attempt == 0 ? 0 : 2000, waited);
            Assert.Equal("p1 value", (string?)task["inputData"]!["tp1"]);
            Assert.Equal(op, (string?)task["inputData"]!["tp2"]);
            if (attempt < 2)
            {
                await FailAsync(task, "failure...0");
            }
            else
            {
                await CompleteAsync(task);
            }
        }

        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var tasks = Tasks(workflow);
        Assert.Equal(["integration_task_1", "integration_task_2", "integration_task_2", "integration_task_2"], tasks.Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "FAILED", "FAILED", "COMPLETED"], tasks.Select(Status));
        Assert.Equal((string?)tasks[1]["taskId"], (string?)tasks[2]["retriedTaskId"]);
        Assert.Equal((string?)tasks[2]["taskId"], (string?)tasks[3]["retriedTaskId"]);
        Assert.Equal(["t2"], workflow["failedReferenceTaskNames"]!.AsArray().Select(name => (string?)name));
        Assert.Equal(["integration_task_2"], workflow["failedTaskNames"]!.AsArray().Select(name => (string?)name));
    }

    // harness SimpleWorkflowSpec "Test simple workflow with retry at workflow level": t1 (one retry, no
    // delay) fails twice and the run FAILS; retrying the run schedules a third t1, and each attempt's
    // p3 (${CPEWF_TASK_ID}) is its own id; then t1 and t2 complete the run, whose failed names still
    // name t1 (WorkflowExecutorOps#retry, DeciderService#retry).
    [Fact]
    public async Task Simple_workflow_with_retry_at_workflow_level()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"retryDelaySeconds":0,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(IntegrationTestWf());
        var workflowId = await StartWorkflowAsync($$$"""
            {"name":"integration_test_wf","version":1,"correlationId":"retry_test{{{Guid.NewGuid()}}}","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        AssertOwnTaskId(Assert.Single(Tasks(workflow)));

        await FailAsync((await PollNowAsync("integration_task_1"))!, "failure...0");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "t1 retried");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["FAILED", "SCHEDULED"], Tasks(workflow).Select(Status));
        AssertOwnTaskId(Tasks(workflow)[1]);

        await FailAsync((await PollNowAsync("integration_task_1"))!, "failure...0");
        workflow = await UntilStatusAsync(workflowId, "FAILED");
        Assert.Equal(["FAILED", "FAILED"], Tasks(workflow).Select(Status));

        using (var retry = await PostAsync($"workflow/{workflowId}/retry?resumeSubworkflowTasks=false", ""))
        {
            Assert.True(retry.IsSuccessStatusCode, await retry.Content.ReadAsStringAsync());
        }

        workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["FAILED", "FAILED", "SCHEDULED"], Tasks(workflow).Select(Status));
        AssertOwnTaskId(Tasks(workflow)[2]);

        await CompleteAsync(await PollTaskAsync("integration_task_1"));
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4, "t2 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["FAILED", "FAILED", "COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));

        await CompleteAsync(await PollTaskAsync("integration_task_2"));
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["FAILED", "FAILED", "COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
        Assert.Equal(["t1"], workflow["failedReferenceTaskNames"]!.AsArray().Select(name => (string?)name));
        Assert.Equal(["integration_task_1"], workflow["failedTaskNames"]!.AsArray().Select(name => (string?)name));

        static void AssertOwnTaskId(System.Text.Json.Nodes.JsonNode task) => Assert.Equal((string?)task["taskId"], (string?)task["inputData"]!["p3"]);
    }

    // harness SimpleWorkflowSpec "Test Long running simple workflow": t1 sent back IN_PROGRESS with
    // a 5 s callback stays in its queue (size 1) and is not handed out until 5 s have passed; then it
    // completes, and t2 gets its output.
    [Fact]
    public async Task Long_running_simple_workflow()
    {
        var workflowId = await StartLinearAsync();
        await SendBackAsync(workflowId, callbackAfterSeconds: 5);

        Clock!.Advance(TimeSpan.FromSeconds(5));
        await FinishLinearAsync(workflowId);
    }

    // harness SimpleWorkflowSpec "Test simple workflow when the task's call back after seconds are
    // reset": t1 sent back with a one-hour callback is not handed out; resetting the run's callbacks
    // makes it due at once (WorkflowExecutorOps#resetCallbacksForWorkflow).
    [Fact]
    public async Task Resetting_callbacks_makes_a_held_task_due()
    {
        var workflowId = await StartLinearAsync();
        await SendBackAsync(workflowId, callbackAfterSeconds: 3600);
        Assert.Null(await PollNowAsync("integration_task_1"));

        using (var reset = await PostAsync($"workflow/{workflowId}/resetcallbacks", ""))
        {
            Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
        }

        await FinishLinearAsync(workflowId);
    }

    // harness SimpleWorkflowSpec "Test non restartable simple workflow": with restartable false and no
    // retries, a failed run can still be restarted and completes; a completed one cannot (404,
    // WorkflowExecutorOps#restart: only a COMPLETED run of a non-restartable definition is refused).
    [Fact]
    public async Task A_non_restartable_workflow_restarts_when_failed_but_not_when_completed()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":0,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(IntegrationTestWf()
            .Replace("\"integration_test_wf\"", "\"integration_test_wf_non_restartable\"", StringComparison.Ordinal)
            .Replace("\"restartable\":true", "\"restartable\":false", StringComparison.Ordinal));
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf_non_restartable","version":1,"correlationId":"integration_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);

        await FailAsync((await PollNowAsync("integration_task_1"))!, "failure...0");
        var workflow = await UntilStatusAsync(workflowId, "FAILED");
        Assert.Equal("FAILED", Status(Tasks(workflow)[0]));
        Assert.Equal("integration_task_1", (string?)Tasks(workflow)[0]["taskType"]);

        using (var restart = await PostAsync($"workflow/{workflowId}/restart?useLatestDefinitions=false", ""))
        {
            Assert.True(restart.IsSuccessStatusCode, await restart.Content.ReadAsStringAsync());
        }

        await CompleteAsync(await PollTaskAsync("integration_task_1"), """{"op":"task1.done"}""");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "t2 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[0]));
        var t2 = await PollTaskAsync("integration_task_2");
        Assert.Equal("p1 value", (string?)t2["inputData"]!["tp1"]);
        Assert.Equal("task1.done", (string?)t2["inputData"]!["tp2"]);
        await CompleteAsync(t2);
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
        Assert.Equal("task1.done", (string?)workflow["output"]!["o3"]);

        using (var again = await PostAsync($"workflow/{workflowId}/restart?useLatestDefinitions=false", ""))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }
    }

    // harness SimpleWorkflowSpec "Test simple workflow when update task's result with call back after
    // seconds": sent back IN_PROGRESS with no callback, t1 is SCHEDULED with callbackAfterSeconds 0 and
    // handed out again at once; sent back with 3600 it is SCHEDULED with that callback and not handed
    // out (WorkflowExecutorOps#updateTask).
    [Fact]
    public async Task Updating_a_task_with_and_without_a_callback()
    {
        var workflowId = await StartLinearAsync();
        var first = (await PollNowAsync("integration_task_1"))!;
        await UpdateAsync(first, "IN_PROGRESS", """{"op":"task1.in.progress"}""");
        Assert.Equal(1, (int)(await GetJsonAsync("tasks/queue/sizes?taskType=integration_task_1"))["integration_task_1"]!);
        var task = Assert.Single(Tasks(await WorkflowAsync(workflowId)));
        Assert.Equal("SCHEDULED", Status(task));
        Assert.Equal(0, (long)task["callbackAfterSeconds"]!);

        var second = await PollNowAsync("integration_task_1");
        Assert.NotNull(second);
        using (var update = await ReportAsync(second, "IN_PROGRESS", """{"op":"task1.in.progress"}""", "\"callbackAfterSeconds\":3600"))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        Assert.Equal(1, (int)(await GetJsonAsync("tasks/queue/sizes?taskType=integration_task_1"))["integration_task_1"]!);
        task = Assert.Single(Tasks(await WorkflowAsync(workflowId)));
        Assert.Equal("SCHEDULED", Status(task));
        Assert.Equal(3600, (long)task["callbackAfterSeconds"]!);
        Assert.Null(await PollNowAsync("integration_task_1"));
    }

    // harness SimpleWorkflowSpec "Test Simple workflow restart without using the latest definition":
    // t1 with no retries fails the run; restarted with its own definition the run schedules t1 again
    // and completes after t1 and t2 (WorkflowExecutorOps#restart).
    [Fact]
    public async Task Restart_without_the_latest_definition()
    {
        var workflowId = await FailLinearWithoutRetriesAsync();
        await RestartAsync(workflowId, useLatestDefinitions: false);
        await CompleteAsync(await PollTaskAsync("integration_task_1"));
        await CompleteAsync(await PollTaskAsync("integration_task_2"));
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["integration_task_1", "integration_task_2"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
    }

    // harness SimpleWorkflowSpec "Test Simple workflow restart with the latest definition": after the
    // failure a version 2 adding integration_task_20 (task_added) is registered; restarted with the
    // latest definition the run goes through t1, t2 and then task_added (WorkflowExecutorOps#restart,
    // useLatestDefinitions).
    [Fact]
    public async Task Restart_with_the_latest_definition()
    {
        var workflowId = await FailLinearWithoutRetriesAsync();
        await RegisterTaskDefsAsync("""[{"name":"integration_task_20","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]""");
        var version2 = IntegrationTestWf().Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal).TrimEnd();
        Assert.EndsWith("]}", version2, StringComparison.Ordinal);
        await UpdateWorkflowDefAsync(version2[..^2] + ",{\"name\":\"integration_task_20\",\"taskReferenceName\":\"task_added\",\"type\":\"SIMPLE\"}]}");
        Assert.Equal(3, (await GetJsonAsync("metadata/workflow/integration_test_wf?version=2"))["tasks"]!.AsArray().Count);

        await RestartAsync(workflowId, useLatestDefinitions: true);
        await CompleteAsync(await PollTaskAsync("integration_task_1"));
        await CompleteAsync(await PollTaskAsync("integration_task_2"));
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(workflowId))["status"]);
        var added = await PollTaskAsync("integration_task_20");
        Assert.Equal(workflowId, (string?)added["workflowInstanceId"]);
        Assert.Equal("task_added", (string?)added["referenceTaskName"]);
        await CompleteAsync(added);
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(3, Tasks(workflow).Count);
    }

    /// <summary>integration_test_wf with a t1 that has no retries, started and failed by its worker: the run is FAILED.</summary>
    private async Task<string> FailLinearWithoutRetriesAsync()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":0,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(IntegrationTestWf());
        var definition = await GetJsonAsync("metadata/workflow/integration_test_wf?version=1");
        Assert.False(string.IsNullOrWhiteSpace((string?)definition["failureWorkflow"]));
        var workflowId = await StartWorkflowAsync($$$"""
            {"name":"integration_test_wf","version":1,"correlationId":"integration_test_1{{{Guid.NewGuid()}}}","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(workflowId))["status"]);

        await FailAsync((await PollNowAsync("integration_task_1"))!, "failed..");
        var workflow = await UntilStatusAsync(workflowId, "FAILED");
        Assert.Equal("FAILED", Status(Tasks(workflow)[0]));
        Assert.Equal("integration_task_1", (string?)Tasks(workflow)[0]["taskType"]);
        return workflowId;
    }

    private async Task RestartAsync(string workflowId, bool useLatestDefinitions)
    {
        using var restart = await PostAsync($"workflow/{workflowId}/restart?useLatestDefinitions={(useLatestDefinitions ? "true" : "false")}", "");
        Assert.True(restart.IsSuccessStatusCode, await restart.Content.ReadAsStringAsync());
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(workflowId))["status"]);
    }

    private async Task<string> StartLinearAsync()
    {
        await RegisterAsync(withValidationErrors: false);
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf","version":1,"correlationId":"integration_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal("SCHEDULED", Status(Assert.Single(Tasks(workflow))));
        Assert.Equal(1, (int)(await GetJsonAsync("tasks/queue/sizes?taskType=integration_task_1"))["integration_task_1"]!);
        return workflowId;
    }

    /// <summary>Polls t1 and sends it back IN_PROGRESS with an output and a callback; it stays queued and is not handed out again.</summary>
    private async Task SendBackAsync(string workflowId, int callbackAfterSeconds)
    {
        var polled = await PollNowAsync("integration_task_1");
        Assert.NotNull(polled);
        Assert.Equal(workflowId, (string?)polled["workflowInstanceId"]);
        Assert.Equal("p1 value", (string?)polled["inputData"]!["p1"]);
        Assert.Equal("p2 value", (string?)polled["inputData"]!["p2"]);
        using (var update = await ReportAsync(polled, "IN_PROGRESS", """{"op":"task1.in.progress"}""", $"\"callbackAfterSeconds\":{callbackAfterSeconds}"))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        Assert.Equal(1, (int)(await GetJsonAsync("tasks/queue/sizes?taskType=integration_task_1"))["integration_task_1"]!);
        Assert.Null(await PollNowAsync("integration_task_1"));
    }

    /// <summary>t1 handed out now and completed with op; t2 gets it and completes the run.</summary>
    private async Task FinishLinearAsync(string workflowId)
    {
        var t1 = await PollNowAsync("integration_task_1");
        Assert.NotNull(t1);
        await CompleteAsync(t1, """{"op":"task1.done"}""");
        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "t2 scheduled");
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[0]));
        Assert.Equal("task1.done", (string?)Tasks(workflow)[0]["outputData"]!["op"]);

        var t2 = await PollTaskAsync("integration_task_2");
        Assert.Equal("p1 value", (string?)t2["inputData"]!["tp1"]);
        Assert.Equal("task1.done", (string?)t2["inputData"]!["tp2"]);
        await CompleteAsync(t2);
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["integration_task_1", "integration_task_2"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
    }

    private async Task RegisterAsync(bool withValidationErrors)
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(IntegrationTestWf(withValidationErrors));
    }
}
