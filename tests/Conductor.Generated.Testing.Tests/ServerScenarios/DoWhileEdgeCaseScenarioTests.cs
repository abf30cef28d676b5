using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The scenarios of the real server's e2e suite, control/DoWhileEdgeCasesTests.java, over HTTP.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   tasks/DoWhile#execute, #evaluateCondition, #removeIterations; tasks/Switch#execute;
//   tasks/SetVariable#execute; tasks/Wait#execute; tasks/Inline#execute; HttpTask#start (http-task);
//   DeciderService#decide (system tasks run inline, one after the other, in a loop, not by recursion)
public sealed class DoWhileEdgeCaseScenarioTests : ScenarioTestBase
{
    // A loop that runs until a variable reads "Completed": an INLINE reading the loop's output, an
    // HTTP call, a WAIT completed from outside, then a SWITCH on the WAIT's output: "b" keeps the
    // loop going, "a" sets the variable that ends it. The e2e definition calls a public test API;
    // here the HTTP tasks call the test server itself.
    private string WaitSwitchJson => """
        {"name":"do_while_wait_switch","tasks":[
          {"name":"do_while","taskReferenceName":"do_while_ref","type":"DO_WHILE","evaluatorType":"graaljs",
           "inputParameters":{"status":"${workflow.variables.status}"},
           "loopCondition":"$.status != 'Completed'",
           "loopOver":[
             {"name":"inline_sample","taskReferenceName":"inline_sample","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"(function () { return $.iteration; })();","iteration":"${do_while_ref.output}"}},
             {"name":"http","taskReferenceName":"http_ref","type":"HTTP","inputParameters":{"uri":"URI","method":"GET","accept":"application/json","contentType":"application/json","encode":true}},
             {"name":"wait","taskReferenceName":"wait_ref","type":"WAIT","inputParameters":{}},
             {"name":"switch","taskReferenceName":"switch_ref","type":"SWITCH","evaluatorType":"value-param","expression":"switchCaseValue",
              "inputParameters":{"switchCaseValue":"${wait_ref.output.result}"},
              "decisionCases":{
                "a":[{"name":"http_1","taskReferenceName":"http_ref_1","type":"HTTP","inputParameters":{"uri":"URI","method":"GET"}},
                     {"name":"set_variable","taskReferenceName":"set_completed","type":"SET_VARIABLE","inputParameters":{"status":"Completed"}}],
                "b":[{"name":"http_2","taskReferenceName":"http_ref_2","type":"HTTP","inputParameters":{"uri":"URI","method":"GET"}},
                     {"name":"set_variable_1","taskReferenceName":"set_running","type":"SET_VARIABLE","inputParameters":{"status":"RUNNING"}}]}}]},
          {"name":"http_3","taskReferenceName":"http_ref_3","type":"HTTP","inputParameters":{"uri":"URI","method":"GET"}}]}
        """.Replace("URI", new Uri(Server.ApiUrl, "metadata/taskdefs").ToString(), StringComparison.Ordinal);

    // e2e DoWhileEdgeCasesTests#testDoWhileWaitSwitchIteration. Wait#execute leaves a WAIT with
    // no duration IN_PROGRESS until updated; DoWhile#execute counts the iterations in
    // `iteration`; the condition sees the variable the SWITCH's case set in this iteration.
    [Fact]
    public async Task A_wait_and_a_switch_in_a_loop_run_ten_iterations_until_the_variable_says_completed()
    {
        await RegisterAsync(WaitSwitchJson);
        var workflowId = await StartAsync("do_while_wait_switch", "{}");

        for (var i = 0; i < 10; i++)
        {
            JsonNode? wait = null;
            await UntilAsync(
                workflowId,
                run => (wait = Tasks(run).FirstOrDefault(task => (string?)task["taskType"] == "WAIT" && Status(task) == "IN_PROGRESS")) is not null,
                $"the WAIT of iteration {i + 1} in progress");
            Assert.Equal($"wait_ref__{i + 1}", (string?)wait!["referenceTaskName"]);
            await UpdateAsync(wait, "COMPLETED", i < 9 ? """{"result":"b"}""" : """{"result":"a"}""");
        }

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var loop = ByRef(workflow, "do_while_ref")!;
        Assert.Equal(10, (int)loop["outputData"]!["iteration"]!);
        Assert.Equal("COMPLETED", Status(ByRef(workflow, "http_ref_3")!));
        Assert.NotNull(ByRef(workflow, "set_completed__10"));
        Assert.Null(ByRef(workflow, "set_completed__9"));
        Assert.Equal("Completed", (string?)workflow["variables"]!["status"]);
    }

