using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The scenarios of the real server's e2e suite, control/DoWhileTests.java, over HTTP.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   tasks/DoWhile#execute, #evaluateCondition, #removeIterations (keepLastN)
//   mapper/DoWhileTaskMapper#getMappedTasks, WorkflowExecutorOps#scheduleNextIteration
//   tasks/Switch#execute, mapper/SwitchTaskMapper#getMappedTasks, tasks/SetVariable#execute
//   tasks/Wait#execute; ExecutionService#getPendingTaskForWorkflow (an update by reference name
//   finds `ref__N` inside a loop); TaskResource#updateTaskSync; WorkflowResource#decide
public sealed class DoWhileScenarioTests : ScenarioTestBase
{
    // A loop whose body starts with a worker task followed by a SWITCH (a system task the decider
    // runs at once). The loop condition reads the last body task's output, which does not exist
    // until that task ran: it must not be evaluated when the SWITCH completes.
    private const string EarlyEvaluationJson = """
        {"name":"do_while_early_eval","tasks":[
          {"name":"reserve_token","taskReferenceName":"reserve","type":"SIMPLE"},
          {"name":"acquire_token","taskReferenceName":"acquire","type":"SIMPLE","inputParameters":{"token":"${reserve.output.token_id}"}},
          {"name":"pipeline_loop","taskReferenceName":"pipeline_loop","type":"DO_WHILE","evaluatorType":"graaljs",
           "loopCondition":"const unused = 1; if ($.process_results.is_pipeline_failure === true && $.pipeline_loop['iteration'] < 3) { true; } else { false; }",
           "loopOver":[
             {"name":"start_pipeline","taskReferenceName":"start_pipeline","type":"SIMPLE","inputParameters":{"ns":"${workflow.input.namespace_id}"}},
             {"name":"if_terminate","taskReferenceName":"if_terminate","type":"SWITCH","evaluatorType":"value-param","expression":"switchCaseValue",
              "inputParameters":{"switchCaseValue":"${start_pipeline.output.namespace_enabled}"},
              "decisionCases":{"false":[
                {"name":"return_token","taskReferenceName":"return_token_not_enabled","type":"SIMPLE"},
                {"name":"stop","taskReferenceName":"stop","type":"TERMINATE","inputParameters":{"terminationStatus":"COMPLETED","terminationReason":"not enabled"}}]},
              "defaultCase":[]},
             {"name":"pipeline_status","taskReferenceName":"pipeline_status","type":"SIMPLE","inputParameters":{"uid":"${start_pipeline.output.pipeline_uid}"}},
             {"name":"process_results","taskReferenceName":"process_results","type":"SIMPLE"}]},
          {"name":"return_token","taskReferenceName":"return_token","type":"SIMPLE"}]}
        """;

