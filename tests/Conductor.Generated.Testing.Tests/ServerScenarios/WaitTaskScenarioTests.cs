namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/WaitTaskTest: WAIT with a duration, with a <c>*</c> task-to-domain mapping, and after
/// SET_VARIABLE. Real server: WaitTaskMapper#getMappedTasks (callbackAfterSeconds, no domain for a
/// system task), Wait#execute, DeciderService#decide, WorkflowExecutorOps#startWorkflow
/// (an inline workflowDef), MetadataMapperService#populateWorkflowTaskWithDefinition (the ad-hoc
/// definition named after the step). On the fake clock.
/// </summary>
public sealed class WaitTaskScenarioTests() : ScenarioTestBase(useFakeClock: true)
{
    // e2e WaitTaskTest#testWaitTimeout: a two-second WAIT completes two seconds after it was
    // scheduled (the e2e bound is 15 s for its Postgres sweeper), the only task of the run.
    [Fact]
    public async Task A_wait_for_two_seconds_completes_two_seconds_later()
    {
        await UpdateWorkflowDefAsync("""
            {"name":"wait_task_test","version":1,"variables":{},"tasks":[
              {"name":"wait_for_2_second","taskReferenceName":"wait_for_2_second","type":"WAIT","inputParameters":{"duration":"2 seconds"}}]}
            """);
        var workflowId = await StartWorkflowAsync("""{"name":"wait_task_test","version":1,"input":{}}""");

        Clock!.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("IN_PROGRESS", Status(Tasks(await WorkflowAsync(workflowId))[0]));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var wait = Assert.Single(Tasks(workflow))!;
        Assert.Equal("COMPLETED", Status(wait));
        Assert.Equal(2000, (long)wait["endTime"]! - (long)wait["scheduledTime"]!);
    }

    // e2e WaitTaskTest#startWorkflowWithDomain: with taskToDomain {"*": "my_domain"} the WAIT task
    // has no domain (system tasks are not queued by domain) and still completes.
    [Fact]
    public async Task A_wait_task_gets_no_domain_from_a_star_mapping()
    {
        var workflowId = await StartWorkflowAsync("""
            {"name":"wait_task__with_domain","version":1,"taskToDomain":{"*":"my_domain"},"workflowDef":{"name":"wait_task__with_domain","version":1,"tasks":[
              {"name":"wait_task","taskReferenceName":"wait_task_ref","type":"WAIT","inputParameters":{"duration":"2 seconds"}}]}}
            """);

        Clock!.Advance(TimeSpan.FromSeconds(2));
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var wait = Assert.Single(Tasks(workflow))!;
        Assert.Equal("WAIT", (string?)wait["taskType"]);
        Assert.Null((string?)wait["domain"]);
        Assert.Equal("COMPLETED", Status(wait));
    }

    // e2e WaitTaskTest#setVariableAndWaitTaskTest: SET_VARIABLE then a one-second WAIT; both
    // COMPLETED, and the WAIT's workflowTask carries a task definition with a name (the ad-hoc
    // one, MetadataMapperService#populateWorkflowTaskWithDefinition).
    [Fact]
    public async Task A_wait_after_set_variable_completes_and_names_its_definition()
    {
        var workflowId = await StartWorkflowAsync("""
            {"name":"set_variable_wait_workflow","version":1,"workflowDef":{"name":"set_variable_wait_workflow","version":1,"tasks":[
              {"name":"set_var","taskReferenceName":"set_var_ref","type":"SET_VARIABLE","inputParameters":{"var":"testValue","value":"42"}},
              {"name":"wait_task","taskReferenceName":"wait_task_ref","type":"WAIT","inputParameters":{"duration":"1 second"}}]}}
            """);

        Clock!.Advance(TimeSpan.FromSeconds(1));
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var tasks = Tasks(workflow);
        Assert.Equal(2, tasks.Count);
        Assert.Equal("SET_VARIABLE", (string?)tasks[0]!["taskType"]);
        Assert.Equal("COMPLETED", Status(tasks[0]));
        Assert.Equal("testValue", (string?)workflow["variables"]!["var"]);
        Assert.Equal("WAIT", (string?)tasks[1]!["taskType"]);
        Assert.Equal("COMPLETED", Status(tasks[1]));
        Assert.Equal("wait_task", (string?)tasks[1]!["workflowTask"]?["taskDefinition"]?["name"]);
    }
}