    // A loop that runs on its own (no worker tasks): the SWITCH always takes "b"; an INLINE reads
    // the loop's iteration and, past 25, a second SWITCH sets the variable that ends the loop.
    private const string KeepLastNSwitchJson = """
        {"name":"do_while_keep_last_n_switch","tasks":[
          {"name":"do_while","taskReferenceName":"do_while_ref","type":"DO_WHILE","evaluatorType":"graaljs",
           "inputParameters":{"status":"${workflow.variables.status}","keepLastN":3},
           "loopCondition":"$.status != 'Completed'",
           "loopOver":[
             {"name":"switch","taskReferenceName":"switch_ref","type":"SWITCH","evaluatorType":"value-param","expression":"switchCaseValue",
              "inputParameters":{"switchCaseValue":"b"},
              "decisionCases":{
                "a":[{"name":"set_variable","taskReferenceName":"set_completed","type":"SET_VARIABLE","inputParameters":{"status":"Completed"}}],
                "b":[{"name":"inline","taskReferenceName":"inline_ref","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"(function () { return $.value1 + $.value2; })();","value1":1,"value2":2}},
                     {"name":"set_variable_1","taskReferenceName":"set_running","type":"SET_VARIABLE","inputParameters":{"status":"RUNNING"}}]}},
             {"name":"max_loop_ctrl","taskReferenceName":"max_loop_ctrl","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"(function () { return $.iteration > 25 ? \"stop\" : \"continue\"; })();","iteration":"${do_while_ref.output.iteration}"}},
             {"name":"switch_2","taskReferenceName":"switch_stop","type":"SWITCH","evaluatorType":"value-param","expression":"switchCaseValue",
              "inputParameters":{"switchCaseValue":"${max_loop_ctrl.output.result}"},
              "decisionCases":{"stop":[{"name":"set_variable_2","taskReferenceName":"set_stop","type":"SET_VARIABLE","inputParameters":{"status":"Completed"}}]}}]}]}
        """;

    // e2e DoWhileEdgeCasesTests#testDoWhileKeepLastNSwitch. DoWhileTaskMapper sets `iteration` 1
    // on the loop's output as the first iteration is scheduled and DoWhile#execute raises it
    // before each next one, so the INLINE of iteration N reads N: iteration 26 stops the loop.
    // DoWhile#removeIterations keeps the last 3 iterations' tasks and outputs.
    [Fact]
    public async Task A_loop_of_system_tasks_stops_itself_after_26_iterations_keeping_the_last_3()
    {
        await RegisterAsync(KeepLastNSwitchJson);
        var workflow = await EndedAsync(await StartAsync("do_while_keep_last_n_switch", "{}"));

        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var loop = ByRef(workflow, "do_while_ref")!;
        Assert.Equal(26, (int)loop["outputData"]!["iteration"]!);
        Assert.NotNull(ByRef(workflow, "set_stop__26"));
        Assert.Null(ByRef(workflow, "set_stop__25"));
        Assert.Null(ByRef(workflow, "switch_ref__23"));
        Assert.NotNull(ByRef(workflow, "switch_ref__24"));
        var iterationsKept = ((JsonObject)loop["outputData"]!).Select(pair => pair.Key).Where(key => int.TryParse(key, out _)).Order().ToList();
        Assert.Equal(["24", "25", "26"], iterationsKept);
    }

    private const string StackOverflowerJson = """
        {"name":"stackoverflower","tasks":[
          {"name":"loop","taskReferenceName":"loop_ref","type":"DO_WHILE","evaluatorType":"graaljs",
           "inputParameters":{"n":"${workflow.input.n}"},
           "loopCondition":"$.loop_ref['iteration'] < $.n",
           "loopOver":[{"name":"dummy","taskReferenceName":"dummy_ref","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"\"stackoverflowing are you?\""}}]}]}
        """;

    // e2e DoWhileEdgeCasesTests#testStackoverflower: a loop of only synchronous system tasks runs
    // to the end within the start's decisions without overflowing the stack. The e2e test uses
    // n = 50 for its HTTP timeout; the test server has no such limit, so 1000 here too.
    [Theory]
    [InlineData(50)]
    [InlineData(1000)]
    public async Task A_loop_of_only_inline_tasks_runs_all_its_iterations(int n)
    {
        await RegisterAsync(StackOverflowerJson);
        var workflow = await EndedAsync(await StartAsync("stackoverflower", $$"""{"n":{{n}}}"""));

        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(n, (int)ByRef(workflow, "loop_ref")!["outputData"]!["iteration"]!);
        Assert.Equal(n + 1, Tasks(workflow).Count);
        Assert.Equal("stackoverflowing are you?", (string?)ByRef(workflow, $"dummy_ref__{n}")!["outputData"]!["result"]);
    }
}
