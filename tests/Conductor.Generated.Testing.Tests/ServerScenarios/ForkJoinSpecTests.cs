using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The real server's integration spec test-harness/.../test/integration/ForkJoinSpec.groovy, over
// HTTP. The definitions are the ones the spec loads (fork_join_integration_test.json,
// fork_join_permissive_integration_test.json, fork_join_with_no_task_retry_integration_test.json,
// nested_fork_join_integration_test.json), written here in the same shape. Where the spec runs the
// JOIN with the async system task executor or sweeps the run, the test server's own background
// work does it: the test waits for the state.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   mapper/ForkJoinTaskMapper#getMappedTasks (the FORK COMPLETED, each branch's first task, then
//   the JOIN), mapper/JoinTaskMapper, tasks/Join#execute (waits on joinOn; a failed permissive
//   task fails the JOIN once every branch is done), DeciderService#decide and
//   #checkForWorkflowCompletion, WorkflowExecutorOps#terminateWorkflow (a failed non-permissive
//   task fails the run, pending tasks CANCELED).
public sealed class ForkJoinSpecTests : ScenarioTestBase
{
    private const string FanInOutJson = """
        {"name":"FanInOutTest","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"tasks":[
          {"name":"fork","taskReferenceName":"fanouttask","type":"FORK_JOIN","forkTasks":[
            [{"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"workflow.input.param1","p2":"workflow.input.param2"}},
             {"name":"integration_task_3","taskReferenceName":"t3","type":"SIMPLE","inputParameters":{"p1":"workflow.input.param1","p2":"workflow.input.param2"}}],
            [{"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"workflow.input.param1"}}]]},
          {"name":"join","taskReferenceName":"fanouttask_join","type":"JOIN","joinOn":["t3","t2"]},
          {"name":"integration_task_4","taskReferenceName":"t4","type":"SIMPLE","inputParameters":{"tp1":"workflow.input.param1"}}]}
        """;

    private const string FanInOutPermissiveJson = """
        {"name":"FanInOutPermissiveTest","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"tasks":[
          {"name":"fork","taskReferenceName":"fanouttask","type":"FORK_JOIN","forkTasks":[
            [{"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","permissive":true,"inputParameters":{"p1":"workflow.input.param1","p2":"workflow.input.param2"}}],
            [{"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","permissive":true,"inputParameters":{"tp1":"workflow.input.param1"}}]]},
          {"name":"join","taskReferenceName":"fanouttask_join","type":"JOIN","joinOn":["t1","t2"]},
          {"name":"integration_task_3","taskReferenceName":"t3","type":"SIMPLE","inputParameters":{"p1":"workflow.input.param1","p2":"workflow.input.param2"}}]}
        """;

    private const string FanInOutNoRetryJson = """
        {"name":"FanInOutTest_2","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"tasks":[
          {"name":"fork","taskReferenceName":"fanouttask","type":"FORK_JOIN","forkTasks":[
            [{"name":"integration_task_0_RT_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"workflow.input.param1","p2":"workflow.input.param2"}},
             {"name":"integration_task_0_RT_3","taskReferenceName":"t3","type":"SIMPLE","inputParameters":{"p1":"workflow.input.param1","p2":"workflow.input.param2"}}],
            [{"name":"integration_task_0_RT_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"workflow.input.param1"}}]]},
          {"name":"join","taskReferenceName":"fanouttask_join","type":"JOIN","joinOn":["t3","t2"]},
          {"name":"integration_task_0_RT_4","taskReferenceName":"t4","type":"SIMPLE","inputParameters":{"tp1":"workflow.input.param1"}}]}
        """;

    private const string CaseParams = """
        "inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}","case":"${workflow.input.case}"}
        """;

