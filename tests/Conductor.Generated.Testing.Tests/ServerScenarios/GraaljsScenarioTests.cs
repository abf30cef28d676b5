namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e processing/GraaljsTests#testInfiniteExecution: an INLINE graaljs task whose script never
/// ends (<c>while(true){}</c>), embedded definition with no retries, before a SIMPLE task. The
/// script is stopped, the INLINE task fails and so does the workflow; the SIMPLE task is never
/// scheduled. Real server: Inline#execute (an evaluation error fails the task, with it in
/// <c>error</c>), GraalJSEvaluator (its time limit), DeciderService#retry. Here the script runs in
/// Jint, bounded in time and statements (docs/test-server.md, JavaScript).
/// </summary>
public sealed class GraaljsScenarioTests : ScenarioTestBase
{
    [Fact]
    public async Task A_script_that_never_ends_fails_the_workflow()
    {
        await UpdateWorkflowDefAsync("""
            {"name":"INFINITE","version":1,"inputParameters":["value","inlineValue"],"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"SCRIPT","taskReferenceName":"inline_SCRIPT","type":"INLINE","taskDefinition":{"name":"SCRIPT","retryCount":0},
               "inputParameters":{"evaluatorType":"graaljs","expression":"function e() { while(true){} }; e();"}},
              {"name":"AFTER","taskReferenceName":"AFTER","type":"SIMPLE","taskDefinition":{"name":"SCRIPT","retryCount":0},
               "inputParameters":{"value":"${workflow.input.value}","order":"123"}}]}
            """);
        var workflowId = await StartWorkflowAsync("""{"name":"INFINITE","version":1}""");

        var workflow = await UntilStatusAsync(workflowId, "FAILED");
        var inline = Assert.Single(Tasks(workflow))!;
        Assert.Equal("INLINE", (string?)inline["taskType"]);
        Assert.Equal("FAILED", Status(inline));
        Assert.StartsWith("the script ran ", (string?)inline["outputData"]!["error"], StringComparison.Ordinal);
    }
}
