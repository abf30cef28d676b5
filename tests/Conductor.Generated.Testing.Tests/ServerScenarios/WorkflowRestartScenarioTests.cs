using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenarios of e2e WorkflowRestartTests (workflow/WorkflowRestartTests.java), over HTTP.
/// Real server: WorkflowExecutorOps#restart (the run again from its first step, same id, tasks
/// cleared) and #updateAndPushParents (a restarted child takes its parents with it).
/// </summary>
public sealed class WorkflowRestartScenarioTests : WorkflowOperationScenarioBase
{
    // e2e WorkflowRestartTests#testRestartSimpleWorkflow. WorkflowExecutorOps#restart: the FAILED
    // run is RUNNING again from its first step; the INLINE step runs at once (executed), the
    // SIMPLE one is SCHEDULED for a worker.
    [Fact]
    public async Task Restart_after_a_failure_runs_the_workflow_again_from_its_first_step()
    {
        await RegisterInlineThenSimpleAsync("RESTART_SIMPLE", "simple", "inline");
        var workflowId = await StartAsync("RESTART_SIMPLE");
        var started = await UntilAsync(workflowId, workflow => Tasks(workflow).Count >= 2, "two tasks");
        var firstTaskId = (string)Tasks(started)[1]!["taskId"]!;

        await UpdateTaskAsync(workflowId, firstTaskId, "FAILED");
        await UntilStatusAsync(workflowId, "FAILED");

        await OperateAsync($"workflow/{workflowId}/restart?useLatestDefinitions=false");
        var restarted = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)restarted["status"]);
        Assert.Equal(2, Tasks(restarted).Count);
        Assert.Equal("COMPLETED", Status(restarted, 0));
        Assert.True((bool)Tasks(restarted)[0]!["executed"]!);
        Assert.Equal("SCHEDULED", Status(restarted, 1));
        Assert.False((bool)Tasks(restarted)[1]!["executed"]!);
        Assert.NotEqual(firstTaskId, (string?)Tasks(restarted)[1]!["taskId"]);
        Assert.Null(restarted["reasonForIncompletion"]);

        await UpdateTaskAsync(workflowId, (string)Tasks(restarted)[1]!["taskId"]!, "COMPLETED");
        await UntilStatusAsync(workflowId, "COMPLETED");
    }

    // e2e WorkflowRestartTests#testRestartSimpleWorkflowChangeDefinition. WorkflowExecutorOps#restart
    // with useLatestDefinitions: the run takes the definition registered now, so a step added since
    // runs too (the e2e test updates version 1 in place).
    [Fact]
    public async Task Restart_with_latest_definitions_runs_a_step_added_since()
    {
        await RegisterInlineThenSimpleAsync("RESTART_LATEST", "simple", "inline");
        var workflowId = await StartAsync("RESTART_LATEST");
        await UpdateTaskAsync(workflowId, await TaskIdAsync(workflowId, 1), "COMPLETED");
        await UntilStatusAsync(workflowId, "COMPLETED");

        var definition = (await GetJsonAsync("metadata/workflow/RESTART_LATEST?version=1")).AsObject();
        await RegisterTaskNamesAsync("added");
        definition["tasks"]!.AsArray().Add(JsonNode.Parse("""{"name":"added","taskReferenceName":"added","type":"SIMPLE"}"""));
        await UpdateWorkflowDefAsync(definition.ToJsonString());

        await OperateAsync($"workflow/{workflowId}/restart?useLatestDefinitions=true");
        var restarted = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)restarted["status"]);
        Assert.Equal("SCHEDULED", Status(restarted, 1));
        Assert.True((bool)Tasks(restarted)[0]!["executed"]!);
        Assert.False((bool)Tasks(restarted)[1]!["executed"]!);

        await UpdateTaskAsync(workflowId, (string)Tasks(restarted)[1]!["taskId"]!, "COMPLETED");
        var running = await UntilAsync(workflowId, workflow => Tasks(workflow).Count == 3, "the added step");
        Assert.Equal("RUNNING", (string?)running["status"]);
        Assert.Equal("added", (string?)Tasks(running)[2]!["referenceTaskName"]);

        await UpdateTaskAsync(workflowId, (string)Tasks(running)[2]!["taskId"]!, "COMPLETED");
        await UntilStatusAsync(workflowId, "COMPLETED");
    }

    // e2e WorkflowRestartTests#testRestartWithSubWorkflow. WorkflowExecutorOps#restart ends with
    // #updateAndPushParents: restarting the failed child puts the parent's SUB_WORKFLOW task back
    // to IN_PROGRESS and the parent back to RUNNING, so the child's completion completes the
    // parent. Restarting the parent afterwards starts a fresh child (SubWorkflow#start).
    [Fact]
    public async Task Restarting_a_failed_child_resumes_its_parent()
    {
        await RegisterParentAndChildAsync("restart-parent-with-sub-workflow", "restart-sub-workflow", "simple-no-restart");
        var parentId = await StartAsync("restart-parent-with-sub-workflow");
        var childId = await ChildIdAsync(parentId);
        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 0), "FAILED");
        var failed = await UntilStatusAsync(parentId, "FAILED");
        Assert.Equal("FAILED", Status(failed, 0));

        await OperateAsync($"workflow/{childId}/restart");
        var child = await WorkflowAsync(childId);
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal("SCHEDULED", Status(child, 0));
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Null(parent["reasonForIncompletion"]);
        Assert.Equal("IN_PROGRESS", Status(parent, 0));
        Assert.Null(Tasks(parent)[0]!["reasonForIncompletion"]);
        var logs = await GetJsonAsync($"tasks/{(string)Tasks(parent)[0]!["taskId"]!}/log");
        Assert.Contains(logs.AsArray(), log => (string?)log!["log"] == $"Sub workflow restart-sub-workflow.1/{childId} restarted.");

        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 0), "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");

        await OperateAsync($"workflow/{parentId}/restart");
        var newChildId = await ChildIdAsync(parentId);
        Assert.NotEqual(childId, newChildId);
        await UpdateTaskAsync(newChildId, await TaskIdAsync(newChildId, 0), "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");
    }

    // e2e WorkflowRestartTests#testRestartWithSubWorkflowWithRestartParent. After the parent was
    // restarted, its old child is an orphan (the parent task it names is gone), so restarting it
    // leaves the parent alone (WorkflowExecutorOps#updateAndPushParents stops at a missing task).
    [Fact]
    public async Task Restarting_an_orphaned_child_leaves_the_parent_alone()
    {
        await RegisterParentAndChildAsync("restart-parent-with-orphan-sub-workflow", "restart-sub-workflow", "simple-no-restart2");
        var parentId = await StartAsync("restart-parent-with-orphan-sub-workflow");
        var childId = await ChildIdAsync(parentId);
        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 0), "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");

        await OperateAsync($"workflow/{parentId}/restart");
        var restarted = await UntilAsync(parentId, workflow => Tasks(workflow).Count > 0 && Status(workflow, 0) == "IN_PROGRESS", "the new sub-workflow task");
        Assert.Equal("RUNNING", (string?)restarted["status"]);
        var newChildId = await ChildIdAsync(parentId);
        Assert.NotEqual(childId, newChildId);
        await UpdateTaskAsync(newChildId, await TaskIdAsync(newChildId, 0), "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");

        await OperateAsync($"workflow/{childId}/restart");
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(childId))["status"]);
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("COMPLETED", (string?)parent["status"]);
        Assert.Equal(newChildId, (string?)Tasks(parent)[0]!["subWorkflowId"]);

        using var terminated = await Http.DeleteAsync($"workflow/{childId}?reason=Terminated");
        Assert.True(terminated.IsSuccessStatusCode);
    }

    // e2e WorkflowRestartTests#testRetryWithOrphanSubWorkflowWithRestartParent: the same with a
    // child that failed with a terminal error, the parent restarted, and the old child retried
    // through WorkflowClient#retryWorkflow(List), which is POST /api/workflow/bulk/retry
    // (WorkflowBulkResource#retry, WorkflowBulkServiceImpl#retry).
    [Fact]
    public async Task Retrying_an_orphaned_child_leaves_the_parent_alone()
    {
        await RegisterParentAndChildAsync("retry-parent-with-orphan-sub-workflow", "retry-sub-workflow2", "simple-no-retry3");
        var parentId = await StartAsync("retry-parent-with-orphan-sub-workflow");
        var childId = await ChildIdAsync(parentId);
        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 0), "FAILED_WITH_TERMINAL_ERROR");
        await UntilStatusAsync(parentId, "FAILED");

        await OperateAsync($"workflow/{parentId}/restart");
        var restarted = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)restarted["status"]);
        Assert.Equal("IN_PROGRESS", Status(restarted, 0));
        var newChildId = await ChildIdAsync(parentId);
        await UpdateTaskAsync(newChildId, await TaskIdAsync(newChildId, 0), "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");

        using var retried = await PostAsync("workflow/bulk/retry", $"""["{childId}"]""");
        var bulk = await ReadJsonAsync(retried);
        Assert.Equal([childId], bulk["bulkSuccessfulResults"]!.AsArray().Select(id => (string?)id));
        Assert.Empty(bulk["bulkErrorResults"]!.AsObject());
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(childId))["status"]);
        Assert.Equal("COMPLETED", (string?)(await WorkflowAsync(parentId))["status"]);

        using var terminated = await Http.DeleteAsync($"workflow/{childId}?reason=Terminated");
        Assert.True(terminated.IsSuccessStatusCode);
    }

    // e2e WorkflowRestartTests#testRestartOptionalSubWorkflowDoesNotAffectParent. An optional
    // SUB_WORKFLOW task whose child failed lets the parent complete (COMPLETED_WITH_ERRORS,
    // DeciderService#checkForWorkflowCompletion); restarting the child does not reopen the parent
    // (WorkflowExecutorOps#updateAndPushParents stops at an optional task).
    [Fact]
    public async Task Restarting_the_child_of_an_optional_task_leaves_the_parent_alone()
    {
        await RegisterInlineThenSimpleAsync("sub-wf-2level-restart", "simple-task-2level-restart", "simple-task-2level-restart");
        // As in the e2e test, registering the parent registers the child again, as one SIMPLE task.
        await RegisterParentAndChildAsync("parent-wf-2level-restart", "sub-wf-2level-restart", "simple-task-2level-restart", optional: true);
        var parentId = await StartAsync("parent-wf-2level-restart");
        var childId = await ChildIdAsync(parentId);
        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 0), "FAILED");
        var parent = await UntilStatusAsync(parentId, "COMPLETED");
        Assert.Equal("COMPLETED_WITH_ERRORS", Status(parent, 0));

        await OperateAsync($"workflow/{childId}/restart");
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(childId))["status"]);
        parent = await WorkflowAsync(parentId);
        Assert.Equal("COMPLETED", (string?)parent["status"]);
        Assert.Equal("COMPLETED_WITH_ERRORS", Status(parent, 0));
    }
}
