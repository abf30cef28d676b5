namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e processing/JSONJQTests#testJQOutputIsReachableWhenSyncSystemTaskIsNext: forty runs of an
/// inline workflow whose JSON_JQ_TRANSFORM builds an object and whose next task, a SET_VARIABLE,
/// reads <c>${ref.output.result.md}</c>; every run COMPLETES and the SET_VARIABLE's input is the
/// jq result. Real server: JsonJqTransform#start (output result), ParametersUtils#getTaskInputV2,
/// SetVariable#execute. Needs the jq program on PATH (see docs/test-server.md).
/// </summary>
public sealed class JsonJqScenarioTests : ScenarioTestBase
{
    [Fact]
    public async Task The_next_task_reads_the_jq_result()
    {
        const string request = """
            {"name":"JQ_THEN_SET","version":1,"workflowDef":{"name":"JQ_THEN_SET","version":1,"timeoutSeconds":60,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"jqTaskName","taskReferenceName":"generate_operators_ref","type":"JSON_JQ_TRANSFORM","inputParameters":{"queryExpression":"{\"as\": \"+\", \"md\": \"/\"}"}},
              {"name":"setvartaskname","taskReferenceName":"setvartaskname_ref","type":"SET_VARIABLE","inputParameters":{"name":"${generate_operators_ref.output.result.md}"}}]}}
            """;
        var workflowIds = new List<string>();
        for (var run = 0; run < 40; run++)
        {
            workflowIds.Add(await StartWorkflowAsync(request));
        }

        foreach (var workflowId in workflowIds)
        {
            var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
            Assert.Equal("+", (string?)Tasks(workflow)[0]!["outputData"]!["result"]!["as"]);
            Assert.Equal("/", (string?)Tasks(workflow)[1]!["inputData"]!["name"]);
            Assert.Equal("/", (string?)workflow["variables"]!["name"]);
        }
    }
}
