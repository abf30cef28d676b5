using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The scenarios of the real server's e2e suite, control/DynamicForkTests.java, over HTTP.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   mapper/ForkJoinDynamicTaskMapper#getMappedTasks, #getDynamicForkTasksAndInput,
//   #getDynamicForkWorkflowTasks, #getDynamicTasksSimple; tasks/Join#execute;
//   DeciderService#retry (a failed task with retries left is scheduled again, its definition's
//   retryCount unless the workflow task sets one), #decide; mapper/SubWorkflowTaskMapper;
//   MetadataMapperService#populateWorkflowTaskWithDefinition (no registered definition: defaults)
public sealed class DynamicForkScenarioTests : ScenarioTestBase
{
    // A worker task whose output names the tasks to fork, the dynamic fork reading it, a JOIN.
    private const string FanInOutJson = """
        {"name":"DynamicFanInOutTest","version":1,"ownerEmail":"test@conductor.io","timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
          {"name":"dt1","taskReferenceName":"dt1","type":"SIMPLE"},
          {"name":"dynamicFork","taskReferenceName":"dynamicFork","type":"FORK_JOIN_DYNAMIC","dynamicForkTasksParam":"dynamicTasks","dynamicForkTasksInputParamName":"dynamicTasksInput",
           "inputParameters":{"dynamicTasks":"${dt1.output.dynamicTasks}","dynamicTasksInput":"${dt1.output.dynamicTasksInput}"}},
          {"name":"join_dynamic","taskReferenceName":"join_dynamic","type":"JOIN"}]}
        """;

    // As the Java client sends `new TaskDef(name)`: 3 retries, 60 seconds apart.
    private const string TaskDefsJson = """
        [{"name":"dt1","ownerEmail":"test@conductor.io","retryCount":3,"retryDelaySeconds":60,"retryLogic":"FIXED","responseTimeoutSeconds":3600,"timeoutSeconds":0,"timeoutPolicy":"TIME_OUT_WF"},
         {"name":"dt2","ownerEmail":"test@conductor.io","retryCount":3,"retryDelaySeconds":60,"retryLogic":"FIXED","responseTimeoutSeconds":3600,"timeoutSeconds":0,"timeoutPolicy":"TIME_OUT_WF"},
         {"name":"integration_task_2","ownerEmail":"test@conductor.io","retryCount":3,"retryDelaySeconds":60,"retryLogic":"FIXED","responseTimeoutSeconds":3600,"timeoutSeconds":0,"timeoutPolicy":"TIME_OUT_WF"},
         {"name":"integration_task_3","ownerEmail":"test@conductor.io","retryCount":3,"retryDelaySeconds":60,"retryLogic":"FIXED","responseTimeoutSeconds":3600,"timeoutSeconds":0,"timeoutPolicy":"TIME_OUT_WF"}]
        """;

    private async Task<string> StartFanInOutAsync()
    {
        await RegisterAsync(FanInOutJson);
        using (var taskDefs = await PostAsync("metadata/taskdefs", TaskDefsJson))
        {
            Assert.True(taskDefs.IsSuccessStatusCode, await taskDefs.Content.ReadAsStringAsync());
        }

        return await StartAsync("DynamicFanInOutTest", "{}");
    }

    private static List<string> Statuses(JsonNode workflow) => [.. Tasks(workflow).Select(task => Status(task)!)];