    private const string FanInOutNestedJson = $$$"""
        {"name":"FanInOutNestedTest","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"tasks":[
          {"name":"fork1","taskReferenceName":"fork1","type":"FORK_JOIN","forkTasks":[
            [{"name":"integration_task_11","taskReferenceName":"t11","type":"SIMPLE",{{{CaseParams}}}}],
            [{"name":"fork2","taskReferenceName":"fork2","type":"FORK_JOIN","forkTasks":[
               [{"name":"integration_task_12","taskReferenceName":"t12","type":"SIMPLE",{{{CaseParams}}}},
                {"name":"integration_task_14","taskReferenceName":"t14","type":"SIMPLE",{{{CaseParams}}}}],
               [{"name":"integration_task_13","taskReferenceName":"t13","type":"SIMPLE",{{{CaseParams}}}},
                {"name":"Decision","taskReferenceName":"d1","type":"DECISION","caseValueParam":"case",{{{CaseParams}}},
                 "decisionCases":{
                   "a":[{"name":"integration_task_16","taskReferenceName":"t16","type":"SIMPLE",{{{CaseParams}}}},
                        {"name":"integration_task_19","taskReferenceName":"t19","type":"SIMPLE",{{{CaseParams}}}},
                        {"name":"integration_task_20","taskReferenceName":"t20","type":"SIMPLE",{{{CaseParams}}}}],
                   "b":[{"name":"integration_task_17","taskReferenceName":"t17","type":"SIMPLE",{{{CaseParams}}}},
                        {"name":"integration_task_20","taskReferenceName":"t20b","type":"SIMPLE",{{{CaseParams}}}}]},
                 "defaultCase":[{"name":"integration_task_18","taskReferenceName":"t18","type":"SIMPLE",{{{CaseParams}}}},
                                {"name":"integration_task_20","taskReferenceName":"t20def","type":"SIMPLE",{{{CaseParams}}}}]}]]},
             {"name":"join2","taskReferenceName":"join2","type":"JOIN","joinOn":["t14","t20"]}]]},
          {"name":"join1","taskReferenceName":"join1","type":"JOIN","joinOn":["t11","join2"]},
          {"name":"integration_task_15","taskReferenceName":"t15","type":"SIMPLE",{{{CaseParams}}}}]}
        """;

    private const string FanInOutNestedSubWorkflowJson = $$$"""
        {"name":"FanInOutNestedSubWorkflowTest","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
          {"name":"fork1","taskReferenceName":"fork1","type":"FORK_JOIN","forkTasks":[
            [{"name":"integration_task_11","taskReferenceName":"t11","type":"SIMPLE",{{{CaseParams}}}}],
            [{"name":"fork2","taskReferenceName":"fork2","type":"FORK_JOIN","forkTasks":[
               [{"name":"integration_task_12","taskReferenceName":"t12","type":"SIMPLE",{{{CaseParams}}}},
                {"name":"integration_task_14","taskReferenceName":"t14","type":"SIMPLE",{{{CaseParams}}}}],
               [{"name":"integration_task_13","taskReferenceName":"t13","type":"SIMPLE",{{{CaseParams}}}},
                {"name":"Decision","taskReferenceName":"d1","type":"DECISION","caseValueParam":"case",{{{CaseParams}}},
                 "decisionCases":{
                   "a":[{"name":"integration_task_16","taskReferenceName":"t16","type":"SIMPLE",{{{CaseParams}}}},
                        {"name":"integration_task_19","taskReferenceName":"t19","type":"SIMPLE",{{{CaseParams}}}},
                        {"name":"integration_task_20","taskReferenceName":"t20","type":"SIMPLE",{{{CaseParams}}}}],
                   "b":[{"name":"integration_task_17","taskReferenceName":"t17","type":"SIMPLE",{{{CaseParams}}}},
                        {"name":"integration_task_20","taskReferenceName":"t20b","type":"SIMPLE",{{{CaseParams}}}}]},
                 "defaultCase":[{"name":"integration_task_18","taskReferenceName":"t18","type":"SIMPLE",{{{CaseParams}}}},
                                {"name":"integration_task_20","taskReferenceName":"t20def","type":"SIMPLE",{{{CaseParams}}}}]}]]},
             {"name":"join2","taskReferenceName":"join2","type":"JOIN","joinOn":["t14","t20"]}],
            [{"name":"sw1","taskReferenceName":"sw1","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"integration_test_wf"}}]]},
          {"name":"join1","taskReferenceName":"join1","type":"JOIN","joinOn":["t11","join2","sw1"]},
          {"name":"integration_task_15","taskReferenceName":"t15","type":"SIMPLE",{{{CaseParams}}}}]}
        """;

