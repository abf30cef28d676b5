using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// A sample, by kind, of the scenarios of e2e WorkflowRetryTests (workflow/WorkflowRetryTests.java),
/// over HTTP. Real server: WorkflowExecutorOps#retry (a new attempt of each unsuccessful task,
/// WorkflowExecutorOps#taskToBeRescheduled), #findLastFailedSubWorkflowIfAny
/// (resumeSubworkflowTasks) and #updateAndPushParents (a retried child takes its parents with it).
/// </summary>
public sealed class WorkflowRetryScenarioTests : WorkflowOperationScenarioBase
{
    // e2e WorkflowRetryTests#testRetrySimpleWorkflow. WorkflowClient#retryLastFailedTask is
    // POST /api/workflow/{id}/retry: the run is RUNNING again with lastRetriedTime set and a third
    // task, the new attempt of the failed one, SCHEDULED.
    [Fact]
    public async Task Retry_schedules_a_new_attempt_of_the_failed_task()
    {
        await RegisterInlineThenSimpleAsync("retry-simple-workflow", "retry-simple-task1", "retry-simple-task1");
        var workflowId = await StartAsync("retry-simple-workflow");
        var failedTaskId = await TaskIdAsync(workflowId, 1);
        await UpdateTaskAsync(workflowId, failedTaskId, "FAILED", reason: "failed");
        var failed = await UntilStatusAsync(workflowId, "FAILED");
        Assert.Equal(0, (long)failed["lastRetriedTime"]!);

        await OperateAsync($"workflow/{workflowId}/retry");
        var retried = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)retried["status"]);
        Assert.NotEqual(0, (long)retried["lastRetriedTime"]!);
        Assert.Equal(3, Tasks(retried).Count);
        Assert.Equal("FAILED", Status(retried, 1));
        Assert.Equal("SCHEDULED", Status(retried, 2));
        Assert.Equal(1, (int)Tasks(retried)[2]!["retryCount"]!);
        Assert.NotEqual(failedTaskId, (string?)Tasks(retried)[2]!["taskId"]);
        Assert.Null(Tasks(retried)[2]!["reasonForIncompletion"]);

        await UpdateTaskAsync(workflowId, (string)Tasks(retried)[2]!["taskId"]!, "COMPLETED");
        await UntilStatusAsync(workflowId, "COMPLETED");
    }

    // e2e WorkflowRetryTests#testRetryWithSubWorkflow, first half: retrying the failed child gives
    // it a new attempt of its task and, through WorkflowExecutorOps#updateAndPushParents, brings
    // the FAILED parent back to RUNNING; the child's completion completes the parent.
    [Fact]
    public async Task Retrying_a_failed_child_resumes_its_parent()
    {
        await RegisterParentAndChildAsync("retry-parent-with-sub-workflow", "retry-sub-workflow", "simple-no-retry2");
        var parentId = await StartAsync("retry-parent-with-sub-workflow");
        var childId = await ChildIdAsync(parentId);
        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 0), "FAILED");
        await UntilStatusAsync(parentId, "FAILED");

        await OperateAsync($"workflow/{childId}/retry");
        var child = await WorkflowAsync(childId);
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.NotEqual(0, (long)child["lastRetriedTime"]!);
        Assert.Equal("FAILED", Status(child, 0));
        Assert.Equal("SCHEDULED", Status(child, 1));
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal("IN_PROGRESS", Status(parent, 0));
        Assert.Equal(childId, (string?)Tasks(parent)[0]!["subWorkflowId"]);

        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 1), "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");
    }

    // e2e WorkflowRetryTests#testRetryWithSubWorkflow, second half: retrying the parent itself
    // makes a new attempt of its SUB_WORKFLOW task (WorkflowExecutorOps#taskToBeRescheduled clears
    // the child id), which SubWorkflow#start gives a fresh child. (The e2e test reads the child of
    // the parent's first task; the source says the new attempt's child is a new run.)
    [Fact]
    public async Task Retrying_the_parent_starts_a_new_attempt_with_a_fresh_child()
    {
        await RegisterParentAndChildAsync("retry-parent-with-sub-workflow", "retry-sub-workflow", "simple-no-retry2");
        var parentId = await StartAsync("retry-parent-with-sub-workflow");
        var childId = await ChildIdAsync(parentId);
        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 0), "FAILED");
        await UntilStatusAsync(parentId, "FAILED");

        await OperateAsync($"workflow/{parentId}/retry");
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal(2, Tasks(parent).Count);
        Assert.Equal("FAILED", Status(parent, 0));
        Assert.Equal("IN_PROGRESS", Status(parent, 1));
        var freshChildId = await ChildIdAsync(parentId, taskIndex: 1);
        Assert.NotEqual(childId, freshChildId);

        await UpdateTaskAsync(freshChildId, await TaskIdAsync(freshChildId, 0), "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");
        Assert.Equal("FAILED", (string?)(await WorkflowAsync(childId))["status"]);
    }

    // e2e WorkflowRetryTests#testRetrySubWorkflowRetriesFailedInnerTask: the bulk retry of the
    // child (POST /api/workflow/bulk/retry) retries its failed task with a new task id; the
    // parent's SUB_WORKFLOW task keeps pointing at the same child, with its reason cleared.
    [Fact]
    public async Task Bulk_retry_of_a_child_retries_its_failed_task_and_clears_the_parents_reason()
    {
        await RegisterParentAndChildAsync("retry-subwf-inner-parent", "retry-subwf-inner-child", "inner_task_retry_inner");
        var parentId = await StartAsync("retry-subwf-inner-parent");
        var childId = await ChildIdAsync(parentId);
        var failedTaskId = await TaskIdAsync(childId, 0);
        await UpdateTaskAsync(childId, failedTaskId, "FAILED");
        var failed = await UntilStatusAsync(parentId, "FAILED");
        Assert.Equal("FAILED", (string?)(await WorkflowAsync(childId))["status"]);
        Assert.NotNull((string?)Tasks(failed)[0]!["reasonForIncompletion"]);

        using var response = await PostAsync("workflow/bulk/retry", $"""["{childId}"]""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([childId], (await ReadJsonAsync(response))["bulkSuccessfulResults"]!.AsArray().Select(id => (string?)id));
        Assert.Equal("RUNNING", (string?)(await WorkflowAsync(childId))["status"]);
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal("IN_PROGRESS", Status(parent, 0));
        Assert.Equal(childId, (string?)Tasks(parent)[0]!["subWorkflowId"]);
        Assert.Null(Tasks(parent)[0]!["reasonForIncompletion"]);
        var retriedTaskId = await TaskIdAsync(childId, 1);
        Assert.NotEqual(failedTaskId, retriedTaskId);

        await UpdateTaskAsync(childId, retriedTaskId, "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");
    }

    // e2e WorkflowRetryTests' resumeSubworkflowTasks scenarios, in their simplest shape
    // (WorkflowExecutorOps#retry with resumeSubworkflowTasks=true, #findLastFailedSubWorkflowIfAny):
    // retrying the parent retries the failed task inside its child, in place; no new SUB_WORKFLOW
    // attempt, no new child.
    [Fact]
    public async Task Retry_with_resume_subworkflow_tasks_retries_inside_the_child()
    {
        await RegisterParentAndChildAsync("retry-resume-parent", "retry-resume-child", "retry_resume_task");
        var parentId = await StartAsync("retry-resume-parent");
        var childId = await ChildIdAsync(parentId);
        await UpdateTaskAsync(childId, await TaskIdAsync(childId, 0), "FAILED");
        await UntilStatusAsync(parentId, "FAILED");

        await OperateAsync($"workflow/{parentId}/retry?resumeSubworkflowTasks=true");
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Single(Tasks(parent));
        Assert.Equal("IN_PROGRESS", Status(parent, 0));
        Assert.Equal(childId, (string?)Tasks(parent)[0]!["subWorkflowId"]);
        var child = await WorkflowAsync(childId);
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal(["FAILED", "SCHEDULED"], Tasks(child).Select(task => (string?)task!["status"]));

        await UpdateTaskAsync(childId, (string)Tasks(child)[1]!["taskId"]!, "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");
    }
    // e2e WorkflowRetryTests#testRetrySubWorkflowReschedulesAllSubWorkflowSiblingsInFork: a fork of
    // two SUB_WORKFLOW branches; the first child fails, which fails the parent and cancels the
    // second branch (its child terminated). Retrying the first child resumes the parent and, in
    // place, the canceled branch: same child id, that child retried and running again
    // (WorkflowExecutorOps#updateAndPushParents). Both children completing completes the parent.
    [Fact]
    public async Task Retrying_one_child_of_a_fork_resumes_the_canceled_sibling_child_in_place()
    {
        await RegisterTaskNamesAsync("task_in_failing_sub", "task_in_cancelled_sub");
        await UpdateWorkflowDefAsync("""
            {"name":"rerun-allsubwf-failing-child","version":1,"tasks":[{"name":"task_in_failing_sub","taskReferenceName":"task_in_failing_sub","type":"SIMPLE"}]}
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"rerun-allsubwf-cancelled-child","version":1,"tasks":[{"name":"task_in_cancelled_sub","taskReferenceName":"task_in_cancelled_sub","type":"SIMPLE"}]}
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"rerun-allsubwf-parent","version":1,"tasks":[
              {"name":"FORK_JOIN","taskReferenceName":"fork_allsubwf","type":"FORK_JOIN","forkTasks":[
                [{"name":"rerun-allsubwf-failing-child","taskReferenceName":"failing_sub_ref","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"rerun-allsubwf-failing-child","version":1}}],
                [{"name":"rerun-allsubwf-cancelled-child","taskReferenceName":"cancelled_sub_ref","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"rerun-allsubwf-cancelled-child","version":1}}]]},
              {"name":"JOIN","taskReferenceName":"join_allsubwf","type":"JOIN","joinOn":["failing_sub_ref","cancelled_sub_ref"]}]}
            """);
        var parentId = await StartAsync("rerun-allsubwf-parent");
        var started = await UntilAsync(parentId, workflow => ByReference(workflow, "failing_sub_ref")?["subWorkflowId"] is not null && ByReference(workflow, "cancelled_sub_ref")?["subWorkflowId"] is not null, "both children");
        var failingChildId = (string)ByReference(started, "failing_sub_ref")!["subWorkflowId"]!;
        var cancelledChildId = (string)ByReference(started, "cancelled_sub_ref")!["subWorkflowId"]!;
        await TaskIdAsync(cancelledChildId, 0);

        await UpdateTaskAsync(failingChildId, await TaskIdAsync(failingChildId, 0), "FAILED");
        var failed = await UntilStatusAsync(parentId, "FAILED");
        Assert.Equal("CANCELED", (string?)ByReference(failed, "cancelled_sub_ref")!["status"]);
        Assert.NotNull((string?)ByReference(failed, "failing_sub_ref")!["reasonForIncompletion"]);
        Assert.Equal("TERMINATED", (string?)(await WorkflowAsync(cancelledChildId))["status"]);

        using var retried = await PostAsync("workflow/bulk/retry", $"""["{failingChildId}"]""");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var parent = await WorkflowAsync(parentId);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        var sibling = ByReference(parent, "cancelled_sub_ref")!;
        Assert.Equal("IN_PROGRESS", (string?)sibling["status"]);
        Assert.Equal(cancelledChildId, (string?)sibling["subWorkflowId"]);
        Assert.Equal("IN_PROGRESS", (string?)ByReference(parent, "join_allsubwf")!["status"]);
        var resumedChild = await WorkflowAsync(cancelledChildId);
        Assert.Equal("RUNNING", (string?)resumedChild["status"]);
        Assert.Equal(["CANCELED", "SCHEDULED"], Tasks(resumedChild).Select(task => (string?)task!["status"]));

        await UpdateTaskAsync(cancelledChildId, (string)Tasks(resumedChild)[1]!["taskId"]!, "COMPLETED");
        await UpdateTaskAsync(failingChildId, await TaskIdAsync(failingChildId, 1), "COMPLETED");
        await UntilStatusAsync(parentId, "COMPLETED");
    }

    private static JsonNode? ByReference(JsonNode workflow, string referenceName) =>
        Tasks(workflow).LastOrDefault(task => (string?)task!["referenceTaskName"] == referenceName);
}
