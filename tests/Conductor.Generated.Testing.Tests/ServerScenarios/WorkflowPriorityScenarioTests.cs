using System.Net;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenario of e2e WorkflowPriorityTests (workflow/WorkflowPriorityTests.java), over HTTP.
/// Real server: a task is queued with its workflow's priority (WorkflowExecutorOps#addTaskToQueue);
/// WorkflowClient#terminateWorkflows is POST /api/workflow/bulk/terminate
/// (WorkflowBulkResource#terminate), which takes the terminated run's task out of its queue
/// (WorkflowExecutorOps#terminateWorkflow cancels pending tasks, QueueDAO#remove).
/// </summary>
public sealed class WorkflowPriorityScenarioTests : WorkflowOperationScenarioBase
{
    // e2e WorkflowPriorityTests#testWorkflowPriorityWorkflowTerminated: of two runs, the one with
    // the higher priority (1) is terminated in bulk; the next poll hands out the other's task.
    [Fact]
    public async Task After_the_higher_priority_run_is_terminated_the_other_runs_task_is_handed_out()
    {
        await RegisterTaskNamesAsync("priority-task");
        await UpdateWorkflowDefAsync("""
            {"name":"workflow-priority-test","version":1,"timeoutSeconds":600,"tasks":[
              {"name":"priority-task","taskReferenceName":"priority-task","type":"SIMPLE","inputParameters":{"value":"${workflow.input.value}","order":"123"}},
              {"name":"priority-task_2","taskReferenceName":"priority-task_2","type":"SIMPLE","taskDefinition":{"name":"priority-task","retryCount":0}}]}
            """);
        var lowerPriorityId = await StartAsync("workflow-priority-test", priority: 2);
        var higherPriorityId = await StartAsync("workflow-priority-test", priority: 1);

        using var terminated = await PostAsync("workflow/bulk/terminate?reason=Terminated%20by%20e2e", $"""["{higherPriorityId}"]""");
        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        var bulk = await ReadJsonAsync(terminated);
        Assert.Equal([higherPriorityId], bulk["bulkSuccessfulResults"]!.AsArray().Select(id => (string?)id));
        Assert.Equal("Bulk Request has been processed.", (string?)bulk["message"]);
        var higher = await WorkflowAsync(higherPriorityId);
        Assert.Equal("TERMINATED", (string?)higher["status"]);
        Assert.Equal("Terminated by e2e", (string?)higher["reasonForIncompletion"]);

        var task = await PollTaskAsync("priority-task", workerId: "e2e");
        Assert.Equal(lowerPriorityId, (string?)task["workflowInstanceId"]);
        Assert.Equal(2, (int)task["workflowPriority"]!);
    }

    // WorkflowBulkServiceImpl#terminate: an id that cannot be terminated is reported under
    // bulkErrorResults with its message; the others are terminated.
    [Fact]
    public async Task Bulk_terminate_reports_each_failure_and_goes_on()
    {
        await RegisterTaskNamesAsync("priority-task");
        await UpdateWorkflowDefAsync("""
            {"name":"bulk-terminate-test","version":1,"tasks":[{"name":"priority-task","taskReferenceName":"priority-task","type":"SIMPLE"}]}
            """);
        var workflowId = await StartAsync("bulk-terminate-test");

        using var terminated = await PostAsync("workflow/bulk/terminate", $"""["missing-id","{workflowId}"]""");
        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        var bulk = await ReadJsonAsync(terminated);
        Assert.Equal([workflowId], bulk["bulkSuccessfulResults"]!.AsArray().Select(id => (string?)id));
        Assert.Equal("No such workflow found by id: missing-id", (string?)bulk["bulkErrorResults"]!["missing-id"]);
        Assert.Equal("TERMINATED", (string?)(await WorkflowAsync(workflowId))["status"]);

        using var empty = await PostAsync("workflow/bulk/terminate", "[]");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}
