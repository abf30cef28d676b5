using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenarios of the real server's e2e <c>control/SubWorkflowInlineTests</c>: inline
/// definitions (embedded, or given by an expression read when the task is scheduled), versions,
/// priority and idempotency settings carried from subWorkflowParam to the child.
/// Real server: SubWorkflowTaskMapper#getMappedTasks, #getSubWorkflowInputParameters
/// (core/.../execution/mapper/), SubWorkflow#start (core/.../execution/tasks/),
/// SubWorkflowParams#setWorkflowDefinition (common/.../metadata/workflow/).
/// </summary>
public sealed class SubWorkflowInlineScenarioTests : SubWorkflowScenarioBase
{
    private static string SimpleChild(string name, int version, string output = "{}") => $$"""
        {"name":"{{name}}","version":{{version}},"timeoutSeconds":300,"timeoutPolicy":"TIME_OUT_WF","outputParameters":{{output}},
         "tasks":[{"name":"{{name}}_task","taskReferenceName":"t1","type":"SIMPLE"}]}
        """;

    private static string ParentOf(string name, string subWorkflowParam, string before = "") => $$"""
        {"name":"{{name}}","version":1,"timeoutSeconds":300,"timeoutPolicy":"TIME_OUT_WF","tasks":[{{before}}
          {"name":"exec","taskReferenceName":"exec","type":"SUB_WORKFLOW","subWorkflowParam":{{subWorkflowParam}} } ]}
        """;

    private async Task<(JsonNode Parent, string ChildId)> ChildStartedAsync(string parentId, int index = 0)
    {
        var parent = await UntilAsync(parentId, run => Tasks(run).Count > index && TaskAt(run, index)["subWorkflowId"] is not null, "the sub-workflow's id");
        return (parent, (string)TaskAt(parent, index)["subWorkflowId"]!);
    }

    private async Task CompleteFirstTaskAsync(string workflowId, string outputJson = "{}")
    {
        var run = await UntilAsync(workflowId, candidate => Tasks(candidate).Count > 0, "a first task");
        await UpdateTaskAsync(workflowId, (string)TaskAt(run, 0)["taskId"]!, outputJson: outputJson);
    }

    // e2e SubWorkflowInlineTests#testSubWorkflow0version: an embedded definition. After the first
    // task the run is RUNNING with the SUB_WORKFLOW task IN_PROGRESS; a task update for that task
    // (naming the child's id as its workflow) completes it, as WorkflowExecutorOps#updateTask
    // updates the task by its id.
    [Fact]
    public async Task Embedded_definition_runs_and_its_task_takes_a_task_update()
    {
        await RegisterTaskNamesAsync("dt1", "dt2");
        await UpdateWorkflowDefsAsync("""
            {"name":"inline0_parent","version":1,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"dt2","taskReferenceName":"dt2","type":"SIMPLE"},
              {"name":"dynamicFork","taskReferenceName":"dynamicFork","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"inline_test_sub_workflow","version":1,
                "workflowDefinition":{"name":"inline_test_sub_workflow","version":1,"timeoutPolicy":"TIME_OUT_WF","timeoutSeconds":600,
                  "tasks":[{"name":"dt1","taskReferenceName":"dt1","type":"SIMPLE"}]}}}]}
            """);

        var parentId = await StartWorkflowAsync("""{"name":"inline0_parent","version":1}""");
        await CompleteFirstTaskAsync(parentId);

        var (parent, childId) = await ChildStartedAsync(parentId, 1);
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal("COMPLETED", StatusAt(parent, 0));
        Assert.Equal("IN_PROGRESS", StatusAt(parent, 1));

        await UpdateTaskAsync(childId, (string)TaskAt(parent, 1)["taskId"]!);

        var done = await UntilStatusAsync(parentId, "COMPLETED");
        Assert.Equal("COMPLETED", StatusAt(done, 0));
        Assert.Equal("COMPLETED", StatusAt(done, 1));
    }

