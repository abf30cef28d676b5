using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The real server's integration spec test-harness/.../test/integration/SwitchTaskSpec.groovy, over
// HTTP. The definitions are the ones the spec loads (simple_switch_task_integration_test.json,
// switch_and_fork_join_integration_test.json, conditional_switch_task_workflow_integration_test.json,
// switch_with_no_default_case_integration_test.json), written here in the same shape.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   mapper/SwitchTaskMapper#getMappedTasks (the SWITCH and its case's first task scheduled together;
//   the case value String.valueOf of the evaluator's result, so a missing input is "null"),
//   tasks/Switch#execute, evaluators/ValueParamEvaluator, mapper/ForkJoinTaskMapper,
//   tasks/Join#execute, DeciderService#getNextTask (after a case, the task after the SWITCH).
public sealed class SwitchTaskSpecTests : ScenarioTestBase
{
    private const string Params = """
        "inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"}
        """;

    private const string SwitchStep = $$$"""
        {"name":"switchTask","taskReferenceName":"switchTask","type":"SWITCH","evaluatorType":"value-param","expression":"case",
         "inputParameters":{"case":"${workflow.input.case}"},
         "decisionCases":{"c":[
           {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE",{{{Params}}}},
           {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE",{{{Params}}}}]},
         "defaultCase":[{"name":"integration_task_5","taskReferenceName":"t5","type":"SIMPLE",{{{Params}}}}]}
        """;

    private const string SwitchWorkflowJson = $$$"""
        {"name":"SwitchWorkflow","version":1,"schemaVersion":2,"tasks":[{{{SwitchStep}}},
          {"name":"integration_task_20","taskReferenceName":"t20","type":"SIMPLE",{{{Params}}}}]}
        """;

    private const string ForkConditionalJson = $$$"""
        {"name":"ForkConditionalTest","version":1,"schemaVersion":2,"tasks":[
          {"name":"forkTask","taskReferenceName":"forkTask","type":"FORK_JOIN","forkTasks":[
            [{{{SwitchStep}}},{"name":"integration_task_20","taskReferenceName":"t20","type":"SIMPLE",{{{Params}}}}],
            [{"name":"integration_task_10","taskReferenceName":"t10","type":"SIMPLE",{{{Params}}}}]]},
          {"name":"joinTask","taskReferenceName":"joinTask","type":"JOIN","joinOn":["t20","t10"]}]}
        """;

    private const string ConditionalJson = """
        {"name":"ConditionalTaskWF","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"tasks":[
          {"name":"conditional","taskReferenceName":"conditional","type":"SWITCH","evaluatorType":"value-param","expression":"case",
           "inputParameters":{"case":"${workflow.input.param1}"},
           "decisionCases":{
             "nested":[{"name":"nestedCondition","taskReferenceName":"nestedCondition","type":"SWITCH","evaluatorType":"value-param","expression":"case",
               "inputParameters":{"case":"${workflow.input.param2}"},
               "decisionCases":{
                 "one":[{"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"}}],
                 "two":[{"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}"}}]}}],
             "three":[{"name":"integration_task_3","taskReferenceName":"t3","type":"SIMPLE","inputParameters":{"tp3":"workflow.input.param2"}}]},
           "defaultCase":[{"name":"integration_task_10","taskReferenceName":"t10","type":"SIMPLE","inputParameters":{"tp10":"workflow.input.param2"}}]},
          {"name":"finalcondition","taskReferenceName":"finalCase","type":"SWITCH","evaluatorType":"value-param","expression":"finalCase",
           "inputParameters":{"finalCase":"${workflow.input.finalCase}"},
           "decisionCases":{"notify":[{"name":"integration_task_4","taskReferenceName":"integration_task_4","type":"SIMPLE"}]}}]}
        """;

    private const string NoDefaultJson = $$$"""
        {"name":"SwitchWithNoDefaultCaseWF","version":1,"schemaVersion":2,"tasks":[
          {"name":"switchTask","taskReferenceName":"switchTask","type":"SWITCH","evaluatorType":"value-param","expression":"case",
           "inputParameters":{"case":"${workflow.input.case}"},
           "decisionCases":{"c":[{"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE",{{{Params}}}}]}},
          {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE",{{{Params}}}}]}
        """;

    /// <summary>The spec's setup: the task definitions and the workflows it loads.</summary>
    private async Task SetUpAsync()
    {
        await RegisterIntegrationTaskDefsAsync();
        foreach (var definition in new[] { SwitchWorkflowJson, ForkConditionalJson, ConditionalJson, NoDefaultJson })
        {
            await UpdateWorkflowDefAsync(definition);
        }
    }

    private static List<string?> EvaluationResult(JsonNode task) =>
        [.. task["outputData"]!["evaluationResult"]!.AsArray().Select(value => (string?)value)];

