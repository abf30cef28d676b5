using System.Net;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/SignalTaskTest: <c>POST /tasks/{workflowId}/{status}/signal</c> and <c>.../signal/sync</c>
/// against a workflow blocked on a WAIT without duration. Real server: TaskResource#signalWorkflowTaskASync,
/// #signalWorkflowTaskSync, TaskServiceImpl (the blocking task of the workflow), NotFoundException
/// through ApplicationExceptionMapper for an unknown workflow.
/// </summary>
public sealed class SignalTaskScenarioTests : ScenarioTestBase
{
    private async Task<string> StartBlockedAsync(string workflowName)
    {
        await UpdateWorkflowDefAsync($$"""{"name":"{{workflowName}}","version":1,"tasks":[{"name":"wait_for_signal","taskReferenceName":"wait_ref","type":"WAIT"}]}""");
        var workflowId = await StartWorkflowAsync($$"""{"name":"{{workflowName}}","version":1}""");
        await UntilAsync(workflowId, workflow => Tasks(workflow).Count > 0 && Status(Tasks(workflow)[0]) == "IN_PROGRESS", "the WAIT task IN_PROGRESS");
        return workflowId;
    }

    // e2e SignalTaskTest#testAsyncSignalCompletesWaitTask: 200, then the WAIT task is COMPLETED.
    [Fact]
    public async Task An_async_signal_completes_the_wait_task()
    {
        var workflowId = await StartBlockedAsync("signal_e2e_async");
        using var response = await PostAsync($"tasks/{workflowId}/COMPLETED/signal", "{}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var workflow = await UntilAsync(workflowId, run => Status(Tasks(run)[0]) == "COMPLETED", "the WAIT task COMPLETED");
        Assert.Equal("COMPLETED", Status(workflow));
    }

    // e2e SignalTaskTest#testSyncSignalReturnsWorkflowResponse: 200 with a SignalResponse naming the
    // workflow as targetWorkflowId, signalTimeout not true.
    [Fact]
    public async Task A_sync_signal_answers_with_the_target_workflow()
    {
        var workflowId = await StartBlockedAsync("signal_e2e_sync");
        using var response = await PostAsync($"tasks/{workflowId}/COMPLETED/signal/sync", "{}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var body = await ReadJsonAsync(response);
        Assert.Equal(workflowId, (string?)body["targetWorkflowId"]);
        Assert.NotEqual(true, (bool?)body["signalTimeout"]);
    }

    // e2e SignalTaskTest#testAsyncSignalWorkflowNotFound, #testSyncSignalWorkflowNotFound: 404.
    [Theory]
    [InlineData("signal")]
    [InlineData("signal/sync")]
    public async Task A_signal_to_an_unknown_workflow_is_not_found(string route)
    {
        using var response = await PostAsync($"tasks/{Guid.NewGuid()}/COMPLETED/{route}", "{}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
