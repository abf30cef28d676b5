using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenarios of e2e FailureWorkflowTests (workflow/FailureWorkflowTests.java), over HTTP.
/// Real server: WorkflowExecutorOps#terminateWorkflow (the failure workflow's input and the
/// failed run's <c>conductor.failure_workflow</c> output), #retry.
/// </summary>
public sealed class FailureWorkflowScenarioTests : WorkflowOperationScenarioBase
{
    // e2e FailureWorkflowTests#testFailureWorkflowInputs: the first task completes with an output,
    // the second fails with a terminal error; the failure workflow starts with the failed run
    // (tasks and their outputs included), the failed task's id, the run's id, its status and the
    // reason, and its id is in the failed run's output.
    [Fact]
    public async Task The_failure_workflow_gets_the_failed_run_and_its_reason()
    {
        await RegisterTaskNamesAsync("simple-task1", "simple-task2");
        await UpdateWorkflowDefAsync("""
            {"name":"failure_workflow","version":1,"inputParameters":["value","inlineValue"],"timeoutSeconds":600,"tasks":[
              {"name":"simple-task2","taskReferenceName":"simple-task2","type":"SIMPLE"}]}
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"failure-workflow-test","version":1,"inputParameters":["value","inlineValue"],"timeoutSeconds":600,
             "failureWorkflow":"failure_workflow","outputParameters":{"status":"${simple-task1.output.status}"},"tasks":[
              {"name":"simple-task1","taskReferenceName":"simple-task1","type":"SIMPLE","inputParameters":{"evaluatorType":"graaljs","expression":"true;"}},
              {"name":"simple-task2","taskReferenceName":"simple-task2","type":"SIMPLE"}]}
            """);
        var workflowId = await StartAsync("failure-workflow-test");
        await TaskIdAsync(workflowId, 0);

        using var updated = await PostAsync($"tasks/{workflowId}/simple-task1/COMPLETED/sync", """{"status":"completed","reason":"inserted"}""");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var afterFirst = await ReadJsonAsync(updated);
        var failedTaskId = (string)Tasks(afterFirst)[1]!["taskId"]!;
        await UpdateTaskAsync(workflowId, failedTaskId, "FAILED_WITH_TERMINAL_ERROR", reason: "Employee not found");

        var failed = await UntilAsync(workflowId, workflow => (string?)workflow["status"] == "FAILED" && workflow["output"]?["conductor.failure_workflow"] is not null, "the failure workflow");
        var failureWorkflowId = (string)failed["output"]!["conductor.failure_workflow"]!;
        var failureWorkflow = await WorkflowAsync(failureWorkflowId);
        Assert.Equal("failure_workflow", (string?)failureWorkflow["workflowName"]);
        var input = failureWorkflow["input"]!;
        Assert.Equal(workflowId, (string?)input["workflowId"]);
        Assert.Equal(failedTaskId, (string?)input["failureTaskId"]);
        Assert.Equal("FAILED", (string?)input["failureStatus"]);
        Assert.Contains("Employee not found", (string?)input["reason"]);
        var failedWorkflow = input["failedWorkflow"]!;
        Assert.Equal(workflowId, (string?)failedWorkflow["workflowId"]);
        var firstOutput = failedWorkflow["tasks"]![0]!["outputData"]!;
        Assert.Equal("inserted", (string?)firstOutput["reason"]);
        Assert.Equal("completed", (string?)firstOutput["status"]);
    }

    // e2e FailureWorkflowTests#testFailureTasksAreNotLost (100 runs of a workflow whose first
    // task, an HTTP call, fails; here an unreachable local port instead of an outside service):
    // each run ends FAILED with its tasks, and after a retry (POST /api/workflow/{id}/retry,
    // WorkflowExecutorOps#retry) ends FAILED again, still with its tasks, the new attempt added.
    [Fact]
    public async Task Failed_runs_keep_their_tasks_through_a_retry()
    {
        await UpdateWorkflowDefAsync("""
            {"name":"this_will_fail","version":1,"tasks":[
              {"name":"http_task_lvome","taskReferenceName":"http_task_lvome_ref","type":"HTTP","inputParameters":{"http_request":{"uri":"http://127.0.0.1:1/api","method":"GET","connectionTimeOut":3000,"readTimeOut":3000}}},
              {"name":"set_variable_task_lxzgc","taskReferenceName":"set_variable_task_lxzgc_ref","type":"SET_VARIABLE","inputParameters":{"name":"Orkes"}}]}
            """);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await StartAsync("this_will_fail"));
        }

        foreach (var workflowId in ids)
        {
            var failed = await UntilStatusAsync(workflowId, "FAILED");
            Assert.Equal("FAILED", Status(Assert.Single(Tasks(failed))!.Root, 0));
            await OperateAsync($"workflow/{workflowId}/retry");
        }

        foreach (var workflowId in ids)
        {
            var failedAgain = await UntilAsync(workflowId, workflow => (string?)workflow["status"] == "FAILED" && Tasks(workflow).Count == 2, "the retry to fail");
            Assert.All(Tasks(failedAgain), task => Assert.Equal("http_task_lvome_ref", (string?)task!["referenceTaskName"]));
            Assert.StartsWith("Failed to invoke HTTP task due to: ", (string?)Tasks(failedAgain)[1]!["reasonForIncompletion"]);
        }
    }
}
