namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// test-harness integration/StartWorkflowSpec: a START_WORKFLOW task starts another run by name
/// and version or from an inline definition, and fails the starter when its <c>startWorkflow</c>
/// input is missing. Real server: StartWorkflow#start (output <c>workflowId</c>, COMPLETED; the
/// starter's correlation id when the request has none), StartWorkflow#getRequest ("Missing
/// 'startWorkflow' in input data."), DeciderService#decide.
/// </summary>
public sealed class StartWorkflowSpecTests : ScenarioTestBase
{
    // harness StartWorkflowSpec "start another workflow using name and version": the starter
    // completes with its single START_WORKFLOW task COMPLETED; the started run is RUNNING with the
    // starter's correlation id and the request's input.
    [Fact]
    public async Task Start_another_workflow_by_name_and_version()
    {
        await RegisterAsync();
        var started = await StartFromStarterAsync(
            """{"startWorkflow":{"name":"integration_test_wf","input":{"param1":"value1","param2":"value2"}}}""");

        Assert.Equal("RUNNING", (string?)started["status"]);
        Assert.Equal("value1", (string?)started["input"]!["param1"]);
        Assert.Equal("value2", (string?)started["input"]!["param2"]);
    }

    // harness StartWorkflowSpec "start another workflow using workflow definition": the request
    // carries a two-task definition (dynamic_wf) instead of a registered name.
    [Fact]
    public async Task Start_another_workflow_from_an_inline_definition()
    {
        await RegisterAsync();
        var started = await StartFromStarterAsync("""
            {"startWorkflow":{"name":"dynamic_wf","workflowDef":{"name":"dynamic_wf","version":1,"ownerEmail":"abc@abc.com","tasks":[
              {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${workflow.input.param2}","tp3":"${CPEWF_TASK_ID}"}},
              {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${t1.output.op}","tp3":"${CPEWF_TASK_ID}"}}]}}}
            """);

        Assert.Equal("RUNNING", (string?)started["status"]);
        Assert.Equal("dynamic_wf", (string?)started["workflowName"]);
        Assert.NotNull(started["input"]);
    }

    // harness StartWorkflowSpec "start_workflow does not conform to StartWorkflowRequest": the input
    // names start_workflow, so the task's startWorkflow parameter is empty; the task and the run FAIL
    // with a reason.
    [Fact]
    public async Task A_missing_start_workflow_request_fails_the_task_and_the_run()
    {
        await RegisterAsync();
        var workflowId = await StartWorkflowAsync("""
            {"name":"workflow_that_starts_another_workflow","version":1,"input":{"start_workflow":{"param1":"value1","param2":"value2"}}}
            """);

        var workflow = await UntilStatusAsync(workflowId, "FAILED");
        var task = Assert.Single(Tasks(workflow));
        Assert.Equal("START_WORKFLOW", (string?)task["taskType"]);
        Assert.Equal("FAILED", Status(task));
        Assert.Equal("Missing 'startWorkflow' in input data.", (string?)task["reasonForIncompletion"]);
    }

    // harness StartWorkflowSpec "start another workflow using name and version with external input":
    // the starter's input lives in external payload storage. The test server keeps only task payloads
    // there, so a start naming externalInputPayloadStoragePath is refused (400 naming it) instead of
    // starting a run with an empty input; a START_WORKFLOW request naming it fails its task the same way.
    [Fact]
    public async Task A_workflow_input_in_external_storage_is_refused_by_name()
    {
        await RegisterAsync();
        using (var response = await PostAsync("workflow", """
            {"name":"workflow_that_starts_another_workflow","version":1,"externalInputPayloadStoragePath":"workflow/input/start.json"}
            """))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("externalInputPayloadStoragePath is not supported by the Conductor test server", text, StringComparison.Ordinal);
        }

        var workflowId = await StartWorkflowAsync("""
            {"name":"workflow_that_starts_another_workflow","version":1,"input":{"startWorkflow":{"name":"integration_test_wf","externalInputPayloadStoragePath":"workflow/input/start.json"}}}
            """);
        var workflow = await UntilStatusAsync(workflowId, "FAILED");
        var task = Assert.Single(Tasks(workflow));
        Assert.Equal("FAILED", Status(task));
        Assert.StartsWith("externalInputPayloadStoragePath is not supported by the Conductor test server", (string?)task["reasonForIncompletion"], StringComparison.Ordinal);
    }

    private async Task RegisterAsync()
    {
        await RegisterTaskDefsAsync("""
            [{"name":"integration_task_1","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120},
             {"name":"integration_task_2","retryCount":1,"timeoutSeconds":120,"responseTimeoutSeconds":120}]
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"workflow_that_starts_another_workflow","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com",
             "inputParameters":["start_workflow"],"tasks":[
              {"name":"start_workflow","taskReferenceName":"st","type":"START_WORKFLOW","inputParameters":{"startWorkflow":"${workflow.input.startWorkflow}"}}]}
            """);
        await UpdateWorkflowDefAsync(SimpleWorkflowSpecTests.IntegrationTestWf());
    }

    /// <summary>Starts the starter with a correlation id; asserts it completes with one COMPLETED START_WORKFLOW task; the run it started.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> StartFromStarterAsync(string inputJson)
    {
        var correlationId = Guid.NewGuid().ToString();
        var workflowId = await StartWorkflowAsync(
            $$"""{"name":"workflow_that_starts_another_workflow","version":1,"correlationId":"{{correlationId}}","input":{{inputJson}}}""");

        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var task = Assert.Single(Tasks(workflow));
        Assert.Equal("START_WORKFLOW", (string?)task["taskType"]);
        Assert.Equal("COMPLETED", Status(task));

        var started = await WorkflowAsync((string)task["outputData"]!["workflowId"]!);
        Assert.Equal(correlationId, (string?)started["correlationId"]);
        return started;
    }
}
