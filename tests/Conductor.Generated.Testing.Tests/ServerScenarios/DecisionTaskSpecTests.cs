using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The real server's integration spec test-harness/.../test/integration/DecisionTaskSpec.groovy, over
// HTTP: the same flows as SwitchTaskSpec with the older DECISION task (caseValueParam). The
// definitions are the ones the spec loads (simple_decision_task_integration_test.json,
// decision_and_fork_join_integration_test.json, conditional_task_workflow_integration_test.json),
// written here in the same shape.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   mapper/DecisionTaskMapper#getMappedTasks (the DECISION and its case's first task scheduled
//   together; output caseOutput: [value]) and #getEvaluatedCaseValue ("" + the input named by
//   caseValueParam, so a missing input is "null"), tasks/Decision#execute, mapper/ForkJoinTaskMapper,
//   tasks/Join#execute, DeciderService#getNextTask (after a case, the task after the DECISION).
public sealed class DecisionTaskSpecTests : ScenarioTestBase
{
    private const string Params = """
        "inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"}
        """;

    private const string DecisionStep = $$$"""
        {"name":"decisionTask","taskReferenceName":"decisionTask","type":"DECISION","caseValueParam":"case",
         "inputParameters":{"case":"${workflow.input.case}"},
         "decisionCases":{"c":[
           {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE",{{{Params}}}},
           {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE",{{{Params}}}}]},
         "defaultCase":[{"name":"integration_task_5","taskReferenceName":"t5","type":"SIMPLE",{{{Params}}}}]}
        """;

    private const string DecisionWorkflowJson = $$$"""
        {"name":"DecisionWorkflow","version":1,"schemaVersion":2,"tasks":[{{{DecisionStep}}},
          {"name":"integration_task_20","taskReferenceName":"t20","type":"SIMPLE",{{{Params}}}}]}
        """;

    private const string ForkConditionalJson = $$$"""
        {"name":"ForkConditionalTest","version":1,"schemaVersion":2,"tasks":[
          {"name":"forkTask","taskReferenceName":"forkTask","type":"FORK_JOIN","forkTasks":[
            [{{{DecisionStep}}},{"name":"integration_task_20","taskReferenceName":"t20","type":"SIMPLE",{{{Params}}}}],
            [{"name":"integration_task_10","taskReferenceName":"t10","type":"SIMPLE",{{{Params}}}}]]},
          {"name":"joinTask","taskReferenceName":"joinTask","type":"JOIN","joinOn":["t20","t10"]}]}
        """;

    private const string ConditionalJson = """
        {"name":"ConditionalTaskWF","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"tasks":[
          {"name":"conditional","taskReferenceName":"conditional","type":"DECISION","caseValueParam":"case",
           "inputParameters":{"case":"${workflow.input.param1}"},
           "decisionCases":{
             "nested":[{"name":"nestedCondition","taskReferenceName":"nestedCondition","type":"DECISION","caseValueParam":"case",
               "inputParameters":{"case":"${workflow.input.param2}"},
               "decisionCases":{
                 "one":[{"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"}}],
                 "two":[{"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}"}}]}}],
             "three":[{"name":"integration_task_3","taskReferenceName":"t3","type":"SIMPLE","inputParameters":{"tp3":"workflow.input.param2"}}]},
           "defaultCase":[{"name":"integration_task_10","taskReferenceName":"t10","type":"SIMPLE","inputParameters":{"tp10":"workflow.input.param2"}}]},
          {"name":"finalcondition","taskReferenceName":"finalCase","type":"DECISION","caseValueParam":"finalCase",
           "inputParameters":{"finalCase":"${workflow.input.finalCase}"},
           "decisionCases":{"notify":[{"name":"integration_task_4","taskReferenceName":"integration_task_4","type":"SIMPLE"}]}}]}
        """;

    /// <summary>The spec's setup: the task definitions and the workflows it loads.</summary>
    private async Task SetUpAsync()
    {
        await RegisterIntegrationTaskDefsAsync();
        foreach (var definition in new[] { DecisionWorkflowJson, ForkConditionalJson, ConditionalJson })
        {
            await UpdateWorkflowDefAsync(definition);
        }
    }

    private static List<string?> CaseOutput(JsonNode task) =>
        [.. task["outputData"]!["caseOutput"]!.AsArray().Select(value => (string?)value)];