    // harness SwitchTaskSpec "Test simple switch workflow": case "c" runs its two tasks one after
    // the other, then the task after the SWITCH.
    [Fact]
    public async Task A_case_runs_its_tasks_then_the_task_after_the_switch()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("SwitchWorkflow", """{"param1":"p1","param2":"p2","case":"c"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "the SWITCH and the case's first task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_1", "SCHEDULED")], TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_1");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 3, "the case's second task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_1", "COMPLETED"), ("integration_task_2", "SCHEDULED")], TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_2");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4, "the task after the SWITCH");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(("integration_task_2", "COMPLETED"), TypesAndStatuses(workflow)[2]);
        Assert.Equal(("integration_task_20", "SCHEDULED"), TypesAndStatuses(workflow)[3]);

        await PollAndCompleteAsync("integration_task_20");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(4, Tasks(workflow).Count);
        Assert.Equal(("integration_task_20", "COMPLETED"), TypesAndStatuses(workflow)[3]);
    }

    // harness SwitchTaskSpec "Test a workflow that has a switch task that leads to a fork join": a
    // fork branch begins with a SWITCH; the JOIN waits on the branch's last task t20 and on t10.
    [Fact]
    public async Task A_switch_inside_a_fork_branch()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ForkConditionalTest", """{"param1":"p1","param2":"p2","case":"c"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 5, "the fork's five tasks");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("SWITCH", "COMPLETED"), ("integration_task_1", "SCHEDULED"), ("integration_task_10", "SCHEDULED"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_1");
        await PollAndCompleteAsync("integration_task_10");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 6, "the case's second task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("SWITCH", "COMPLETED"), ("integration_task_1", "COMPLETED"), ("integration_task_10", "COMPLETED"), ("JOIN", "IN_PROGRESS"), ("integration_task_2", "SCHEDULED")],
            TypesAndStatuses(workflow));
        Assert.Equal(["t20", "t10"], Tasks(workflow)[4]["inputData"]!["joinOn"]!.AsArray().Select(value => (string?)value));

        await PollAndCompleteAsync("integration_task_2");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 7, "the branch's last task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(("JOIN", "IN_PROGRESS"), TypesAndStatuses(workflow)[4]);
        Assert.Equal(("integration_task_2", "COMPLETED"), TypesAndStatuses(workflow)[5]);
        Assert.Equal(("integration_task_20", "SCHEDULED"), TypesAndStatuses(workflow)[6]);

        await PollAndCompleteAsync("integration_task_20");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(7, Tasks(workflow).Count);
        Assert.Equal(("JOIN", "COMPLETED"), TypesAndStatuses(workflow)[4]);
        Assert.Equal(["t20", "t10"], Tasks(workflow)[4]["inputData"]!["joinOn"]!.AsArray().Select(value => (string?)value));
        Assert.Equal(("integration_task_20", "COMPLETED"), TypesAndStatuses(workflow)[6]);
    }

    // harness SwitchTaskSpec "Test default case condition execution of a conditional workflow": a
    // value no case names runs the default case; the second SWITCH, whose input is missing,
    // evaluates to "null", has no such case and no default, and the run completes.
    [Fact]
    public async Task A_value_no_case_names_runs_the_default_case()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ConditionalTaskWF", """{"param1":"xxx","param2":"two"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "the default case's task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_10", "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(["xxx"], EvaluationResult(Tasks(workflow)[0]));

        await PollAndCompleteAsync("integration_task_10");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_10", "COMPLETED"), ("SWITCH", "COMPLETED")], TypesAndStatuses(workflow));
        Assert.Equal(["null"], EvaluationResult(Tasks(workflow)[2]));
    }

    // harness SwitchTaskSpec "Test case 'nested' and '#caseValue' condition execution of a
    // conditional workflow" (both rows): a SWITCH in a case, its own case chosen by param2.
    [Theory]
    [InlineData("two", "integration_task_2")]
    [InlineData("one", "integration_task_1")]
    public async Task A_switch_nested_in_a_case(string caseValue, string expectedTaskName)
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ConditionalTaskWF", $$"""{"param1":"nested","param2":"{{caseValue}}"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 3, "the nested case's task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("SWITCH", "COMPLETED"), (expectedTaskName, "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(["nested"], EvaluationResult(Tasks(workflow)[0]));
        Assert.Equal([caseValue], EvaluationResult(Tasks(workflow)[1]));

        await PollAndCompleteAsync(expectedTaskName);
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(4, Tasks(workflow).Count);
        Assert.Equal((expectedTaskName, "COMPLETED"), TypesAndStatuses(workflow)[2]);
        Assert.Equal(("SWITCH", "COMPLETED"), TypesAndStatuses(workflow)[3]);
        Assert.Equal(["null"], EvaluationResult(Tasks(workflow)[3]));
    }

    // harness SwitchTaskSpec "Test 'three' case condition execution of a conditional workflow":
    // case "three", then the second SWITCH takes "notify".
    [Fact]
    public async Task Two_switches_one_after_the_other()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ConditionalTaskWF", """{"param1":"three","param2":"two","finalCase":"notify"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "case three's task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_3", "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(["three"], EvaluationResult(Tasks(workflow)[0]));

        await PollAndCompleteAsync("integration_task_3");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4, "the notify case's task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_3", "COMPLETED"), ("SWITCH", "COMPLETED"), ("integration_task_4", "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(["notify"], EvaluationResult(Tasks(workflow)[2]));

        await PollAndCompleteAsync("integration_task_4");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_3", "COMPLETED"), ("SWITCH", "COMPLETED"), ("integration_task_4", "COMPLETED")], TypesAndStatuses(workflow));
        Assert.Equal(["notify"], EvaluationResult(Tasks(workflow)[2]));
    }

    // harness SwitchTaskSpec "Test switch with no default case workflow": no input "case", so the
    // value is "null"; no case and no default: the SWITCH completes and the next task runs.
    [Fact]
    public async Task A_switch_without_a_matching_case_or_default_runs_nothing()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("SwitchWithNoDefaultCaseWF", """{"param1":"p1","param2":"p2"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "the task after the SWITCH");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_2", "SCHEDULED")], TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_2");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal([("SWITCH", "COMPLETED"), ("integration_task_2", "COMPLETED")], TypesAndStatuses(workflow));
    }
}
