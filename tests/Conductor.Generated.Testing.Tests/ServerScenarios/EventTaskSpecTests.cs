namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// test-harness integration/EventTaskSpec: an EVENT task with the <c>conductor</c> sink, plain and
/// with <c>asyncComplete</c>. Real server: Event#start (COMPLETED, or IN_PROGRESS with
/// asyncComplete; <c>event_produced</c> in the output), Event#computeQueueName,
/// WorkflowExecutorOps#updateTask, DeciderService#decide.
/// </summary>
public sealed class EventTaskSpecTests : ScenarioTestBase
{
    private const string Definition = """
        {"name":"test_event_workflow","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com","timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
          {"name":"eventX","taskReferenceName":"wait0","type":"EVENT","sink":"conductor","asyncComplete":ASYNC,"inputParameters":{}},
          {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{}}]}
        """;

    // harness EventTaskSpec "Verify that a event based simple workflow is executed": the EVENT task
    // is COMPLETED at once with event_produced set, integration_task_1 is scheduled beside it, and
    // completing that completes the run.
    [Fact]
    public async Task An_event_task_completes_at_once_and_names_its_queue()
    {
        await RegisterAsync(false);
        var workflowId = await StartWorkflowAsync("""{"name":"test_event_workflow","version":1,"input":{}}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "integration_task_1 scheduled");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var tasks = Tasks(workflow);
        Assert.Equal(["EVENT", "integration_task_1"], tasks.Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "SCHEDULED"], tasks.Select(Status));
        Assert.Equal("conductor:test_event_workflow:wait0", (string?)tasks[0]["outputData"]!["event_produced"]);

        await CompleteAsync(await PollTaskAsync("integration_task_1"));
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.Equal(["COMPLETED", "COMPLETED"], Tasks(workflow).Select(Status));
    }

    // harness EventTaskSpec "Test a workflow with event task that is asyncComplete": the EVENT task
    // stays IN_PROGRESS (with event_produced) and alone until an update completes it; then
    // integration_task_1 is scheduled and its completion completes the run.
    [Fact]
    public async Task An_async_complete_event_task_waits_for_an_update()
    {
        await RegisterAsync(true);
        var workflowId = await StartWorkflowAsync("""{"name":"test_event_workflow","version":1,"input":{}}""");

        var workflow = await UntilAsync(workflowId, run => Status(Tasks(run).FirstOrDefault()) == "IN_PROGRESS", "the EVENT task in progress");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var eventTask = Assert.Single(Tasks(workflow));
        Assert.Equal("EVENT", (string?)eventTask["taskType"]);
        Assert.Equal("conductor:test_event_workflow:wait0", (string?)eventTask["outputData"]!["event_produced"]);

        // The harness builds its TaskResult from the task, so the update carries the task's output
        // (WorkflowExecutorOps#updateTask replaces the output with the result's).
        var pending = ByRef(workflow, "wait0")!;
        await UpdateAsync(pending, "COMPLETED", pending["outputData"]!.ToJsonString());
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "integration_task_1 scheduled");
        var tasks = Tasks(workflow);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(["COMPLETED", "SCHEDULED"], tasks.Select(Status));
        Assert.Equal("conductor:test_event_workflow:wait0", (string?)tasks[0]["outputData"]!["event_produced"]);

        await CompleteAsync(await PollTaskAsync("integration_task_1"));
        workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        tasks = Tasks(workflow);
        Assert.Equal(["EVENT", "integration_task_1"], tasks.Select(task => (string?)task["taskType"]));
        Assert.Equal(["COMPLETED", "COMPLETED"], tasks.Select(Status));
        Assert.NotNull((string?)tasks[0]["outputData"]!["event_produced"]);
    }

    private async Task RegisterAsync(bool asyncComplete)
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"eventX","timeoutSeconds":10,"responseTimeoutSeconds":10}]
            """);
        await UpdateWorkflowDefAsync(Definition.Replace("ASYNC", asyncComplete ? "true" : "false", StringComparison.Ordinal));
    }
}
