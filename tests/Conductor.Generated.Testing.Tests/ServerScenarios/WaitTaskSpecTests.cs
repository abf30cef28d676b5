namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// test-harness integration/WaitTaskSpec: a WAIT with no duration stays IN_PROGRESS until a task
/// update completes it; SET_VARIABLE between a worker task and a WAIT. Real server: Wait#execute
/// (no duration and no until: IN_PROGRESS, nothing to evaluate), WorkflowExecutorOps#updateTask,
/// SetVariable#execute, DeciderService#decide.
/// </summary>
public sealed class WaitTaskSpecTests : ScenarioTestBase
{
    // harness WaitTaskSpec "Test workflow with set variable task": simple, then SET_VARIABLE from the
    // input, then a WAIT; the variable shows on the run and, once the WAIT is completed by an
    // update, in the output through ${workflow.variables}.
    [Fact]
    public async Task Set_variable_then_a_wait_completed_by_an_update()
    {
        await RegisterTaskDefsAsync("""[{"name":"simple","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]""");
        await UpdateWorkflowDefAsync("""
            {"name":"set_variable_workflow_integration_test","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com",
             "outputParameters":{"variables":"${workflow.variables}"},"tasks":[
              {"name":"simple","taskReferenceName":"simple","type":"SIMPLE","inputParameters":{}},
              {"name":"set_variable","taskReferenceName":"set_variable_1","type":"SET_VARIABLE","inputParameters":{"var":"${workflow.input.var}"}},
              {"name":"wait","taskReferenceName":"wait0","type":"WAIT","inputParameters":{}}]}
            """);
        var workflowId = await StartWorkflowAsync("""{"name":"set_variable_workflow_integration_test","version":1,"input":{"var":"var_test_value"}}""");

        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var only = Assert.Single(Tasks(workflow));
        Assert.Equal("simple", (string?)only["taskType"]);
        Assert.Equal("SCHEDULED", Status(only));

        await CompleteAsync(await PollTaskAsync("simple"), """{"ok1":"ov1"}""");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 3, "the WAIT scheduled");
        var tasks = Tasks(workflow);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["simple", "SET_VARIABLE", "WAIT"], tasks.Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "COMPLETED", "IN_PROGRESS"], tasks.Select(Status));
        Assert.Equal("""{"var":"var_test_value"}""", workflow["variables"]!.ToJsonString());

        await UpdateAsync(tasks[2], "COMPLETED");
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        tasks = Tasks(workflow);
        Assert.Equal(["COMPLETED", "COMPLETED", "COMPLETED"], tasks.Select(Status));
        Assert.Equal("""{"var":"var_test_value"}""", workflow["variables"]!.ToJsonString());
        Assert.Equal("""{"variables":{"var":"var_test_value"}}""", workflow["output"]!.ToJsonString());
    }

    // harness WaitTaskSpec "Verify that a wait based simple workflow is executed": the WAIT is the
    // first task, IN_PROGRESS; completing it by an update schedules integration_task_1, whose
    // completion completes the run.
    [Fact]
    public async Task A_wait_without_duration_waits_for_an_update()
    {
        await RegisterTaskDefsAsync("""[{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]""");
        await UpdateWorkflowDefAsync("""
            {"name":"test_wait_workflow","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com","timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
              {"name":"wait","taskReferenceName":"wait0","type":"WAIT","inputParameters":{}},
              {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{}}]}
            """);
        var workflowId = await StartWorkflowAsync("""{"name":"test_wait_workflow","version":1,"input":{}}""");

        var workflow = await UntilAsync(workflowId, run => Status(Tasks(run).FirstOrDefault()) == "IN_PROGRESS", "the WAIT in progress");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var wait = Assert.Single(Tasks(workflow));
        Assert.Equal("WAIT", (string?)wait["taskType"]);

        await UpdateAsync(wait, "COMPLETED");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "integration_task_1 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["WAIT", "integration_task_1"], Tasks(workflow).Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "SCHEDULED"], Tasks(workflow).Select(Status));

        await CompleteAsync(await PollTaskAsync("integration_task_1"));
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
    }
}