    // e2e DoWhileTests#testDoWhileScriptIsNotEvaledEarlyWhenSyncSystemTaskInside (run 10 times
    // there against races; the test server decides under one lock, so once per test run here).
    // DoWhile#execute evaluates the condition only when every task of the iteration is terminal
    // (the SWITCH completing is not the end of the iteration); Switch#execute with no matching
    // case and an empty defaultCase completes and schedules nothing.
    [Fact]
    public async Task The_loop_condition_waits_for_the_whole_iteration_when_a_switch_completes_early()
    {
        await RegisterAsync(EarlyEvaluationJson);
        var workflowId = await StartAsync("do_while_early_eval", """{"namespace_id":"ns_1"}""");

        await UpdateAsync(await PendingAsync(workflowId, "reserve"), "COMPLETED", """{"token_id":"t1"}""");
        await UpdateAsync(await PendingAsync(workflowId, "acquire"), "COMPLETED", """{"acquired_at":1697058745255}""");
        await UpdateAsync(
            await PendingAsync(workflowId, "start_pipeline"),
            "COMPLETED",
            """{"pipeline_uid":"p1","namespace_enabled":true}""");

        var workflow = await UntilAsync(workflowId, run => ByRef(run, "pipeline_status__1") is not null, "pipeline_status__1 scheduled");
        Assert.Equal("COMPLETED", Status(ByRef(workflow, "if_terminate__1")!));
        Assert.Equal("IN_PROGRESS", Status(ByRef(workflow, "pipeline_loop")!));
        Assert.Equal("SCHEDULED", Status(ByRef(workflow, "pipeline_status__1")!));
        Assert.Null(ByRef(workflow, "return_token_not_enabled__1"));

        await UpdateAsync(ByRef(workflow, "pipeline_status__1")!, "COMPLETED");
        await PendingAsync(workflowId, "process_results");
        workflow = await UpdateSyncAsync(workflowId, "process_results__1", "COMPLETED");
        workflow = await UntilAsync(workflowId, run => ByRef(run, "return_token") is not null, "return_token scheduled");

        // The condition read `is_pipeline_failure` (absent) as not true: one iteration.
        var loop = ByRef(workflow, "pipeline_loop")!;
        Assert.Equal("COMPLETED", Status(loop));
        Assert.Equal(1, (int)loop["outputData"]!["iteration"]!);
        Assert.Equal("SCHEDULED", Status(ByRef(workflow, "return_token")!));

        await UpdateAsync(ByRef(workflow, "return_token")!, "COMPLETED");
        using (var decided = await PutAsync($"workflow/decide/{workflowId}", ""))
        {
            Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        }

        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
    }

    // Two loops in the two branches of a FORK, each with its own keepLastN.
    private const string KeepLastNInForkJson = """
        {"name":"keep_last_n_in_fork","tasks":[
          {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
            [{"name":"inline","taskReferenceName":"inline","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"(function () { return $.a + $.b; })();","a":1,"b":2}},
             {"name":"loop_a","taskReferenceName":"loop_a","type":"DO_WHILE","evaluatorType":"graaljs","inputParameters":{"number":5,"keepLastN":4},
              "loopCondition":"(function () { return $.loop_a['iteration'] < $.number; })();",
              "loopOver":[
                {"name":"set_variable_a","taskReferenceName":"set_a","type":"SET_VARIABLE","inputParameters":{"name":"x"}},
                {"name":"simple","taskReferenceName":"simple_a","type":"SIMPLE"}]}],
            [{"name":"set_variable","taskReferenceName":"set_b","type":"SET_VARIABLE","inputParameters":{"name":"x"}},
             {"name":"loop_b","taskReferenceName":"loop_b","type":"DO_WHILE","evaluatorType":"graaljs","inputParameters":{"number":5,"keepLastN":2},
              "loopCondition":"(function () { return $.loop_b['iteration'] < $.number; })();",
              "loopOver":[
                {"name":"simple_1","taskReferenceName":"simple_b1","type":"SIMPLE"},
                {"name":"simple_2","taskReferenceName":"simple_b2","type":"SIMPLE"}]}]]},
          {"name":"join","taskReferenceName":"join","type":"JOIN"}]}
        """;

    // e2e DoWhileTests#testKeepLstN3. DoWhile#removeIterations: at the start of each new
    // iteration past keepLastN, the oldest iteration's tasks leave the run. Five iterations each:
    // the six tasks outside the loops, 4 of 5 iterations of two tasks in one branch, 2 of 5 of two
    // in the other: 6 + 8 + 4 = 18.
    [Fact]
    public async Task Each_loop_in_a_fork_keeps_its_own_last_n_iterations()
    {
        await RegisterAsync(KeepLastNInForkJson);
        var workflowId = await StartAsync("keep_last_n_in_fork", "{}");

        for (var i = 0; i < 5; i++)
        {
            await PendingAsync(workflowId, "simple_b1");
            await UpdateSyncAsync(workflowId, "simple_b1", "COMPLETED");
            await PendingAsync(workflowId, "simple_a");
            await UpdateSyncAsync(workflowId, "simple_a", "COMPLETED");
            await PendingAsync(workflowId, "simple_b2");
            await UpdateSyncAsync(workflowId, "simple_b2", "COMPLETED");
        }

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(18, Tasks(workflow).Count);
        var referenceNames = Tasks(workflow).Select(task => (string)task["referenceTaskName"]!).ToList();
        Assert.Equal(["simple_a__2", "simple_a__3", "simple_a__4", "simple_a__5"], referenceNames.Where(name => name.StartsWith("simple_a__", StringComparison.Ordinal)));
        Assert.Equal(["simple_b1__4", "simple_b1__5"], referenceNames.Where(name => name.StartsWith("simple_b1__", StringComparison.Ordinal)));
        Assert.Equal(["simple_b2__4", "simple_b2__5"], referenceNames.Where(name => name.StartsWith("simple_b2__", StringComparison.Ordinal)));
        Assert.Equal(5, (int)ByRef(workflow, "loop_a")!["outputData"]!["iteration"]!);
        Assert.Equal(5, (int)ByRef(workflow, "loop_b")!["outputData"]!["iteration"]!);
    }