    // harness DecisionTaskSpec "Test simple decision workflow": case "c" runs its two tasks one after
    // the other, then the task after the DECISION.
    [Fact]
    public async Task A_case_runs_its_tasks_then_the_task_after_the_decision()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("DecisionWorkflow", """{"param1":"p1","param2":"p2","case":"c"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "the DECISION and the case's first task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("DECISION", "COMPLETED"), ("integration_task_1", "SCHEDULED")], TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_1");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 3, "the case's second task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("DECISION", "COMPLETED"), ("integration_task_1", "COMPLETED"), ("integration_task_2", "SCHEDULED")], TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_2");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4, "the task after the DECISION");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(("integration_task_2", "COMPLETED"), TypesAndStatuses(workflow)[2]);
        Assert.Equal(("integration_task_20", "SCHEDULED"), TypesAndStatuses(workflow)[3]);

        await PollAndCompleteAsync("integration_task_20");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(4, Tasks(workflow).Count);
        Assert.Equal(("integration_task_20", "COMPLETED"), TypesAndStatuses(workflow)[3]);
    }

    // harness DecisionTaskSpec "Test a workflow that has a decision task that leads to a fork join": a
    // fork branch begins with a DECISION; the JOIN waits on the branch's last task t20 and on t10.
    [Fact]
    public async Task A_decision_inside_a_fork_branch()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ForkConditionalTest", """{"param1":"p1","param2":"p2","case":"c"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 5, "the fork's five tasks");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("DECISION", "COMPLETED"), ("integration_task_1", "SCHEDULED"), ("integration_task_10", "SCHEDULED"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(workflow));

        await PollAndCompleteAsync("integration_task_1");
        await PollAndCompleteAsync("integration_task_10");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 6, "the case's second task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("DECISION", "COMPLETED"), ("integration_task_1", "COMPLETED"), ("integration_task_10", "COMPLETED"), ("JOIN", "IN_PROGRESS"), ("integration_task_2", "SCHEDULED")],
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

    // harness DecisionTaskSpec "Test default case condition execution of a conditional workflow": a
    // value no case names runs the default case; the second DECISION, whose input is missing,
    // evaluates to "null", has no such case and no default, and the run completes.
    [Fact]
    public async Task A_value_no_case_names_runs_the_default_case()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ConditionalTaskWF", """{"param1":"xxx","param2":"two"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "the default case's task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("DECISION", "COMPLETED"), ("integration_task_10", "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(["xxx"], CaseOutput(Tasks(workflow)[0]));

        await PollAndCompleteAsync("integration_task_10");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal([("DECISION", "COMPLETED"), ("integration_task_10", "COMPLETED"), ("DECISION", "COMPLETED")], TypesAndStatuses(workflow));
        Assert.Equal(["null"], CaseOutput(Tasks(workflow)[2]));
    }

    // harness DecisionTaskSpec "Test case 'nested' and '#caseValue' condition execution of a
    // conditional workflow" (both rows): a DECISION in a case, its own case chosen by param2.
    [Theory]
    [InlineData("two", "integration_task_2")]
    [InlineData("one", "integration_task_1")]
    public async Task A_decision_nested_in_a_case(string caseValue, string expectedTaskName)
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ConditionalTaskWF", $$"""{"param1":"nested","param2":"{{caseValue}}"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 3, "the nested case's task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("DECISION", "COMPLETED"), ("DECISION", "COMPLETED"), (expectedTaskName, "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(["nested"], CaseOutput(Tasks(workflow)[0]));
        Assert.Equal([caseValue], CaseOutput(Tasks(workflow)[1]));

        await PollAndCompleteAsync(expectedTaskName);
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(4, Tasks(workflow).Count);
        Assert.Equal((expectedTaskName, "COMPLETED"), TypesAndStatuses(workflow)[2]);
        Assert.Equal(("DECISION", "COMPLETED"), TypesAndStatuses(workflow)[3]);
        Assert.Equal(["null"], CaseOutput(Tasks(workflow)[3]));
    }

    // harness DecisionTaskSpec "Test 'three' case condition execution of a conditional workflow":
    // case "three", then the second DECISION takes "notify".
    [Fact]
    public async Task Two_decisions_one_after_the_other()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ConditionalTaskWF", """{"param1":"three","param2":"two","finalCase":"notify"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 2, "case three's task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("DECISION", "COMPLETED"), ("integration_task_3", "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(["three"], CaseOutput(Tasks(workflow)[0]));

        await PollAndCompleteAsync("integration_task_3");
        workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 4, "the notify case's task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("DECISION", "COMPLETED"), ("integration_task_3", "COMPLETED"), ("DECISION", "COMPLETED"), ("integration_task_4", "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(["notify"], CaseOutput(Tasks(workflow)[2]));

        await PollAndCompleteAsync("integration_task_4");
        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal([("DECISION", "COMPLETED"), ("integration_task_3", "COMPLETED"), ("DECISION", "COMPLETED"), ("integration_task_4", "COMPLETED")], TypesAndStatuses(workflow));
        Assert.Equal(["notify"], CaseOutput(Tasks(workflow)[2]));
    }
}
