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

    private async Task RegisterAsync(bool withValidationErrors)
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(IntegrationTestWf(withValidationErrors));
    }
}
