using System.Net;

namespace Conductor.Generated.Testing.Tests;

/// <summary>The switch that makes the server answer like one from before v3.21.12.</summary>
/// <remarks>
/// Real server: TaskResource.java#batchPoll answered noContent() for an empty list before
/// v3.21.20 and answers ok(List.of()) since; TaskResource.java#updateTaskV2 arrived in v3.21.12.
/// </remarks>
public sealed class LegacyServerTests : ServerTestBase
{
    protected override void Configure(ConductorTestServerOptions options) =>
        options.Compatibility = ServerCompatibility.Legacy;

    [Fact]
    public async Task Empty_batch_poll_answers_204_without_body_or_content_type()
    {
        using var response = await Http.GetAsync("tasks/poll/batch/idle?workerid=w&count=5&timeout=0");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Batch_poll_with_work_still_answers_a_json_array()
    {
        RegisterSequence("legacy_work", "old_style");
        Server.StartWorkflow("legacy_work");

        var tasks = await BatchPollAsync("old_style", count: 3, timeoutMs: 1000);

        Assert.Equal("old_style", (string?)Assert.Single(tasks)!["taskType"]);
    }

    [Fact]
    public async Task Update_v2_answers_404_with_the_error_body_as_a_missing_route()
    {
        RegisterSequence("legacy_update", "reported");
        Server.StartWorkflow("legacy_update");
        var task = await PollTaskAsync("reported");

        using var response = await PostAsync("tasks/update-v2", $$"""
            { "workflowInstanceId": "{{task["workflowInstanceId"]}}", "taskId": "{{task["taskId"]}}", "workerId": "w", "status": "COMPLETED" }
            """);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 404, "No static resource api/tasks/update-v2.");
        Assert.Equal(TaskExecutionStatus.InProgress, Server.GetTask((string)task["taskId"]!)!.Status);
    }

    [Fact]
    public async Task Results_reported_through_the_old_route_complete_the_workflow()
    {
        RegisterSequence("legacy_fallback", "fallback");
        var workflowId = Server.StartWorkflow("legacy_fallback");
        var task = await PollTaskAsync("fallback");

        await CompleteAsync(task, """{ "done": true }""");

        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.True((bool)workflow.Output["done"]!);
    }
}
