using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// test-harness integration/WorkflowAndTaskConfigurationSpec: optional tasks, the workflow's
/// input template, task timeouts with the RETRY policy, workflow timeouts and retrying a timed-out
/// run. Real server: DeciderService#decide, #checkTaskTimeout, #retry (an optional task out of
/// retries is COMPLETED_WITH_ERRORS), ParametersUtils#getWorkflowInput, DeciderService#checkWorkflowTimeout,
/// WorkflowExecutorOps#retry. On the fake clock, which stands for the harness's sleeps and sweeps.
/// </summary>
public sealed class WorkflowAndTaskConfigurationSpecTests() : ScenarioTestBase(useFakeClock: true)
{
    // harness WorkflowAndTaskConfigurationSpec "Test simple workflow which has an optional task":
    // task_optional (one retry, 5 s timeouts, RETRY policy) fails, is retried; the retry is polled
    // and left; 5 s later it is COMPLETED_WITH_ERRORS and integration_task_2 is scheduled; completing
    // that completes the run.
    [Fact]
    public async Task A_workflow_with_an_optional_task()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"task_optional","retryCount":1,"retryDelaySeconds":0,"timeoutSeconds":5,"responseTimeoutSeconds":5,"timeoutPolicy":"RETRY"},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"optional_task_wf","description":"optional_task_wf","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com","timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
             "inputParameters":["param1","param2"],"outputParameters":{"o1":"${workflow.input.param1}","o2":"${t2.output.uuid}","o3":"${t1.output.op}"},"tasks":[
              {"name":"task_optional","taskReferenceName":"t1","type":"SIMPLE","optional":true,"inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"}},
              {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","optional":false,"inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${t1.output.op}"}}]}
            """);
        var workflowId = await StartWorkflowAsync($$$"""
            {"name":"optional_task_wf","version":1,"correlationId":"integration_test{{{Guid.NewGuid()}}}","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var first = Assert.Single(Tasks(workflow));
        Assert.Equal("task_optional", (string?)first["taskType"]);
        Assert.Equal("SCHEDULED", Status(first));

        var polled = await PollNowAsync("task_optional");
        Assert.NotNull(polled);
        await FailAsync(polled, "NETWORK ERROR");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "task_optional retried");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["task_optional", "task_optional"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["FAILED", "SCHEDULED"], Tasks(workflow).Select(Status));

        Assert.NotNull(await PollNowAsync("task_optional"));
        Clock!.Advance(TimeSpan.FromSeconds(6));
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 3, "integration_task_2 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["task_optional", "task_optional", "integration_task_2"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["FAILED", "COMPLETED_WITH_ERRORS", "SCHEDULED"], Tasks(workflow).Select(Status));

        await CompleteAsync(await PollTaskAsync("integration_task_2"));
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(3, Tasks(workflow).Count);
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[2]));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test simple workflow which has a permissive task"
    // and "... a permissive optional task": `permissive` is not run here; the definition is refused
    // at registration naming the setting, not stored and ignored.
    [Fact]
    public async Task A_permissive_task_is_refused_by_name()
    {
        using var response = await PutAsync("metadata/workflow", """
            [{"name":"permissive_optional_task_wf","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com","tasks":[
              {"name":"task_optional","taskReferenceName":"t1","type":"SIMPLE","optional":true,"permissive":true,"inputParameters":{}}]}]
            """);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("permissive", text, StringComparison.Ordinal);
    }

    // harness WorkflowAndTaskConfigurationSpec "test workflow with input template parsing": the run
    // is started with param3 only; the definition's inputTemplate fills param1 and param2 (objects and
    // lists as they are) and does not replace param3 (ParametersUtils#getWorkflowInput, putIfAbsent).
    [Fact]
    public async Task The_workflow_input_template_fills_missing_inputs()
    {
        await RegisterTaskDefsAsync("""[{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]""");
        await UpdateWorkflowDefAsync("""
            {"name":"integration_test_template_wf","description":"Test a simple workflow with an input template","version":1,"schemaVersion":2,
             "ownerEmail":"test@harness.com","timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"failureWorkflow":"$workflow.input.failureWfName",
             "inputParameters":["param1","param2","param3","param4"],
             "inputTemplate":{"param1":{"nested_object":{"nested_key":"nested_value"}},"param2":["list","of","strings"],"param3":"string"},
             "outputParameters":{"output":"${t1.output.op}","param1":"${workflow.input.param1}","param2":"${workflow.input.param2}","param3":"${workflow.input.param3}"},
             "tasks":[{"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}","p3":"${CPEWF_TASK_ID}","someNullKey":null}}]}
            """);
        var workflowId = await StartWorkflowAsync($$$"""
            {"name":"integration_test_template_wf","version":1,"correlationId":"integration_test{{{Guid.NewGuid()}}}","input":{"param3":"external string"}}
            """);

        var polled = await PollTaskAsync("integration_task_1");
        Assert.Equal("""{"nested_object":{"nested_key":"nested_value"}}""", polled["inputData"]!["p1"]!.ToJsonString());
        await CompleteAsync(polled, """{"op":"task1.done"}""");
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"output":"task1.done","param3":"external string","param2":["list","of","strings"],"param1":{"nested_object":{"nested_key":"nested_value"}}}
                """),
            workflow["output"]),
            workflow["output"]!.ToJsonString());
    }

    // harness WorkflowAndTaskConfigurationSpec "Test simple workflow with task time out
    // configuration": integration_task_1 with one retry, 1 s timeouts and the RETRY policy; polled
    // and left, it is TIMED_OUT and retried; the retry, polled and left, is TIMED_OUT and the run is
    // TIMED_OUT (DeciderService#checkTaskTimeout, #retry).
    [Fact]
    public async Task A_task_timeout_with_the_retry_policy_retries_then_times_out_the_run()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"retryDelaySeconds":0,"timeoutSeconds":1,"responseTimeoutSeconds":1,"timeoutPolicy":"RETRY"},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(SimpleWorkflowSpecTests.IntegrationTestWf());
        var workflowId = await StartWorkflowAsync($$$"""
            {"name":"integration_test_wf","version":1,"correlationId":"unit_test_1{{{Guid.NewGuid()}}}","input":{"param1":"p1 value","param2":"p2 value","failureWfName":"FanInOutTest"}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal("SCHEDULED", Status(Assert.Single(Tasks(workflow))));

        var first = await PollNowAsync("integration_task_1");
        Assert.NotNull(first);
        Assert.Equal(workflowId, (string?)first["workflowInstanceId"]);
        Clock!.Advance(TimeSpan.FromSeconds(3));
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "integration_task_1 timed out and retried");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["integration_task_1", "integration_task_1"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["TIMED_OUT", "SCHEDULED"], Tasks(workflow).Select(Status));

        var second = await PollNowAsync("integration_task_1");
        Assert.NotNull(second);
        Assert.Equal(workflowId, (string?)second["workflowInstanceId"]);
        Clock.Advance(TimeSpan.FromSeconds(3));
        workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        Assert.Equal(["TIMED_OUT", "TIMED_OUT"], Tasks(workflow).Select(Status));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test workflow timeout configurations": with
    // TIME_OUT_WF and timeoutSeconds 5, a run whose first task is polled and left is TIMED_OUT after
    // 6 s, its task CANCELED (DeciderService#checkWorkflowTimeout, WorkflowExecutorOps#terminate).
    [Fact]
    public async Task A_workflow_timeout_times_out_the_run_and_cancels_its_task()
    {
        var workflowId = await StartTimedWorkflowAsync();
        Assert.NotNull(await PollNowAsync("integration_task_1"));

        Clock!.Advance(TimeSpan.FromSeconds(6));
        var workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        var task = Assert.Single(Tasks(workflow));
        Assert.Equal("integration_task_1", (string?)task["taskType"]);
        Assert.Equal("CANCELED", Status(task));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test retrying a timed out workflow due to workflow
    // timeout": the timed-out run has never been retried (lastRetriedTime 0); retrying it sets
    // lastRetriedTime, keeps the CANCELED task and schedules it again (WorkflowExecutorOps#retry).
    [Fact]
    public async Task Retrying_a_run_timed_out_by_its_workflow_timeout()
    {
        var workflowId = await StartTimedWorkflowAsync();
        Assert.NotNull(await PollNowAsync("integration_task_1"));
        Clock!.Advance(TimeSpan.FromSeconds(6));
        var workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        Assert.Equal(0, (long?)workflow["lastRetriedTime"] ?? 0);
        Assert.Equal("CANCELED", Status(Assert.Single(Tasks(workflow))));

        await RetryAsync(workflowId);
        workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.NotEqual(0, (long?)workflow["lastRetriedTime"] ?? 0);
        Assert.Equal(["integration_task_1", "integration_task_1"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["CANCELED", "SCHEDULED"], Tasks(workflow).Select(Status));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test retrying a timed out workflow due to workflow
    // timeout without unsuccessful tasks": the first task COMPLETED before the run timed out; the
    // retry keeps it and schedules integration_task_2.
    [Fact]
    public async Task Retrying_a_timed_out_run_without_unsuccessful_tasks()
    {
        var workflowId = await StartTimedWorkflowAsync();
        var polled = await PollNowAsync("integration_task_1");
        Assert.NotNull(polled);
        await CompleteAsync(polled);
        await UntilAsync(workflowId, run => Tasks(run).Count == 2, "integration_task_2 scheduled");
        Clock!.Advance(TimeSpan.FromSeconds(6));
        var workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[0]));

        await RetryAsync(workflowId);
        workflow = await UntilAsync(
            workflowId,
            run => Tasks(run).Any(task => (string?)task["taskType"] == "integration_task_2" && Status(task) == "SCHEDULED"),
            "integration_task_2 scheduled again");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.NotEqual(0, (long?)workflow["lastRetriedTime"] ?? 0);
        Assert.Equal("integration_task_1", (string?)Tasks(workflow)[0]["taskType"]);
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[0]));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test re-running the simple workflow multiple times
    // after completion": a completed run re-run from t2 schedules t2 again beside the completed t1;
    // re-run from the start it schedules t1 alone; each time the run completes again
    // (WorkflowExecutorOps#rerun, #rerunWF).
    [Fact]
    public async Task Rerunning_a_completed_run_several_times()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(SimpleWorkflowSpecTests.IntegrationTestWf());
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf","version":1,"correlationId":"unit_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        Assert.Equal("SCHEDULED", Status(Assert.Single(Tasks(await WorkflowAsync(workflowId)))));
        await CompleteAsync(await PollTaskAsync("integration_task_1"), """{"op":"task1.done"}""");
        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "t2 scheduled");
        Assert.Equal(["COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));
        await CompleteAsync(await PollTaskAsync("integration_task_2"));
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));

        var rerun1 = await RerunAsync(workflowId, $$$"""{"reRunFromWorkflowId":"{{{workflowId}}}","reRunFromTaskId":"{{{Tasks(workflow)[1]["taskId"]}}}"}""");
        workflow = await WorkflowAsync(rerun1);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["integration_task_1", "integration_task_2"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));
        await CompleteAsync(await PollTaskAsync("integration_task_2"));
        workflow = await UntilStatusAsync(rerun1, "COMPLETED");
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));

        var rerun2 = await RerunAsync(workflowId, $$$"""{"reRunFromWorkflowId":"{{{workflowId}}}"}""");
        workflow = await WorkflowAsync(rerun2);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var first = Assert.Single(Tasks(workflow));
        Assert.Equal("integration_task_1", (string?)first["taskType"]);
        Assert.Equal("SCHEDULED", Status(first));
        await CompleteAsync(await PollTaskAsync("integration_task_1"), """{"op":"task1.done"}""");
        workflow = await UntilAsync(rerun2, run => Tasks(run).Count == 2, "t2 scheduled after the second re-run");
        Assert.Equal(["COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));
        await CompleteAsync(await PollTaskAsync("integration_task_2"));
        workflow = await UntilStatusAsync(rerun2, "COMPLETED");
        Assert.Equal(["integration_task_1", "integration_task_2"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
    }

    private async Task<string> RerunAsync(string workflowId, string requestJson)
    {
        using var response = await PostAsync($"workflow/{workflowId}/rerun", requestJson);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    // harness WorkflowAndTaskConfigurationSpec "Test task skipping in simple workflows": skipping t2
    // before it is reached adds it SKIPPED ahead of the scheduled t1; after t1, t3 is scheduled
    // (WorkflowExecutorOps#skipTaskFromWorkflow, DeciderService#getNextTask).
    [Fact]
    public async Task Skipping_a_task_before_it_is_reached()
    {
        var workflowId = await StartWf3Async(timeoutSeconds: 0);
        using (var skip = await PutAsync($"workflow/{workflowId}/skiptask/t2", "{}"))
        {
            Assert.True(skip.IsSuccessStatusCode, await skip.Content.ReadAsStringAsync());
        }

        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["integration_task_2", "integration_task_1"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["SKIPPED", "SCHEDULED"], Tasks(workflow).Select(Status));

        await CompleteAsync(await PollTaskAsync("integration_task_1"), """{"op":"task1.done"}""");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 3, "integration_task_3 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["integration_task_2", "integration_task_1", "integration_task_3"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["SKIPPED", "COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));

        await CompleteAsync(await PollTaskAsync("integration_task_3"));
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(3, Tasks(workflow).Count);
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[2]));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test pause and resume simple workflow": a paused run
    // accepts t1's completion but schedules nothing (no t2 to poll, even after another decision);
    // resuming schedules t2 with t1's output (WorkflowExecutorOps#pauseWorkflow, #resumeWorkflow,
    // DeciderService#decide for a PAUSED run).
    [Fact]
    public async Task Pause_and_resume_a_simple_workflow()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(SimpleWorkflowSpecTests.IntegrationTestWf());
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf","version":1,"correlationId":"unit_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        Assert.Equal("SCHEDULED", Status(Assert.Single(Tasks(await WorkflowAsync(workflowId)))));

        using (var pause = await PutAsync($"workflow/{workflowId}/pause", ""))
        {
            Assert.True(pause.IsSuccessStatusCode, await pause.Content.ReadAsStringAsync());
        }

        await CompleteAsync(await PollTaskAsync("integration_task_1"), """{"op":"task1.done"}""");
        var workflow = await UntilAsync(workflowId, run => Status(Tasks(run)[0]) == "COMPLETED", "t1 completed");
        Assert.Equal("PAUSED", (string?)workflow["status"]);
        Assert.Single(Tasks(workflow));
        Assert.Null(await PollNowAsync("integration_task_2"));
        using (var decide = await PutAsync($"workflow/decide/{workflowId}", ""))
        {
            Assert.True(decide.IsSuccessStatusCode, await decide.Content.ReadAsStringAsync());
        }

        Assert.Null(await PollNowAsync("integration_task_2"));
        Assert.Single(Tasks(await WorkflowAsync(workflowId)));

        using (var resume = await PutAsync($"workflow/{workflowId}/resume", ""))
        {
            Assert.True(resume.IsSuccessStatusCode, await resume.Content.ReadAsStringAsync());
        }

        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "t2 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));
        var t2 = await PollTaskAsync("integration_task_2");
        Assert.Equal("p1 value", (string?)t2["inputData"]!["tp1"]);
        Assert.Equal("task1.done", (string?)t2["inputData"]!["tp2"]);
        await CompleteAsync(t2);
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.True(workflow["output"]!.AsObject().ContainsKey("o3"));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test wait time out task based simple workflow": a WAIT
    // whose definition (waitTimeout) times out after 2 s with the RETRY policy and a 10 s retry delay
    // is TIMED_OUT after 3 s and a new WAIT is SCHEDULED; completing that by an update schedules
    // integration_task_1 (DeciderService#checkTaskTimeout, #retry).
    [Fact]
    public async Task A_wait_task_with_a_timeout_is_retried()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"waitTimeout","timeoutSeconds":2,"responseTimeoutSeconds":2,"retryCount":1,"timeoutPolicy":"RETRY","retryDelaySeconds":10},
             {"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"test_wait_timeout","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com","timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
              {"name":"waitTimeout","taskReferenceName":"wait0","type":"WAIT","inputParameters":{}},
              {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{}}]}
            """);
        var workflowId = await StartWorkflowAsync("""{"name":"test_wait_timeout","version":1,"input":{}}""");
        var workflow = await UntilAsync(workflowId, run => Status(Tasks(run).FirstOrDefault()) == "IN_PROGRESS", "the WAIT in progress");
        Assert.Equal("WAIT", (string?)Assert.Single(Tasks(workflow))["taskType"]);

        Clock!.Advance(TimeSpan.FromSeconds(3));
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "the WAIT timed out and retried");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["WAIT", "WAIT"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["TIMED_OUT", "SCHEDULED"], Tasks(workflow).Select(Status));

        await UpdateAsync(Tasks(workflow)[1], "COMPLETED");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 3, "integration_task_1 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["TIMED_OUT", "COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));
        Assert.Equal("integration_task_1", (string?)Tasks(workflow)[2]["taskType"]);

        await CompleteAsync(await PollTaskAsync("integration_task_1"), """{"op":"task1.done"}""");
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[2]));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test simple workflow with callbackAfterSeconds for
    // tasks": a worker sends t1 back IN_PROGRESS with a 2 s callback: it is SCHEDULED and not handed
    // out until 2 s have passed; the same for t2 with 5 s; then the run completes
    // (WorkflowExecutorOps#updateTask, QueueDAO#postpone).
    [Fact]
    public async Task Call_back_after_seconds_holds_a_task_back()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync(SimpleWorkflowSpecTests.IntegrationTestWf());
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf","version":1,"correlationId":"unit_test_1","input":{"param1":"p1 value","param2":"p2 value"}}
            """);

        await CallBackLaterAsync(workflowId, "integration_task_1", seconds: 2, expectedTasks: 1);
        await CompleteAsync((await PollNowAsync("integration_task_1"))!, """{"op":"task1.done"}""");
        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "t2 scheduled");
        Assert.Equal(["COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));

        await CallBackLaterAsync(workflowId, "integration_task_2", seconds: 5, expectedTasks: 2);
        await CompleteAsync((await PollNowAsync("integration_task_2"))!);
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
    }

    // harness WorkflowAndTaskConfigurationSpec "Test task def created if not exist": a SIMPLE step
    // naming no registered definition still runs, its task named after the step
    // (MetadataMapperService#populateWorkflowTaskWithDefinition, the ad-hoc definition).
    [Fact]
    public async Task A_step_without_a_registered_definition_still_runs()
    {
        var workflowId = await StartWorkflowAsync("""
            {"name":"test_workflow","correlationId":"workflow_taskdef_not_registered","input":{},"workflowDef":{"name":"test_workflow","schemaVersion":2,"ownerEmail":"test@harness.com","tasks":[
              {"name":"task_not_registered","taskReferenceName":"t0","type":"SIMPLE"}]}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var task = Assert.Single(Tasks(workflow));
        Assert.Equal("task_not_registered", (string?)task["taskDefName"]);
    }

    // harness WorkflowAndTaskConfigurationSpec "Test workflow with no tasks": the harness hands a
    // definition without tasks straight to WorkflowExecutor#startWorkflow, which completes the run at
    // once. Over HTTP the same start is refused: StartWorkflowRequest's workflowDef is @Valid and
    // WorkflowDef#tasks is @NotEmpty, so the API answers 400 and starts nothing.
    [Fact]
    public async Task A_definition_with_no_tasks_is_refused_at_start_over_http()
    {
        using var response = await PostAsync("workflow", """
            {"name":"empty_workflow","correlationId":"empty_workflow","input":{},"workflowDef":{"name":"empty_workflow","schemaVersion":2,"tasks":[]}}
            """);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WorkflowTask list cannot be empty", text, StringComparison.Ordinal);
    }

    /// <summary>Polls the task, sends it back IN_PROGRESS with a callback; checks it is held back until the clock passes the callback.</summary>
    private async Task CallBackLaterAsync(string workflowId, string taskType, int seconds, int expectedTasks)
    {
        var polled = await PollNowAsync(taskType);
        Assert.NotNull(polled);
        using (var update = await ReportAsync(polled, "IN_PROGRESS", extraJson: $"\"callbackAfterSeconds\":{seconds}"))
        {
            Assert.True(update.IsSuccessStatusCode, await update.Content.ReadAsStringAsync());
        }

        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(expectedTasks, Tasks(workflow).Count);
        Assert.Equal("SCHEDULED", Status(Tasks(workflow)[^1]));
        Assert.Null(await PollNowAsync(taskType));
        Clock!.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        Assert.Null(await PollNowAsync(taskType));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
    }

    /// <summary>integration_test_wf3 with TIME_OUT_WF and a 5-second timeout, started; the first task checked SCHEDULED.</summary>
    private Task<string> StartTimedWorkflowAsync() => StartWf3Async(timeoutSeconds: 5);

    /// <summary>integration_test_wf3 (TIME_OUT_WF with <paramref name="timeoutSeconds"/>), started; the first task checked SCHEDULED.</summary>
    private async Task<string> StartWf3Async(int timeoutSeconds)
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_3","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync($$$"""
            {"name":"integration_test_wf3","description":"integration_test_wf3","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com",
             "timeoutPolicy":"TIME_OUT_WF","timeoutSeconds":{{{timeoutSeconds}}},"inputParameters":["param1","param2"],"outputParameters":{},"tasks":[
              {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}","someNullKey":null}},
              {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${t1.output.op}"}},
              {"name":"integration_task_3","taskReferenceName":"t3","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${t1.output.op}"}}]}
            """);
        var workflowId = await StartWorkflowAsync("""
            {"name":"integration_test_wf3","version":1,"correlationId":"retry_timeout_wf","input":{"param1":"p1 value","param2":"p2 value"}}
            """);
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var task = Assert.Single(Tasks(workflow));
        Assert.Equal("integration_task_1", (string?)task["taskType"]);
        Assert.Equal("SCHEDULED", Status(task));
        return workflowId;
    }

    private async Task RetryAsync(string workflowId)
    {
        using var response = await PostAsync($"workflow/{workflowId}/retry?resumeSubworkflowTasks=false", "");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
