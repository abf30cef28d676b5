using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// A sample, by kind, of the scenarios of e2e WorkflowRerunTests (workflow/WorkflowRerunTests.java),
/// over HTTP. Real server: WorkflowExecutorOps#rerun and #rerunWF (from a task: later tasks
/// removed, that task scheduled again), #updateAndPushParents (a rerun child takes its parents
/// with it), TaskResource#updateTaskSync (the update answers with the workflow).
/// </summary>
public sealed class WorkflowRerunScenarioTests : WorkflowOperationScenarioBase
{
    /// <summary>A fake clock runs the WAIT timers; nothing else here depends on time.</summary>
    public WorkflowRerunScenarioTests()
        : base(useFakeClock: true)
    {
    }

    // e2e WorkflowRerunTests#testWaitTaskWithTimerRerun: a WAIT of 30 seconds, the run terminated
    // while it waits, some time passes, then a rerun from the WAIT: RUNNING, the WAIT waiting again
    // for the full 30 seconds from the rerun (WorkflowExecutorOps#rerunWF starts the system task
    // again; WaitTaskMapper#setCallbackAfter, Wait#execute), never polled.
    [Fact]
    public async Task Rerun_from_a_timed_wait_restarts_its_timer()
    {
        await UpdateWorkflowDefAsync("""
            {"name":"rerun-wait-timer-workflow","version":1,"timeoutSeconds":600,"tasks":[
              {"name":"wait_timer_task","taskReferenceName":"wait_timer_task","type":"WAIT","inputParameters":{"duration":"30 seconds"}}]}
            """);
        var workflowId = await StartAsync("rerun-wait-timer-workflow");
        var waiting = await UntilAsync(workflowId, workflow => Tasks(workflow).Count == 1 && Status(workflow, 0) == "IN_PROGRESS", "the WAIT");
        var waitTask = Tasks(waiting)[0]!;
        var callbackAfterSeconds = (long)waitTask["callbackAfterSeconds"]!;
        Assert.Equal(30, callbackAfterSeconds);
        using (var terminated = await Http.DeleteAsync($"workflow/{workflowId}?reason=Terminate%20to%20test%20rerun"))
        {
            Assert.True(terminated.IsSuccessStatusCode);
        }

        Clock!.Advance(TimeSpan.FromSeconds(10));
        await RerunAsync(workflowId, (string)waitTask["taskId"]!);
        var rerun = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)rerun["status"]);
        Assert.Equal("IN_PROGRESS", Status(rerun, 0));
        Assert.Equal(callbackAfterSeconds, (long)Tasks(rerun)[0]!["callbackAfterSeconds"]!);
        Assert.Equal(0, (int)Tasks(rerun)[0]!["pollCount"]!);

        Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(workflowId))["status"]);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await UntilStatusAsync(workflowId, "COMPLETED");
    }

    // e2e WorkflowRerunTests#testRerunSimpleWorkflow and #testFailTaskAndRerun (the same shape).
    // WorkflowExecutorOps#rerunWF: rerun from the failed SIMPLE task makes the run RUNNING with
    // that task SCHEDULED again; the synchronous update that completes it answers COMPLETED.
    [Fact]
    public async Task Rerun_from_the_failed_task_schedules_it_again()
    {
        await RegisterInlineThenSimpleAsync("re-run-workflow", "re-run-task1", "re-run-task2");
        var workflowId = await StartAsync("re-run-workflow");
        var started = await UntilAsync(workflowId, workflow => Tasks(workflow).Count > 1, "two tasks");
        var task = Tasks(started)[1]!;

        var failed = await UpdateTaskSyncAsync(workflowId, (string)task["referenceTaskName"]!, "FAILED");
        Assert.Equal("FAILED", (string?)failed["status"]);

        var rerunId = await RerunAsync(workflowId, (string)task["taskId"]!);
        Assert.Equal(workflowId, rerunId);
        var rerun = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)rerun["status"]);
        Assert.Equal(2, Tasks(rerun).Count);
        Assert.Equal("COMPLETED", Status(rerun, 0));
        Assert.Equal("SCHEDULED", Status(rerun, 1));
        Assert.Equal((string?)task["taskId"], (string?)Tasks(rerun)[1]!["taskId"]);

        var completed = await UpdateTaskSyncAsync(workflowId, (string)task["referenceTaskName"]!, "COMPLETED");
        Assert.Equal("COMPLETED", (string?)completed["status"]);
    }

    // e2e WorkflowRerunTests#testRerunWithSubWorkflow. Rerunning the failed child from its task
    // makes the child RUNNING with the task SCHEDULED and, through
    // WorkflowExecutorOps#updateAndPushParents, the FAILED parent RUNNING again; the child's
    // completion completes the parent.
    [Fact]
    public async Task Rerunning_a_failed_child_resumes_its_parent()
    {
        await RegisterParentAndChildAsync("workflow-re-run-with-sub-workflow", "workflow-re-run-sub-workflow", "re-run-with-sub-task");
        var parentId = await StartAsync("workflow-re-run-with-sub-workflow");
        var childId = await ChildIdAsync(parentId);
        var childTaskId = await TaskIdAsync(childId, 0);

        var failedChild = await UpdateTaskSyncAsync(childId, "re-run-with-sub-task", "FAILED");
        Assert.Equal("FAILED", (string?)failedChild["status"]);
        await UntilStatusAsync(parentId, "FAILED");

        await RerunAsync(childId, childTaskId);
        var child = await WorkflowAsync(childId);
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal("SCHEDULED", Status(child, 0));
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal("IN_PROGRESS", Status(parent, 0));

        var completedChild = await UpdateTaskSyncAsync(childId, "re-run-with-sub-task", "COMPLETED");
        Assert.Equal("COMPLETED", (string?)completedChild["status"]);
        await UntilStatusAsync(parentId, "COMPLETED");
    }

    // e2e WorkflowRerunTests#testRerunSubWorkflowTaskReschedulesCancelledParentSiblingTask: a
    // FORK of a SUB_WORKFLOW and a SIMPLE sibling. The child's failure fails the parent and
    // cancels the sibling; retrying the child (POST /api/workflow/bulk/retry, as the e2e test does)
    // reopens the parent, schedules the CANCELED sibling again and puts the JOIN back to
    // IN_PROGRESS (WorkflowExecutorOps#updateAndPushParents), so both branches can finish.
    [Fact]
    public async Task Retrying_the_child_schedules_the_parents_canceled_sibling_again()
    {
        await RegisterTaskNamesAsync("task_in_sub", "sibling_task");
        await UpdateWorkflowDefAsync("""
            {"name":"rerun-subwf-cancelled-sibling-child","version":1,"tasks":[
              {"name":"task_in_sub","taskReferenceName":"task_in_sub","type":"SIMPLE"}]}
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"rerun-subwf-cancelled-sibling-parent","version":1,"tasks":[
              {"name":"FORK_JOIN","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
                [{"name":"rerun-subwf-cancelled-sibling-child","taskReferenceName":"sub_wf_task","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"rerun-subwf-cancelled-sibling-child","version":1}}],
                [{"name":"sibling_task","taskReferenceName":"sibling_task","type":"SIMPLE"}]]},
              {"name":"JOIN","taskReferenceName":"join","type":"JOIN","joinOn":["sub_wf_task","sibling_task"]}]}
            """);
        var parentId = await StartAsync("rerun-subwf-cancelled-sibling-parent");
        var started = await UntilAsync(parentId, workflow => ByReference(workflow, "sub_wf_task")?["subWorkflowId"] is not null, "the child");
        var childId = (string)ByReference(started, "sub_wf_task")!["subWorkflowId"]!;
        await TaskIdAsync(childId, 0);

        await UpdateTaskSyncAsync(childId, "task_in_sub", "FAILED");
        var failed = await UntilStatusAsync(parentId, "FAILED");
        Assert.Equal("CANCELED", (string?)ByReference(failed, "sibling_task")!["status"]);

        using var retried = await PostAsync("workflow/bulk/retry", $"""["{childId}"]""");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal("SCHEDULED", (string?)ByReference(parent, "sibling_task")!["status"]);
        Assert.Equal("IN_PROGRESS", (string?)ByReference(parent, "join")!["status"]);
        Assert.Equal("IN_PROGRESS", (string?)ByReference(parent, "sub_wf_task")!["status"]);

        var sibling = await PollTaskAsync("sibling_task");
        Assert.Equal(parentId, (string?)sibling["workflowInstanceId"]);
        await CompleteAsync(sibling);
        var child = await UntilAsync(childId, workflow => Tasks(workflow).Count == 2, "the retried task");
        Assert.Equal("FAILED", Status(child, 0));
        Assert.Equal("SCHEDULED", Status(child, 1));
        await UpdateTaskSyncAsync(childId, "task_in_sub", "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");
    }

    // e2e WorkflowRerunTests#testDirectRerunOnSubWorkflowTaskSpawnsFreshChild. Rerunning the
    // parent from its SUB_WORKFLOW task starts that task again, and SubWorkflow#start gives it a
    // fresh child (a new id) that runs its tasks from the first.
    [Fact]
    public async Task Rerun_from_a_sub_workflow_task_starts_a_fresh_child()
    {
        await RegisterTaskNamesAsync("task1_direct_rerun", "task2_direct_rerun");
        await UpdateWorkflowDefAsync("""
            {"name":"rerun-direct-subwf-child","version":1,"tasks":[
              {"name":"task1_direct_rerun","taskReferenceName":"task1_direct_rerun","type":"SIMPLE"},
              {"name":"task2_direct_rerun","taskReferenceName":"task2_direct_rerun","type":"SIMPLE"}]}
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"rerun-direct-subwf-parent","version":1,"tasks":[
              {"name":"rerun-direct-subwf-child","taskReferenceName":"sub_ref_direct_rerun","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"rerun-direct-subwf-child","version":1}}]}
            """);
        var parentId = await StartAsync("rerun-direct-subwf-parent");
        var childId = await ChildIdAsync(parentId);
        var subTaskId = await TaskIdAsync(parentId, 0);
        await TaskIdAsync(childId, 0);
        await UpdateTaskSyncAsync(childId, "task1_direct_rerun", "COMPLETED");
        await TaskIdAsync(childId, 1);
        await UpdateTaskSyncAsync(childId, "task2_direct_rerun", "FAILED");
        await UntilStatusAsync(parentId, "FAILED");

        await RerunAsync(parentId, subTaskId);
        var parent = await UntilAsync(parentId, workflow => (string?)Tasks(workflow)[0]!["subWorkflowId"] is { } id && id != childId, "a fresh child");
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal("IN_PROGRESS", Status(parent, 0));
        var freshChildId = (string)Tasks(parent)[0]!["subWorkflowId"]!;
        var freshChild = await UntilAsync(freshChildId, workflow => Tasks(workflow).Count > 0, "the fresh child's first task");
        Assert.Equal("RUNNING", (string?)freshChild["status"]);
        Assert.Equal("task1_direct_rerun", (string?)Tasks(freshChild)[0]!["referenceTaskName"]);
        Assert.Equal("SCHEDULED", Status(freshChild, 0));
    }

    /// <summary>TaskClient#updateTaskSync: <c>POST /api/tasks/{workflowId}/{ref}/{status}/sync</c>; answers the workflow.</summary>
    private async Task<JsonNode> UpdateTaskSyncAsync(string workflowId, string referenceName, string status)
    {
        using var response = await PostAsync($"tasks/{workflowId}/{referenceName}/{status}/sync", "{}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>WorkflowClient#rerunWorkflow: <c>POST /api/workflow/{id}/rerun</c> with a RerunWorkflowRequest; answers the id.</summary>
    private async Task<string> RerunAsync(string workflowId, string taskId)
    {
        using var response = await PostAsync($"workflow/{workflowId}/rerun", $$"""{"reRunFromWorkflowId":"{{workflowId}}","reRunFromTaskId":"{{taskId}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static JsonNode? ByReference(JsonNode workflow, string referenceName) =>
        Tasks(workflow).LastOrDefault(task => (string?)task!["referenceTaskName"] == referenceName);
}