    private static string PlanDefinition(string highTaskName) => $$$"""
        {"name":"complex_dynamic_plan_wf","version":1,"schemaVersion":2,"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
         "inputParameters":["iterations","threshold"],
         "outputParameters":{"loopsDone":"${final_result.output.result.loopsDone}","allDone":"${final_result.output.result.allDone}"},
         "tasks":[
           {"name":"do_loop","taskReferenceName":"do_loop","type":"DO_WHILE",
            "inputParameters":{"iters":"${workflow.input.iterations}","threshold":"${workflow.input.threshold}"},
            "loopCondition":"$.do_loop['iteration'] < $.iters",
            "loopOver":[
              {"name":"compute","taskReferenceName":"compute","type":"INLINE",
               "inputParameters":{"evaluatorType":"javascript","expression":"function f() { return $.iteration * $.threshold; } f();",
                                  "iteration":"${do_loop.output.iteration}","threshold":"${workflow.input.threshold}"}},
              {"name":"route","taskReferenceName":"route","type":"SWITCH","evaluatorType":"javascript","expression":"$.product > $.threshold",
               "inputParameters":{"product":"${compute.output.result}","threshold":"${workflow.input.threshold}"},
               "decisionCases":{"true":[
                 {"name":"{{{highTaskName}}}","taskReferenceName":"high_task","type":"SIMPLE","inputParameters":{"product":"${compute.output.result}","category":"high"}}]},
               "defaultCase":[
                 {"name":"low_result","taskReferenceName":"low_result","type":"INLINE",
                  "inputParameters":{"evaluatorType":"javascript","expression":"function f() { return {label: 'low', product: $.product}; } f();","product":"${compute.output.result}"}}]}]},
           {"name":"final_result","taskReferenceName":"final_result","type":"INLINE",
            "inputParameters":{"evaluatorType":"javascript","expression":"function f() { return {loopsDone: $.loopsDone, allDone: true}; } f();","loopsDone":"${do_loop.output.iteration}"}}]}
        """;

    // e2e SubWorkflowInlineTests#testSubWorkflowDefinitionFromStringExpression: workflowDefinition
    // is "${wf_builder.output.result}"; the first task returns a definition (DO_WHILE of INLINE
    // and SWITCH, then INLINE), which runs unregistered. Iteration 1 (5 > 5 false) runs on system
    // tasks alone; iteration 2 schedules high_task__2 with category "high"; once it completes the
    // loop ends and the child's output is {loopsDone: 2, allDone: true}, then the parent completes.
    // SubWorkflowTaskMapper#getSubWorkflowInputParameters reads the expression when scheduling.
    [Fact]
    public async Task Definition_given_by_an_expression_runs_what_it_reads()
    {
        await RegisterTaskNamesAsync("wf_builder_task", "high_path_task");
        await UpdateWorkflowDefsAsync("""
            {"name":"inline_expr_parent","version":1,"timeoutSeconds":300,"timeoutPolicy":"TIME_OUT_WF","inputParameters":["iterations","threshold"],
             "outputParameters":{"loopsDone":"${exec.output.loopsDone}","allDone":"${exec.output.allDone}"},
             "tasks":[
               {"name":"wf_builder_task","taskReferenceName":"wf_builder","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.threshold}","tp2":"${workflow.input.iterations}"}},
               {"name":"exec_plan","taskReferenceName":"exec","type":"SUB_WORKFLOW",
                "inputParameters":{"threshold":"${workflow.input.threshold}","iterations":"${workflow.input.iterations}"},
                "subWorkflowParam":{"name":"complex_dynamic_plan_wf","version":1,"workflowDefinition":"${wf_builder.output.result}"}}]}
            """);

        var parentId = await StartWorkflowAsync("""{"name":"inline_expr_parent","version":1,"input":{"iterations":2,"threshold":5}}""");
        var first = await UntilAsync(parentId, run => Tasks(run).Count == 1 && StatusAt(run, 0) == "SCHEDULED", "the builder task");
        await UpdateTaskAsync(parentId, (string)TaskAt(first, 0)["taskId"]!, outputJson: $$"""{"result":{{PlanDefinition("high_path_task")}}}""");

        var (parent, childId) = await ChildStartedAsync(parentId, 1);
        Assert.Equal(2, Tasks(parent).Count);
        Assert.Contains(StatusAt(parent, 1), (string[])["IN_PROGRESS", "COMPLETED"]);

        var child = await UntilAsync(childId, run => Tasks(run).Any(task => (string?)task!["referenceTaskName"] == "high_task__2"), "high_task__2");
        var high = TaskByRef(child, "high_task__2");
        Assert.Equal("SCHEDULED", (string?)high["status"]);
        Assert.Equal("high", (string?)high["inputData"]!["category"]);
        Assert.Equal(10, (int)high["inputData"]!["product"]!);
        Assert.Equal("COMPLETED", (string?)TaskByRef(child, "low_result__1")["status"]);

        await UpdateTaskAsync(childId, (string)high["taskId"]!, outputJson: """{"label":"high","done":true}""");

        child = await UntilStatusAsync(childId, "COMPLETED");
        Assert.Equal(2, (int)child["output"]!["loopsDone"]!);
        Assert.True((bool)child["output"]!["allDone"]!);
        Assert.Equal("complex_dynamic_plan_wf", (string?)child["workflowName"]);
        parent = await UntilStatusAsync(parentId, "COMPLETED");
        Assert.Equal(2, (int)parent["output"]!["loopsDone"]!);
    }