    private const string SimpleWorkflowJson = """
        {"name":"integration_test_wf","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
         "failureWorkflow":"$workflow.input.failureWfName",
         "outputParameters":{"o1":"${workflow.input.param1}","o2":"${t2.output.uuid}","o3":"${t1.output.op}"},"tasks":[
          {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}","p3":"${CPEWF_TASK_ID}"}},
          {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${t1.output.op}","tp3":"${CPEWF_TASK_ID}"}}]}
        """;

    private const string OneTaskSubWorkflowJson = """
        {"name":"sub_workflow","version":1,"schemaVersion":2,"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
          {"name":"simple_task_in_sub_wf","taskReferenceName":"t1","type":"SIMPLE"}]}
        """;

    private const string ForkJoinOptionalSubWorkflowsJson = """
        {"name":"integration_test_fork_join_optional_sw","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
          {"name":"fork","taskReferenceName":"fanouttask","type":"FORK_JOIN","forkTasks":[
            [{"name":"st1","taskReferenceName":"st1","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"sub_workflow"},"optional":true}],
            [{"name":"st2","taskReferenceName":"st2","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"sub_workflow"},"optional":true}]]},
          {"name":"join","taskReferenceName":"fanouttask_join","type":"JOIN","joinOn":["st1","st2"]}]}
        """;

    private const string ForkJoinSubWorkflowJson = """
        {"name":"integration_test_fork_join_sw","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
          {"name":"fork","taskReferenceName":"fanouttask","type":"FORK_JOIN","forkTasks":[
            [{"name":"sub_workflow_task","taskReferenceName":"st1","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"sub_workflow"}}],
            [{"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"}}]]},
          {"name":"join","taskReferenceName":"fanouttask_join","type":"JOIN","joinOn":["st1","t2"]}]}
        """;

    /// <summary>The spec's setup: the task definitions and the workflows it loads.</summary>
    private async Task SetUpAsync()
    {
        await RegisterIntegrationTaskDefsAsync();
        // WorkflowTestUtil#taskDefinitions: integration_task_0_RT_0..4 and simple_task_in_sub_wf with no retries.
        var noRetry = new JsonArray();
        for (var i = 0; i <= 4; i++)
        {
            noRetry.Add(new JsonObject { ["name"] = $"integration_task_0_RT_{i}", ["ownerEmail"] = "test@harness.com", ["retryCount"] = 0, ["timeoutSeconds"] = 120, ["responseTimeoutSeconds"] = 120 });
        }

        noRetry.Add(new JsonObject { ["name"] = "simple_task_in_sub_wf", ["ownerEmail"] = "test@harness.com", ["retryCount"] = 0 });
        // ... and sub_workflow_task: one retry without delay, a 5 s response timeout.
        noRetry.Add(new JsonObject { ["name"] = "sub_workflow_task", ["ownerEmail"] = "test@harness.com", ["retryCount"] = 1, ["responseTimeoutSeconds"] = 5, ["retryDelaySeconds"] = 0 });
        await RegisterTaskDefsAsync(noRetry.ToJsonString());
        foreach (var definition in new[] { FanInOutJson, FanInOutNoRetryJson, FanInOutNestedJson, SimpleWorkflowJson, FanInOutNestedSubWorkflowJson, OneTaskSubWorkflowJson, ForkJoinOptionalSubWorkflowsJson, ForkJoinSubWorkflowJson })
        {
            await UpdateWorkflowDefAsync(definition);
        }
    }

