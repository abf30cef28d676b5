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

    /// <summary>The spec's setup: the task definitions and the workflows it loads.</summary>
    private async Task SetUpAsync()
    {
        await RegisterIntegrationTaskDefsAsync();
        await UpdateWorkflowDefAsync(FanInOutJson);
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
}
