using System.Net;

namespace Conductor.Generated.Testing.Tests;

/// <summary>Task search, queue details, signals and the synchronous update by reference name, through /api/tasks.</summary>
public sealed class TaskManagementTests : ServerTestBase
{
    // Real server: TaskResource.java#search -> TaskSummary (times as ISO-8601 text); literal "search" is never read as a task id.
    [Fact]
    public async Task Search_finds_tasks_by_type_and_status()
    {
        RegisterSequence("task_search", "searched");
        var workflowId = Server.StartWorkflow("task_search");
        Server.StartWorkflow("task_search");
        await PollTaskAsync("searched");

        var inProgress = await GetJsonAsync("tasks/search?query=" + Uri.EscapeDataString("taskType=searched AND status=IN_PROGRESS"));
        Assert.Equal(1, (int)inProgress["totalHits"]!);
        var hit = inProgress["results"]![0]!;
        Assert.Equal("searched", (string?)hit["taskDefName"]);
        Assert.Equal("IN_PROGRESS", (string?)hit["status"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT", (string?)hit["scheduledTime"]);

        var byWorkflow = await GetJsonAsync("tasks/search-v2?query=" + Uri.EscapeDataString($"workflowId=\"{workflowId}\""));
        Assert.Equal(workflowId, (string?)Assert.Single(byWorkflow["results"]!.AsArray())!["workflowInstanceId"]);
    }

    // Real server: TaskResource.java#all (QueueDAO#queuesDetail) and #allVerbose (QueueDAO#queuesDetailVerbose).
    [Fact]
    public async Task Queue_all_reports_each_queue_with_work()
    {
        RegisterSequence("queues", "queued");
        Server.StartWorkflow("queues");
        Server.StartWorkflow("queues", taskToDomain: new Dictionary<string, string> { ["queued"] = "blue" });
        await PollTaskAsync("queued");

        var all = await GetJsonAsync("tasks/queue/all");
        Assert.Equal(0, (long?)all["queued"] ?? 0);
        Assert.Equal(1, (long)all["blue:queued"]!);

        var verbose = await GetJsonAsync("tasks/queue/all/verbose");
        Assert.Equal(1, (long)verbose["blue:queued"]!["a"]!["size"]!);
        Assert.Equal(1, (long)verbose["queued"]!["a"]!["uacked"]!);
    }

    // Real server: TaskResource.java#updateTaskSync answers the updated workflow, NotFoundException without a pending task.
    [Fact]
    public async Task Sync_update_by_reference_name_answers_with_the_workflow()
    {
        RegisterSequence("sync_update", "first", "second");
        var workflowId = Server.StartWorkflow("sync_update");

        using var response = await PostAsync($"tasks/{workflowId}/first_ref/COMPLETED/sync?workerid=tool", """{ "by": "ref" }""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var workflow = await ReadJsonAsync(response);
        Assert.Equal(workflowId, (string?)workflow["workflowId"]);
        Assert.Equal("ref", (string?)workflow["tasks"]![0]!["outputData"]!["by"]);
        Assert.Equal("second_ref", (string?)workflow["tasks"]![1]!["referenceTaskName"]);

        using var missing = await PostAsync($"tasks/{workflowId}/first_ref/COMPLETED/sync", "{}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertError(await ReadJsonAsync(missing), 404, $"Found no running task first_ref of workflow {workflowId} to update");
    }

    // Real server: TaskResource.java#signalWorkflowTaskAsync (200 whether or not a task was blocked) and
    // #signalWorkflowTaskSync (NotFoundException when TaskServiceImpl.java#signalTask finds no pending WAIT task).
    [Fact]
    public async Task Signal_routes_are_not_taken_for_an_update_by_reference_name()
    {
        RegisterSequence("signalled", "step");
        var workflowId = Server.StartWorkflow("signalled");

        using (var async = await PostAsync($"tasks/{workflowId}/COMPLETED/signal", """{ "ok": true }"""))
        {
            Assert.Equal(HttpStatusCode.OK, async.StatusCode);
        }

        using var sync = await PostAsync($"tasks/{workflowId}/COMPLETED/signal/sync", "{}");
        Assert.Equal(HttpStatusCode.NotFound, sync.StatusCode);
        AssertError(await ReadJsonAsync(sync), 404, $"Found no blocked task in workflow {workflowId} to signal");
        Assert.Equal(TaskExecutionStatus.Scheduled, Assert.Single(Server.GetWorkflow(workflowId)!.Tasks).Status);
    }

    // Real server: a status outside TaskResult.Status fails Spring's path conversion, which ApplicationExceptionMapper.java answers with 500.
    [Fact]
    public async Task An_unknown_status_in_the_path_answers_500()
    {
        RegisterSequence("bad_status", "step");
        var workflowId = Server.StartWorkflow("bad_status");

        using var response = await PostAsync($"tasks/{workflowId}/step_ref/DONE", "{}");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("TaskResult.Status.DONE", (string?)(await ReadJsonAsync(response))["message"]);
    }
}