    /// <summary>MetadataService#updateTaskDef, as the spec's setup does it: the task with no retries and no timeout.</summary>
    private async Task WithoutRetriesAsync(string taskName)
    {
        using var response = await PutAsync(
            "metadata/taskdefs",
            $$"""{"name":"{{taskName}}","description":"{{taskName}}","ownerEmail":"test@harness.com","retryCount":0,"timeoutSeconds":0,"responseTimeoutSeconds":120}""");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    // harness ForkJoinSpec "Test a simple workflow with fork join success flow": the FORK schedules
    // each branch's first task and the JOIN; t3 follows t1 in its branch; the JOIN waits for t3
    // and t2, then t4 runs.
    [Fact]
    public async Task A_fork_join_runs_both_branches_then_the_task_after_the_join()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("FanInOutTest", "{}");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4, "the fork's four tasks");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_1", "SCHEDULED"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_1");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 5, "the branch's second task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_1", "COMPLETED"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS"), ("integration_task_3", "SCHEDULED")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_3");
        workflow = await UntilAsync(workflowId, run => Status(ByRef(run, "t3")) == "COMPLETED", "t3 completed");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_1", "COMPLETED"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS"), ("integration_task_3", "COMPLETED")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_2");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 6, "the task after the JOIN");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(("integration_task_2", "COMPLETED"), TypesAndStatuses(workflow)[2]);
        Assert.Equal(("JOIN", "COMPLETED"), TypesAndStatuses(workflow)[3]);
        Assert.Equal(("integration_task_4", "SCHEDULED"), TypesAndStatuses(workflow)[5]);

        await PollAndCompleteAsync("integration_task_4");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(6, Tasks(workflow).Count);
        Assert.Equal(("integration_task_4", "COMPLETED"), TypesAndStatuses(workflow)[5]);
    }

    // harness ForkJoinSpec "Test a simple workflow with fork join failure flow": integration_task_2
    // without retries fails; the run FAILS at once, the JOIN and the other branch's pending t3
    // CANCELED (DeciderService#decide, WorkflowExecutorOps#terminateWorkflow).
    [Fact]
    public async Task A_failed_branch_task_fails_the_run_and_cancels_the_join()
    {
        await SetUpAsync();
        await WithoutRetriesAsync("integration_task_2");
        var workflowId = await StartAsync("FanInOutTest", "{}");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4, "the fork's four tasks");
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_1", "SCHEDULED"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_1");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 5, "the branch's second task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_1", "COMPLETED"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS"), ("integration_task_3", "SCHEDULED")],
            TypesAndStatuses(workflow));

        await PollAndFailAsync("integration_task_2", "Failed....");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("FAILED", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_1", "COMPLETED"), ("integration_task_2", "FAILED"), ("JOIN", "CANCELED"), ("integration_task_3", "CANCELED")],
            TypesAndStatuses(workflow));
    }

    // harness ForkJoinSpec "Test a simple workflow with fork join permissive failure flow": the
    // real server lets a failed permissive task leave the run RUNNING until every branch ends, then
    // fails the JOIN (Join#execute, DeciderService#decide). The test server does not run permissive
    // tasks: the definition is refused, naming the setting and each task that sets it.
    [Fact]
    public async Task A_permissive_fork_is_refused_by_name()
    {
        await SetUpAsync();

        using var response = await PutAsync("metadata/workflow", $"[{FanInOutPermissiveJson}]");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(
            ["The setting permissive of t1 is not supported by the Conductor test server", "The setting permissive of t2 is not supported by the Conductor test server"],
            error["validationErrors"]!.AsArray().Select(item => (string?)item!["message"]));
    }

    // harness ForkJoinSpec "Test retrying a failed fork join workflow": t2 (no retries) fails the
    // run, the JOIN and t3 CANCELED; a retry (WorkflowExecutorOps#retry) reschedules the failed t2
    // and the canceled t3 as new tasks, puts the JOIN back IN_PROGRESS, and the run then completes.
    [Fact]
    public async Task Retrying_a_failed_fork_join_reschedules_the_failed_and_canceled_tasks()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("FanInOutTest_2", "{}");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4, "the fork's four tasks");
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_0_RT_1", "SCHEDULED"), ("integration_task_0_RT_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_0_RT_1");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 5, "the branch's second task");
        Assert.Equal(("integration_task_0_RT_3", "SCHEDULED"), TypesAndStatuses(workflow)[4]);

        await PollAndFailAsync("integration_task_0_RT_2", "Failed....");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("FAILED", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_0_RT_1", "COMPLETED"), ("integration_task_0_RT_2", "FAILED"), ("JOIN", "CANCELED"), ("integration_task_0_RT_3", "CANCELED")],
            TypesAndStatuses(workflow));

        using (var response = await PostAsync($"workflow/{workflowId}/retry?resumeSubworkflowTasks=false", ""))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 7, "the retried tasks");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_0_RT_1", "COMPLETED"), ("integration_task_0_RT_2", "FAILED"), ("JOIN", "IN_PROGRESS"),
             ("integration_task_0_RT_3", "CANCELED"), ("integration_task_0_RT_2", "SCHEDULED"), ("integration_task_0_RT_3", "SCHEDULED")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_0_RT_3");
        await PollAndCompleteAsync("integration_task_0_RT_2");
        await PollAndCompleteAsync("integration_task_0_RT_4");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_0_RT_1", "COMPLETED"), ("integration_task_0_RT_2", "FAILED"), ("JOIN", "COMPLETED"),
             ("integration_task_0_RT_3", "CANCELED"), ("integration_task_0_RT_2", "COMPLETED"), ("integration_task_0_RT_3", "COMPLETED"), ("integration_task_0_RT_4", "COMPLETED")],
            TypesAndStatuses(workflow));
    }

    // harness ForkJoinSpec "Test nested fork join workflow success flow": a fork inside a fork
    // branch, a DECISION inside the inner fork; the inner JOIN waits on t14 and the case's last
    // task t20, the outer JOIN on t11 and the inner JOIN; the tasks appear in the order the spec
    // asserts (ForkJoinTaskMapper maps the branches depth first, then the JOIN).
    [Fact]
    public async Task A_nested_fork_join_with_a_decision()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("FanInOutNestedTest", """{"case":"a"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 7, "the two forks' seven tasks");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_11", "SCHEDULED"), ("FORK", "COMPLETED"), ("integration_task_12", "SCHEDULED"),
             ("integration_task_13", "SCHEDULED"), ("JOIN", "IN_PROGRESS"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(workflow));
        Assert.Equal(["fork1", "t11", "fork2", "t12", "t13", "join2", "join1"], Tasks(workflow).Select(task => (string)task["referenceTaskName"]!));
        Assert.Equal(["t14", "t20"], JoinOn(Tasks(workflow)[5]));
        Assert.Equal(["t11", "join2"], JoinOn(Tasks(workflow)[6]));

        await PollAndCompleteAsync("integration_task_11");
        await PollAndCompleteAsync("integration_task_12");
        await PollAndCompleteAsync("integration_task_13");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 10, "t14, the DECISION and t16");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_11", "COMPLETED"), ("FORK", "COMPLETED"), ("integration_task_12", "COMPLETED"),
             ("integration_task_13", "COMPLETED"), ("JOIN", "IN_PROGRESS"), ("JOIN", "IN_PROGRESS"),
             ("integration_task_14", "SCHEDULED"), ("DECISION", "COMPLETED"), ("integration_task_16", "SCHEDULED")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_16");
        await PollAndCompleteAsync("integration_task_14");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 11, "t19");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("JOIN", "IN_PROGRESS"), ("JOIN", "IN_PROGRESS"), ("integration_task_14", "COMPLETED"), ("DECISION", "COMPLETED"), ("integration_task_16", "COMPLETED"), ("integration_task_19", "SCHEDULED")], TypesAndStatuses(workflow)[5..]);

        await PollAndCompleteAsync("integration_task_19");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 12, "t20");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(("JOIN", "IN_PROGRESS"), TypesAndStatuses(workflow)[5]);
        Assert.Equal(("JOIN", "IN_PROGRESS"), TypesAndStatuses(workflow)[6]);
        Assert.Equal(("integration_task_19", "COMPLETED"), TypesAndStatuses(workflow)[10]);
        Assert.Equal(("integration_task_20", "SCHEDULED"), TypesAndStatuses(workflow)[11]);

        await PollAndCompleteAsync("integration_task_20");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 13, "t15 after both JOINs");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(("JOIN", "COMPLETED"), TypesAndStatuses(workflow)[5]);
        Assert.Equal(("JOIN", "COMPLETED"), TypesAndStatuses(workflow)[6]);
        Assert.Equal(("integration_task_20", "COMPLETED"), TypesAndStatuses(workflow)[11]);
        Assert.Equal(("integration_task_15", "SCHEDULED"), TypesAndStatuses(workflow)[12]);

        await PollAndCompleteAsync("integration_task_15");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(13, Tasks(workflow).Count);
        Assert.Equal(("integration_task_15", "COMPLETED"), TypesAndStatuses(workflow)[12]);
    }

    // harness ForkJoinSpec "Test nested workflow which contains a sub workflow task": the nested
    // fork join with a third outer branch running a sub-workflow; the outer JOIN waits on t11, the
    // inner JOIN and the SUB_WORKFLOW, which completes when its child does (SubWorkflow#execute)
    // without adding a task to the parent.
    [Fact]
    public async Task A_nested_fork_join_with_a_sub_workflow_branch()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("FanInOutNestedSubWorkflowTest", """{"case":"a"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 8 && Status(ByRef(run, "sw1")) == "IN_PROGRESS", "the forks' eight tasks, the sub-workflow started");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("integration_task_11", "SCHEDULED"), ("FORK", "COMPLETED"), ("integration_task_12", "SCHEDULED"),
             ("integration_task_13", "SCHEDULED"), ("JOIN", "IN_PROGRESS"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(workflow));
        Assert.Equal(["t14", "t20"], JoinOn(Tasks(workflow)[5]));
        Assert.Equal(["t11", "join2", "sw1"], JoinOn(Tasks(workflow)[7]));

        await PollAndCompleteAsync("integration_task_11");
        await PollAndCompleteAsync("integration_task_12");
        await PollAndCompleteAsync("integration_task_13");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 11, "t14, the DECISION and t16");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("JOIN", "IN_PROGRESS"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("JOIN", "IN_PROGRESS"), ("integration_task_14", "SCHEDULED"), ("DECISION", "COMPLETED"), ("integration_task_16", "SCHEDULED")],
            TypesAndStatuses(workflow)[5..]);

        await PollAndCompleteAsync("integration_task_16");
        await PollAndCompleteAsync("integration_task_14");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 12, "t19");
        Assert.Equal(
            [("JOIN", "IN_PROGRESS"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("JOIN", "IN_PROGRESS"), ("integration_task_14", "COMPLETED"), ("DECISION", "COMPLETED"), ("integration_task_16", "COMPLETED"), ("integration_task_19", "SCHEDULED")],
            TypesAndStatuses(workflow)[5..]);

        var subWorkflowId = (string)ByRef(workflow, "sw1")!["subWorkflowId"]!;
        var child = await UntilAsync(subWorkflowId, run => Tasks(run).Count == 1, "the child's first task");
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal([("integration_task_1", "SCHEDULED")], TypesAndStatuses(child));

        await PollAndCompleteAsync("integration_task_1");
        await PollAndCompleteAsync("integration_task_2");
        child = await EndedAsync(subWorkflowId);
        Assert.Equal("COMPLETED", (string?)child["status"]);
        Assert.Equal([("integration_task_1", "COMPLETED"), ("integration_task_2", "COMPLETED")], TypesAndStatuses(child));

        workflow = await UntilAsync(workflowId, run => Status(ByRef(run, "sw1")) == "COMPLETED", "the SUB_WORKFLOW completed");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(12, Tasks(workflow).Count);
        Assert.Equal([("JOIN", "IN_PROGRESS"), ("SUB_WORKFLOW", "COMPLETED"), ("JOIN", "IN_PROGRESS")], TypesAndStatuses(workflow)[5..8]);
        Assert.Equal(("integration_task_19", "SCHEDULED"), TypesAndStatuses(workflow)[11]);

        await PollAndCompleteAsync("integration_task_19");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 13, "t20");
        Assert.Equal(("JOIN", "IN_PROGRESS"), TypesAndStatuses(workflow)[5]);
        Assert.Equal(("JOIN", "IN_PROGRESS"), TypesAndStatuses(workflow)[7]);
        Assert.Equal(("integration_task_20", "SCHEDULED"), TypesAndStatuses(workflow)[12]);

        await PollAndCompleteAsync("integration_task_20");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 14, "t15 after both JOINs");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(("JOIN", "COMPLETED"), TypesAndStatuses(workflow)[5]);
        Assert.Equal(("JOIN", "COMPLETED"), TypesAndStatuses(workflow)[7]);
        Assert.Equal(("integration_task_20", "COMPLETED"), TypesAndStatuses(workflow)[12]);
        Assert.Equal(("integration_task_15", "SCHEDULED"), TypesAndStatuses(workflow)[13]);

        await PollAndCompleteAsync("integration_task_15");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(14, Tasks(workflow).Count);
        Assert.Equal(("integration_task_15", "COMPLETED"), TypesAndStatuses(workflow)[13]);
    }

    // harness ForkJoinSpec "Test fork join with sub workflows containing optional tasks": two
    // optional SUB_WORKFLOW branches whose children fail: each SUB_WORKFLOW and the JOIN end
    // COMPLETED_WITH_ERRORS and the run COMPLETES (DeciderService#decide for optional tasks,
    // Join#execute). A rerun of one child runs it again and leaves the ended parent as it is
    // (WorkflowExecutorOps#rerun).
    [Fact]
    public async Task Failed_optional_sub_workflows_complete_the_join_with_errors()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("integration_test_fork_join_optional_sw", """{"param1":"p1 value","param2":"p2 value"}""");

        var workflow = await UntilAsync(
            workflowId,
            run => Tasks(run).Count == 4 && Status(ByRef(run, "st1")) == "IN_PROGRESS" && Status(ByRef(run, "st2")) == "IN_PROGRESS",
            "both sub-workflows started");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("FORK", "COMPLETED"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("JOIN", "IN_PROGRESS")], TypesAndStatuses(workflow));
        Assert.Equal(["st1", "st2"], JoinOn(Tasks(workflow)[3]));

        var child1 = (string)ByRef(workflow, "st1")!["subWorkflowId"]!;
        var child2 = (string)ByRef(workflow, "st2")!["subWorkflowId"]!;
        foreach (var childId in new[] { child1, child2 })
        {
            var child = await UntilAsync(childId, run => Tasks(run).Count == 1, "the child's task");
            Assert.Equal("RUNNING", (string?)child["status"]);
            Assert.Equal([("simple_task_in_sub_wf", "SCHEDULED")], TypesAndStatuses(child));
        }

        await PollAndFailAsync("simple_task_in_sub_wf", "Failed....");
        await PollAndFailAsync("simple_task_in_sub_wf", "Failed....");
        foreach (var childId in new[] { child1, child2 })
        {
            var child = await EndedAsync(childId);
            Assert.Equal("FAILED", (string?)child["status"]);
            Assert.Equal([("simple_task_in_sub_wf", "FAILED")], TypesAndStatuses(child));
        }

        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("SUB_WORKFLOW", "COMPLETED_WITH_ERRORS"), ("SUB_WORKFLOW", "COMPLETED_WITH_ERRORS"), ("JOIN", "COMPLETED_WITH_ERRORS")],
            TypesAndStatuses(workflow));

        using (var response = await PostAsync($"workflow/{child1}/rerun", $$"""{"reRunFromWorkflowId":"{{child1}}"}"""))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var rerun = await UntilAsync(child1, run => Tasks(run).Count == 1 && (string?)run["status"] == "RUNNING", "the child running again");
        Assert.Equal([("simple_task_in_sub_wf", "SCHEDULED")], TypesAndStatuses(rerun));
        workflow = await WorkflowAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("SUB_WORKFLOW", "COMPLETED_WITH_ERRORS"), ("SUB_WORKFLOW", "COMPLETED_WITH_ERRORS"), ("JOIN", "COMPLETED_WITH_ERRORS")],
            TypesAndStatuses(workflow));
    }

    // harness ForkJoinSpec "Test fork join with sub workflow task using task definition": the
    // SUB_WORKFLOW step is named after a registered task definition with one retry; its child
    // fails, so the SUB_WORKFLOW fails and is retried as a new task with a new child, while the
    // JOIN stays IN_PROGRESS; the second child completes and so does the run
    // (DeciderService#retry, SubWorkflow#execute).
    [Fact]
    public async Task A_sub_workflow_branch_is_retried_by_its_task_definition()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("integration_test_fork_join_sw", """{"param1":"p1 value","param2":"p2 value"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4 && Status(ByRef(run, "st1")) == "IN_PROGRESS", "the sub-workflow started");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("FORK", "COMPLETED"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS")], TypesAndStatuses(workflow));
        Assert.Equal(["st1", "t2"], JoinOn(Tasks(workflow)[3]));

        var firstChild = (string)ByRef(workflow, "st1")!["subWorkflowId"]!;
        var child = await UntilAsync(firstChild, run => Tasks(run).Count == 1, "the child's task");
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal([("simple_task_in_sub_wf", "SCHEDULED")], TypesAndStatuses(child));

        await PollAndFailAsync("simple_task_in_sub_wf", "Failed....");
        child = await EndedAsync(firstChild);
        Assert.Equal("FAILED", (string?)child["status"]);
        Assert.Equal([("simple_task_in_sub_wf", "FAILED")], TypesAndStatuses(child));

        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 5 && Status(Tasks(run)[4]) == "IN_PROGRESS", "the retried SUB_WORKFLOW started");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("SUB_WORKFLOW", "FAILED"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS"), ("SUB_WORKFLOW", "IN_PROGRESS")],
            TypesAndStatuses(workflow));
        Assert.Equal(1, (int)Tasks(workflow)[4]["retryCount"]!);

        var secondChild = (string)ByRef(workflow, "st1")!["subWorkflowId"]!;
        Assert.NotEqual(firstChild, secondChild);
        child = await UntilAsync(secondChild, run => Tasks(run).Count == 1, "the second child's task");
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal([("simple_task_in_sub_wf", "SCHEDULED")], TypesAndStatuses(child));

        await PollAndCompleteAsync("simple_task_in_sub_wf");
        child = await EndedAsync(secondChild);
        Assert.Equal("COMPLETED", (string?)child["status"]);
        workflow = await UntilAsync(workflowId, run => Status(Tasks(run)[4]) == "COMPLETED", "the retried SUB_WORKFLOW completed");
        Assert.Equal(
            [("FORK", "COMPLETED"), ("SUB_WORKFLOW", "FAILED"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS"), ("SUB_WORKFLOW", "COMPLETED")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_2");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("SUB_WORKFLOW", "FAILED"), ("integration_task_2", "COMPLETED"), ("JOIN", "COMPLETED"), ("SUB_WORKFLOW", "COMPLETED")],
            TypesAndStatuses(workflow));
        Assert.Equal(["st1", "t2"], JoinOn(Tasks(workflow)[3]));
    }

    private static List<string?> JoinOn(JsonNode task) => [.. task["inputData"]!["joinOn"]!.AsArray().Select(value => (string?)value)];
}