    // e2e DynamicForkTests#testTaskDynamicForkOptional. The failed optional branch task is retried
    // (DeciderService#retry: its definition allows 3), the JOIN waits for the retry; once it and
    // the other branch complete, Join#execute completes and so does the workflow.
    [Fact]
    public async Task An_optional_forked_task_that_fails_is_retried_and_the_join_waits_for_it()
    {
        var workflowId = await StartFanInOutAsync();
        await UpdateAsync(await PendingAsync(workflowId, "dt1"), "COMPLETED", """
            {"dynamicTasks":[{"name":"integration_task_2","taskReferenceName":"xdt1"},{"name":"integration_task_3","taskReferenceName":"xdt2","optional":true}],
             "dynamicTasksInput":{"xdt1":{"k1":"v1"},"xdt2":{"k2":"v2"}}}
            """);

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 5, "the forked tasks and the join");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["COMPLETED", "COMPLETED", "SCHEDULED", "SCHEDULED", "IN_PROGRESS"], Statuses(workflow));
        Assert.Equal(["dt1", "dynamicFork", "xdt1", "xdt2", "join_dynamic"], Tasks(workflow).Select(task => (string)task["referenceTaskName"]!));
        Assert.Equal("v2", (string?)Tasks(workflow)[3]["inputData"]!["k2"]);

        await UpdateAsync(Tasks(workflow)[3], "FAILED");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 6, "the retry of xdt2");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["COMPLETED", "COMPLETED", "SCHEDULED", "FAILED", "IN_PROGRESS", "SCHEDULED"], Statuses(workflow));
        Assert.Equal("xdt2", (string?)Tasks(workflow)[5]["referenceTaskName"]);
        Assert.Equal(1, (int)Tasks(workflow)[5]["retryCount"]!);

        await UpdateAsync(Tasks(workflow)[2], "COMPLETED");
        await UpdateAsync(Tasks(workflow)[5], "COMPLETED");

        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(["COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "COMPLETED", "COMPLETED"], Statuses(workflow));
    }

    // e2e DynamicForkTests#testTaskDynamicForkEmptyTaskName: a forked SUB_WORKFLOW with no name
    // starts the child named by its subWorkflowParam.
    [Fact]
    public async Task A_forked_sub_workflow_without_a_name_starts_its_child()
    {
        await RegisterAsync("""
            {"name":"http_sub_wf_test","ownerEmail":"test@conductor.io","timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"http_sub_task","taskReferenceName":"http_sub_task","type":"SIMPLE","inputParameters":{"evaluatorType":"graaljs","expression":"true;"}}]}
            """);
        var workflowId = await StartFanInOutAsync();
        await UpdateAsync(await PendingAsync(workflowId, "dt1"), "COMPLETED", """
            {"dynamicTasks":[{"taskReferenceName":"test_task","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"http_sub_wf_test"}}],"dynamicTasksInput":{}}
            """);

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4 && Tasks(run)[2]["subWorkflowId"] is not null, "the forked sub-workflow started");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["COMPLETED", "COMPLETED", "IN_PROGRESS", "IN_PROGRESS"], Statuses(workflow));
        var childId = (string)Tasks(workflow)[2]["subWorkflowId"]!;
        Assert.Equal("http_sub_wf_test", (string?)(await WorkflowAsync(childId))["workflowName"]);

        using var terminated = await Http.DeleteAsync($"workflow/{workflowId}?reason=terminated");
        Assert.True(terminated.IsSuccessStatusCode);
        Assert.Equal("TERMINATED", (string?)(await WorkflowAsync(childId))["status"]);
    }

    // e2e DynamicForkTests#testTaskDynamicForkNullTaskReferenceName:
    // ForkJoinDynamicTaskMapper#getDynamicForkWorkflowTasks refuses a forked task without a
    // reference name; the TerminateWorkflowException fails the workflow before the fork is added.
    [Fact]
    public async Task A_forked_task_without_a_reference_name_fails_the_workflow()
    {
        var workflowId = await StartFanInOutAsync();
        await UpdateAsync(await PendingAsync(workflowId, "dt1"), "COMPLETED", """
            {"dynamicTasks":[{"type":"SUB_WORKFLOW","subWorkflowParam":{"name":"http"}}],"dynamicTasksInput":{}}
            """);

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("FAILED", (string?)workflow["status"]);
        Assert.Equal(["COMPLETED"], Statuses(workflow));
        Assert.StartsWith("Input 'dynamicTasks' is invalid. Cannot deserialize a list of Workflow Tasks from ", (string?)workflow["reasonForIncompletion"]);
    }

    // e2e DynamicForkTests#testTaskDynamicForkRetryCount (disabled there for a race between the
    // asynchronous JOIN and the retry; the test server decides under one lock). The forked task's
    // own retryCount (2) applies; the sink set on a forked task is kept on its workflowTask.
    [Fact]
    public async Task A_forked_task_keeps_its_own_retry_count_and_settings()
    {
        var workflowId = await StartFanInOutAsync();
        await UpdateAsync(await PendingAsync(workflowId, "dt1"), "COMPLETED", """
            {"dynamicTasks":[{"name":"integration_task_2","taskReferenceName":"xdt1","optional":true,"sink":"kitchen_sink"},{"name":"integration_task_3","taskReferenceName":"xdt2","retryCount":2}],
             "dynamicTasksInput":{"xdt1":{"k1":"v1"},"xdt2":{"k2":"v2"}}}
            """);

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 5, "the forked tasks and the join");
        Assert.Equal(["COMPLETED", "COMPLETED", "SCHEDULED", "SCHEDULED", "IN_PROGRESS"], Statuses(workflow));
        Assert.Equal("kitchen_sink", (string?)Tasks(workflow)[2]["workflowTask"]!["sink"]);

        await UpdateAsync(Tasks(workflow)[3], "FAILED");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 6, "the retry of xdt2");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["COMPLETED", "COMPLETED", "SCHEDULED", "FAILED", "IN_PROGRESS", "SCHEDULED"], Statuses(workflow));

        // Two retries at most: the third failure fails the workflow.
        await UpdateAsync(Tasks(workflow)[5], "FAILED");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 7, "the second retry of xdt2");
        Assert.Equal(2, (int)Tasks(workflow)[6]["retryCount"]!);
        await UpdateAsync(Tasks(workflow)[6], "FAILED");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("FAILED", (string?)workflow["status"]);
    }

    // e2e DynamicForkTests#testTaskDynamicForkDuplicateReferenceNameOfForkedTasksWhenMultipleFor:
    // two dynamic forks of the same task by forkTaskName; ForkJoinDynamicTaskMapper#getMappedTasks
    // names the second one's tasks after its own reference name, so they do not collide.
    [Fact]
    public async Task Two_identical_simple_dynamic_forks_do_not_collide()
    {
        const string Fork = """
            {"name":"NAME","taskReferenceName":"NAME","type":"FORK_JOIN_DYNAMIC","inputParameters":{"forkTaskName":"forked_task","forkTaskInputs":[{"a":1},{"a":2}]}}
            """;
        var definition = $$"""
            {"name":"TwoIdenticalDynamicForks","version":1,"ownerEmail":"test@conductor.io","timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {{Fork.Replace("NAME", "dynamicFork1", StringComparison.Ordinal)}},
              {"name":"join1","taskReferenceName":"join1","type":"JOIN"},
              {{Fork.Replace("NAME", "dynamicFork2", StringComparison.Ordinal)}},
              {"name":"join2","taskReferenceName":"join2","type":"JOIN"}]}
            """;
        string workflowId;
        using (var started = await PostAsync("workflow", $$"""{"name":"TwoIdenticalDynamicForks","version":1,"workflowDef":{{definition}}}"""))
        {
            workflowId = await started.Content.ReadAsStringAsync();
            Assert.True(started.IsSuccessStatusCode, workflowId);
        }

        // The e2e test's loop: complete whatever forked task is scheduled until the run ends.
        var completed = new HashSet<string>();
        var deadline = DateTime.UtcNow + Patience;
        JsonNode workflow;
        while ((string?)(workflow = await WorkflowAsync(workflowId))["status"] == "RUNNING")
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still running: {workflow.ToJsonString()}");
            foreach (var task in Tasks(workflow).Where(task => (string?)task["taskType"] == "forked_task" && Status(task) == "SCHEDULED" && completed.Add((string)task["taskId"]!)))
            {
                await UpdateAsync(task, "COMPLETED", """{"b":true}""");
            }

            await Task.Delay(20);
        }

        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(
            ["dynamicFork1", "_forked_task_0", "_forked_task_1", "join1", "dynamicFork2", "_dynamicFork2_forked_task_0", "_dynamicFork2_forked_task_1", "join2"],
            Tasks(workflow).Select(task => (string)task["referenceTaskName"]!));
        Assert.Equal(1, (int)Tasks(workflow)[5]["inputData"]!["a"]!);
    }

    // An INLINE builds the task to fork, whose input asks for its own id: `${CPEWF_TASK_ID}`
    // (written "$" + "{...}" so that the INLINE's own input does not resolve it).
    private static string TaskIdForkJson(bool withInputs) => """
        {"name":"task_id_dyn_fork","version":1,"ownerEmail":"test@conductor.io","timeoutPolicy":"ALERT_ONLY","tasks":[
          {"name":"inline","taskReferenceName":"inline_ref","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":
            "[ { name: 'fail_on_purpose', taskReferenceName: 'fail_on_purpose_ref', type: 'SIMPLE', inputParameters: { task_id: '$' + '{CPEWF_TASK_ID}' } } ]"}},
          {"name":"fork","taskReferenceName":"fork_ref","type":"FORK_JOIN_DYNAMIC","dynamicForkTasksParam":"dynamicTasks","dynamicForkTasksInputParamName":"dynamicTasksInput",
           "inputParameters":{"dynamicTasks":"${inline_ref.output.result}"INPUTS}},
          {"name":"join","taskReferenceName":"join_ref","type":"JOIN"}]}
        """.Replace("INPUTS", withInputs ? ""","dynamicTasksInput":{}""" : "", StringComparison.Ordinal);

    // e2e DynamicForkTests#testCorrectTaskIdOnRetries (disabled there for a race). Its definition
    // gives the fork no dynamicTasksInput, which the open-source mapper refuses
    // (ForkJoinDynamicTaskMapper#getDynamicForkTasksAndInput: not a map); the run fails with
    // only the INLINE before it.
    [Fact]
    public async Task A_dynamic_fork_without_its_input_map_fails_the_workflow()
    {
        await RegisterAsync(TaskIdForkJson(withInputs: false));
        var workflow = await EndedAsync(await StartAsync("task_id_dyn_fork", "{}"));

        Assert.Equal("FAILED", (string?)workflow["status"]);
        Assert.Equal(["inline_ref"], Tasks(workflow).Select(task => (string)task["referenceTaskName"]!));
        Assert.Equal(
            "Input to the dynamically forked tasks is not a map -> expecting a map of K,V  but found null",
            (string?)workflow["reasonForIncompletion"]);
    }

    // e2e DynamicForkTests#testCorrectTaskIdOnRetries, with the input map given: a forked task
    // that fails every attempt runs three times (retryCount 2) and each attempt's `task_id` is its
    // own id (ParametersUtils#replaceVariables, EnvUtils#getSystemParametersValue; DeciderService#retry
    // resolves the input again with the new task's id). Fails without `${CPEWF_TASK_ID}`.
    [Fact]
    public async Task Each_attempt_of_a_forked_task_reads_its_own_task_id()
    {
        using (var taskDefs = await PostAsync("metadata/taskdefs", """
            [{"name":"fail_on_purpose","ownerEmail":"test@conductor.io","retryCount":2,"timeoutSeconds":20,"timeoutPolicy":"RETRY","retryLogic":"FIXED","retryDelaySeconds":1,"responseTimeoutSeconds":2}]
            """))
        {
            Assert.True(taskDefs.IsSuccessStatusCode, await taskDefs.Content.ReadAsStringAsync());
        }

        await RegisterAsync(TaskIdForkJson(withInputs: true));
        var workflowId = await StartAsync("task_id_dyn_fork", "{}");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var task = await PollTaskAsync("fail_on_purpose");
            Assert.Equal((string?)task["taskId"], (string?)task["inputData"]!["task_id"]);
            using var failed = await ReportAsync(task, "FAILED", """{"message":"Failing task on purpose"}""");
            Assert.True(failed.IsSuccessStatusCode);
        }

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("FAILED", (string?)workflow["status"]);
        var attempts = Tasks(workflow).Where(task => (string?)task["taskDefName"] == "fail_on_purpose").ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, task => Assert.Equal((string?)task["taskId"], (string?)task["inputData"]!["task_id"]));
    }

    private const string JoinScriptJson = """
        {"name":"dyn_fork_test","version":1,"ownerEmail":"test@conductor.io","timeoutPolicy":"ALERT_ONLY","tasks":[
          {"name":"inline","taskReferenceName":"inline_ref","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":
            "(function() { return { tasks: [ {optional: true, name: 'simple_1', taskReferenceName: 'simple_1', type: 'SIMPLE'}, {optional: true, name: 'simple_2', taskReferenceName: 'simple_2', type: 'SIMPLE'}, {optional: true, name: 'simple_3', taskReferenceName: 'simple_3', type: 'SIMPLE'} ], inputs: { simple_1: {}, simple_2: {}, simple_3: {} } }; })();"}},
          {"name":"dyn_fork","taskReferenceName":"dyn_fork_ref","type":"FORK_JOIN_DYNAMIC","dynamicForkTasksParam":"dynamicTasks","dynamicForkTasksInputParamName":"dynamicTasksInput",
           "inputParameters":{"dynamicTasks":"${inline_ref.output.result.tasks}","dynamicTasksInput":"${inline_ref.output.result.inputs}"}},
          {"name":"join_1","taskReferenceName":"join_1","type":"JOIN","inputParameters":{},"evaluatorType":"js",
           "expression":"(function(){ if ($.joinOn) { return {status: 'IN_PROGRESS'}; } return true; })();"}]}
        """;

    // e2e DynamicForkTests#joinOnScript. The open-source Join#execute has no join script: it joins
    // on every forked task whatever `evaluatorType`/`expression` the JOIN carries (they are kept
    // on its workflowTask and read by nothing). Two of three done: the JOIN stays IN_PROGRESS.
    [Fact]
    public async Task A_join_with_a_script_still_joins_on_all_forked_tasks()
    {
        await RegisterAsync(JoinScriptJson);
        var workflowId = await StartAsync("dyn_fork_test", "{}");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 6, "the forked tasks and the join");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var join = Tasks(workflow)[5];
        Assert.Equal("IN_PROGRESS", Status(join));
        Assert.Equal("JOIN", (string?)join["taskType"]);
        Assert.Equal("join_1", (string?)join["referenceTaskName"]);
        Assert.Equal("simple_1", (string?)Tasks(workflow)[2]["referenceTaskName"]);
        Assert.Equal("SCHEDULED", Status(Tasks(workflow)[2]));
        Assert.Equal("simple_2", (string?)Tasks(workflow)[3]["referenceTaskName"]);
        Assert.Equal("SCHEDULED", Status(Tasks(workflow)[3]));

        await UpdateAsync(Tasks(workflow)[2], "COMPLETED");
        await UpdateAsync(Tasks(workflow)[3], "COMPLETED");

        // Let the server decide again (as its JOIN sweeper would), then the JOIN is still waiting.
        using (var decided = await PutAsync($"workflow/decide/{workflowId}", ""))
        {
            Assert.True(decided.IsSuccessStatusCode);
        }

        workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal("IN_PROGRESS", Status(Tasks(workflow)[5]));
        Assert.Equal("simple_3", (string?)Tasks(workflow)[4]["referenceTaskName"]);
        Assert.Equal("SCHEDULED", Status(Tasks(workflow)[4]));

        await UpdateAsync(Tasks(workflow)[4], "COMPLETED");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[5]));
        Assert.Equal("join_1", (string?)Tasks(workflow)[5]["referenceTaskName"]);
    }
}
