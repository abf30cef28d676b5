namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The scenario of the real server's e2e suite, control/DoWhileWithDomainTests.java, over HTTP.
// Despite the file's name it has neither a DO_WHILE nor a domain: a worker task, then a
// SUB_WORKFLOW whose definition is inline in the parent's definition.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   mapper/SubWorkflowTaskMapper#getMappedTasks (subWorkflowParam.workflowDefinition),
//   tasks/SubWorkflow#start, #execute, WorkflowExecutorOps#updateParentWorkflowTask;
//   TaskResource#updateTaskSync, ExecutionService#getPendingTaskForWorkflow
public sealed class DoWhileWithDomainScenarioTests : ScenarioTestBase
{
    // e2e DoWhileWithDomainTests#testSubWorkflow0version: the parent's first task is completed by
    // reference name, the inline child starts (the SUB_WORKFLOW task IN_PROGRESS with the child's
    // id), the child's task is completed by id, and both parent tasks end COMPLETED.
    [Fact]
    public async Task A_sub_workflow_defined_inline_runs_after_the_first_task_and_completes_the_parent()
    {
        using (var taskDefs = await PostAsync("metadata/taskdefs", """[{"name":"dt1","ownerEmail":"test@conductor.io"},{"name":"dt2","ownerEmail":"test@conductor.io"}]"""))
        {
            Assert.True(taskDefs.IsSuccessStatusCode, await taskDefs.Content.ReadAsStringAsync());
        }

        await RegisterAsync("""
            {"name":"INLSW","version":1,"ownerEmail":"test@conductor.io","timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","inputParameters":["value","inlineValue"],"tasks":[
              {"name":"dt2","taskReferenceName":"dt2","type":"SIMPLE"},
              {"name":"dynamicFork","taskReferenceName":"dynamicFork","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"inline_test_sub_workflow","version":1,"workflowDefinition":
                {"name":"inline_test_sub_workflow","version":1,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
                  {"name":"dt1","taskReferenceName":"dt1","type":"SIMPLE"}]}}}]}
            """);
        var workflowId = await StartAsync("INLSW", "{}");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count > 0, "the first task scheduled");
        await UpdateSyncAsync(workflowId, (string)Tasks(workflow)[0]["referenceTaskName"]!, "COMPLETED");

        workflow = await UntilAsync(workflowId, run => Tasks(run).Count > 1 && (string?)Tasks(run)[1]["subWorkflowId"] is { Length: > 0 }, "the sub-workflow started");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[0]));
        Assert.Equal("IN_PROGRESS", Status(Tasks(workflow)[1]));
        var childId = (string)Tasks(workflow)[1]["subWorkflowId"]!;

        var child = await UntilAsync(childId, run => Tasks(run).Count > 0, "the child's task scheduled");
        Assert.Equal("inline_test_sub_workflow", (string?)child["workflowName"]);
        await UpdateAsync(Tasks(child)[0], "COMPLETED");

        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[0]));
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[1]));
        Assert.Equal("COMPLETED", (string?)(await WorkflowAsync(childId))["status"]);
    }
}