    // SubWorkflowParams#setWorkflowDefinition: a string that is not a ${...} expression is refused
    // when the definition is read.
    [Fact]
    public async Task Definition_string_that_is_not_an_expression_is_refused()
    {
        using var response = await PutAsync("metadata/workflow", "[" + ParentOf("bad_expr_parent", """{"name":"x","workflowDefinition":"plan"}""") + "]");
        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("workflowDefinition is a string, but not a valid DSL string", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // e2e SubWorkflowInlineTests#testPriorityPropagatedFromSubWorkflowParams: priority 7 in
    // subWorkflowParam is the child's priority (SubWorkflowTaskMapper puts it in the task's input,
    // SubWorkflow#start passes it on).
    [Fact]
    public async Task Priority_of_the_params_is_the_childs()
    {
        await RegisterTaskNamesAsync("priority_sub_task");
        await UpdateWorkflowDefsAsync(SimpleChild("priority_sub", 1), ParentOf("priority_parent", """{"name":"priority_sub","version":1,"priority":7}"""));

        var parentId = await StartWorkflowAsync("""{"name":"priority_parent","version":1}""");
        var (parent, childId) = await ChildStartedAsync(parentId);

        Assert.Single(Tasks(parent));
        Assert.Equal("IN_PROGRESS", StatusAt(parent, 0));
        Assert.Equal(7, (int)TaskAt(parent, 0)["inputData"]!["priority"]!);
        Assert.Equal(7, (int)(await WorkflowAsync(childId))["priority"]!);
    }

    // e2e SubWorkflowInlineTests#testDynamicInlineSubWorkflowMarkedInSystemMetadata: a definition
    // read from an expression; SubWorkflow#start puts _systemMetadata.dynamic = true in the child's input.
    [Fact]
    public async Task Definition_from_an_expression_is_marked_dynamic()
    {
        await RegisterTaskNamesAsync("dynamic_mark_builder");
        await UpdateWorkflowDefsAsync(ParentOf(
            "dynamic_mark_parent",
            """{"name":"dynamic_mark_sub_wf","version":1,"workflowDefinition":"${wf_builder.output.result}"}""",
            """{"name":"dynamic_mark_builder","taskReferenceName":"wf_builder","type":"SIMPLE"},"""));

        var parentId = await StartWorkflowAsync("""{"name":"dynamic_mark_parent","version":1}""");
        await CompleteFirstTaskAsync(parentId, """
            {"result":{"name":"dynamic_mark_sub_wf","version":1,"schemaVersion":2,"inputParameters":[],"outputParameters":{},"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
              "tasks":[{"name":"marker_check","taskReferenceName":"marker_check","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"true;"}}]}}
            """);

        var (parent, childId) = await ChildStartedAsync(parentId, 1);
        Assert.Equal(2, Tasks(parent).Count);
        var child = await WorkflowAsync(childId);
        Assert.True((bool)child["input"]!["_systemMetadata"]!["dynamic"]!);
        Assert.Equal("COMPLETED", (string?)(await UntilStatusAsync(parentId, "COMPLETED"))["status"]);
    }

    // e2e SubWorkflowInlineTests#testIdempotencyKeyForwardedWithoutBreakingExecution: an
    // idempotencyKey in subWorkflowParam does not keep the child from running and completing.
    [Fact]
    public async Task Idempotency_key_does_not_stop_the_child()
    {
        await RegisterTaskNamesAsync("idempotency_sub_task");
        await UpdateWorkflowDefsAsync(SimpleChild("idempotency_sub", 1), ParentOf("idempotency_parent", """{"name":"idempotency_sub","version":1,"idempotencyKey":"test-idempotency-key"}"""));

        var parentId = await StartWorkflowAsync("""{"name":"idempotency_parent","version":1}""");
        var (parent, childId) = await ChildStartedAsync(parentId);
        Assert.Single(Tasks(parent));
        Assert.Equal("IN_PROGRESS", StatusAt(parent, 0));

        await CompleteFirstTaskAsync(childId);
        await UntilStatusAsync(parentId, "COMPLETED");
    }

    // e2e SubWorkflowInlineTests#testExplicitVersionRoutesToCorrectSubWorkflowVersion: version 1
    // asked while 2 is the latest: the child is version 1 (its output says "v1").
    [Fact]
    public async Task Explicit_version_runs_that_version()
    {
        await RegisterTaskNamesAsync("version_sub_task");
        await UpdateWorkflowDefsAsync(
            SimpleChild("version_sub", 1, """{"version":"v1"}"""),
            SimpleChild("version_sub", 2, """{"version":"v2"}"""),
            ParentOf("version_parent", """{"name":"version_sub","version":1}"""));

        var parentId = await StartWorkflowAsync("""{"name":"version_parent","version":1}""");
        var (_, childId) = await ChildStartedAsync(parentId);
        await CompleteFirstTaskAsync(childId);

        var child = await UntilStatusAsync(childId, "COMPLETED");
        Assert.Equal("v1", (string?)child["output"]!["version"]);
        Assert.Equal(1, (int)child["workflowVersion"]!);
    }

    // e2e SubWorkflowInlineTests#testRegisteredSubWorkflowNotMarkedDynamic: a registered child
    // gets no _systemMetadata (SubWorkflow#start marks only inline definitions).
    [Fact]
    public async Task Registered_child_is_not_marked_dynamic()
    {
        await RegisterTaskNamesAsync("nodyn_sub_task");
        await UpdateWorkflowDefsAsync(SimpleChild("nodyn_sub", 1), ParentOf("nodyn_parent", """{"name":"nodyn_sub","version":1}"""));

        var parentId = await StartWorkflowAsync("""{"name":"nodyn_parent","version":1}""");
        var (_, childId) = await ChildStartedAsync(parentId);

        Assert.Null((await WorkflowAsync(childId))["input"]!["_systemMetadata"]);
    }

    // e2e SubWorkflowInlineTests#testStaticInlineSubWorkflowAlsoMarkedDynamic: an embedded
    // definition is marked too. The step has no input, so SubWorkflow#start gives the child the
    // task's whole input (subWorkflowName, workflowInput, ...) plus the mark.
    [Fact]
    public async Task Embedded_definition_is_marked_dynamic()
    {
        await UpdateWorkflowDefsAsync(ParentOf("static_dyn_parent", """
            {"name":"static_inline_sub","version":1,"workflowDefinition":{"name":"static_inline_sub","version":1,"schemaVersion":2,"timeoutPolicy":"ALERT_ONLY",
              "tasks":[{"name":"check_mark","taskReferenceName":"check_mark","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"true;"}}]}}
            """));

        var parentId = await StartWorkflowAsync("""{"name":"static_dyn_parent","version":1}""");
        var (_, childId) = await ChildStartedAsync(parentId);

        var child = await WorkflowAsync(childId);
        Assert.True((bool)child["input"]!["_systemMetadata"]!["dynamic"]!);
        Assert.Equal("static_inline_sub", (string?)child["input"]!["subWorkflowName"]);
        Assert.Equal("COMPLETED", (string?)(await UntilStatusAsync(parentId, "COMPLETED"))["status"]);
    }

    // e2e SubWorkflowInlineTests#testVersionZeroTreatedAsLatest: version 0 runs the latest (2);
    // SubWorkflowTaskMapper keeps 0 as subWorkflowVersion, SubWorkflow#start reads it as the latest.
    [Fact]
    public async Task Version_zero_runs_the_latest()
    {
        await RegisterTaskNamesAsync("ver0_sub_task");
        await UpdateWorkflowDefsAsync(
            SimpleChild("ver0_sub", 1, """{"version":"v1"}"""),
            SimpleChild("ver0_sub", 2, """{"version":"v2"}"""),
            ParentOf("ver0_parent", """{"name":"ver0_sub","version":0}"""));

        var parentId = await StartWorkflowAsync("""{"name":"ver0_parent","version":1}""");
        var (parent, childId) = await ChildStartedAsync(parentId);
        Assert.Equal(0, (int)TaskAt(parent, 0)["inputData"]!["subWorkflowVersion"]!);
        await CompleteFirstTaskAsync(childId);

        var child = await UntilStatusAsync(childId, "COMPLETED");
        Assert.Equal("v2", (string?)child["output"]!["version"]);
    }

    // e2e SubWorkflowInlineTests#testIdempotencyKeyAndStrategyBothForwardedWithoutBreakingExecution:
    // idempotencyKey and idempotencyStrategy appear in the task's input as given; the run completes.
    [Fact]
    public async Task Idempotency_key_and_strategy_are_in_the_tasks_input()
    {
        await RegisterTaskNamesAsync("idp_strat_sub_task");
        await UpdateWorkflowDefsAsync(
            SimpleChild("idp_strat_sub", 1),
            ParentOf("idp_strat_parent", """{"name":"idp_strat_sub","version":1,"idempotencyKey":"e2e-idempotency-key","idempotencyStrategy":"RETURN_EXISTING"}"""));

        var parentId = await StartWorkflowAsync("""{"name":"idp_strat_parent","version":1}""");
        var (parent, childId) = await ChildStartedAsync(parentId);
        Assert.Equal("IN_PROGRESS", StatusAt(parent, 0));
        Assert.Equal("e2e-idempotency-key", (string?)TaskAt(parent, 0)["inputData"]!["idempotencyKey"]);
        Assert.Equal("RETURN_EXISTING", (string?)TaskAt(parent, 0)["inputData"]!["idempotencyStrategy"]);

        await CompleteFirstTaskAsync(childId);
        await UntilStatusAsync(parentId, "COMPLETED");
    }
}