    // The loop's input reads a workflow variable that a SET_VARIABLE inside the loop changes.
    private const string SetVariableJson = """
        {"name":"do_while_set_variable","tasks":[
          {"name":"set_variable","taskReferenceName":"set_initial","type":"SET_VARIABLE","inputParameters":{"isApproved":false,"isSkipApproval":false}},
          {"name":"do_while","taskReferenceName":"loop","type":"DO_WHILE","evaluatorType":"graaljs",
           "inputParameters":{"isApproved":"${workflow.variables.isApproved}"},
           "loopCondition":"(function () {\r\n  return !$.isApproved;\r\n})();",
           "loopOver":[
             {"name":"switch","taskReferenceName":"skip_approval","type":"SWITCH","evaluatorType":"value-param","expression":"isSkipApproval",
              "inputParameters":{"isSkipApproval":"${workflow.variables.isSkipApproval}"},
              "decisionCases":{
                "true":[{"name":"set_variable","taskReferenceName":"set_approved","type":"SET_VARIABLE","inputParameters":{"isApproved":true}}],
                "false":[
                  {"name":"wait_2","taskReferenceName":"wait_2","type":"WAIT","inputParameters":{"duration":"2 seconds"}},
                  {"name":"set_variable","taskReferenceName":"set_skip","type":"SET_VARIABLE","inputParameters":{"isSkipApproval":true}},
                  {"name":"wait_1","taskReferenceName":"wait_1","type":"WAIT","inputParameters":{"duration":"2 seconds"}}]}}]}]}
        """;

    // e2e DoWhileTests#testDoWhileSetVariableFix. DoWhile#execute re-resolves the loop's input
    // (ParametersUtils#getTaskInputV2 over the current variables) before evaluating the
    // condition, so the second iteration sees isApproved = true and ends the loop; the second
    // iteration is scheduled only after the first one's last WAIT ended.
    [Fact]
    public async Task A_variable_set_inside_the_loop_ends_it_and_the_next_iteration_waits_for_the_last_wait()
    {
        await RegisterAsync(SetVariableJson);
        var workflowId = await StartAsync("do_while_set_variable", "{}");

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var tasks = Tasks(workflow);
        Assert.Equal(
            ["set_initial", "loop", "skip_approval__1", "wait_2__1", "set_skip__1", "wait_1__1", "skip_approval__2", "set_approved__2"],
            tasks.Select(task => (string)task["referenceTaskName"]!));
        Assert.Equal(2, (int)ByRef(workflow, "loop")!["outputData"]!["iteration"]!);

        // The e2e test asserts a strictly later start; on a real server milliseconds always pass
        // between the WAIT's end and the next decision, here they may not.
        var lastWaitEnd = (long)tasks[5]["endTime"]!;
        Assert.True((long)tasks[6]["startTime"]! >= lastWaitEnd);
        Assert.True((long)tasks[7]["startTime"]! >= lastWaitEnd);
        Assert.True((long)tasks[6]["scheduledTime"]! >= lastWaitEnd);
    }
}
