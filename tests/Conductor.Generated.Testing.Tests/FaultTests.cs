using System.Diagnostics;
using System.Net;

namespace Conductor.Generated.Testing.Tests;

/// <summary>The fault injection knobs: off by default, set while the server runs, seeded.</summary>
public sealed class FaultTests : ServerTestBase
{
    [Fact]
    public async Task An_error_rate_of_one_answers_500_marked_retryable_and_records_nothing()
    {
        RegisterSequence("flaky_update", "flaky");
        Server.StartWorkflow("flaky_update");
        var task = await PollTaskAsync("flaky");

        Server.Faults.SetErrorRate("POST /api/tasks", 1.0);
        using var response = await ReportAsync(task, "COMPLETED");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(500, (int)body["status"]!);
        Assert.True((bool)body["retryable"]!);
        Assert.Equal(1, Server.Faults.InjectedErrors);
        Assert.Equal(TaskExecutionStatus.InProgress, Server.GetTask((string)task["taskId"]!)!.Status);
    }

    [Fact]
    public async Task Faults_are_off_by_default_and_clear_turns_them_off()
    {
        using (var before = await Http.GetAsync("metadata/taskdefs"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Server.Faults.SetErrorRate("*", 1.0);
        using (var during = await Http.GetAsync("metadata/taskdefs"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, during.StatusCode);
        }

        Server.Faults.Clear();
        using var after = await Http.GetAsync("metadata/taskdefs");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task An_endpoint_is_named_by_its_route_or_by_a_concrete_path()
    {
        Server.Faults.SetErrorRate("GET /api/tasks/poll/batch/{taskType}", 1.0);
        Server.Faults.SetErrorRate("GET /api/tasks/queue/size", 1.0);

        Assert.Equal(HttpStatusCode.InternalServerError, await StatusOfAsync("tasks/poll/batch/any_type?timeout=0"));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusOfAsync("tasks/queue/size?taskType=a"));
        Assert.Equal(HttpStatusCode.NoContent, await StatusOfAsync("tasks/poll/any_type"));

        Server.Faults.Clear();
        Server.Faults.SetErrorRate("get /api/tasks/poll/batch/only_this/", 1.0);

        Assert.Equal(HttpStatusCode.InternalServerError, await StatusOfAsync("tasks/poll/batch/only_this?timeout=0"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("tasks/poll/batch/another?timeout=0"));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults_to_the_same_requests()
    {
        Server.Faults.SetErrorRate("GET /api/metadata/taskdefs", 0.5);

        Server.Faults.Reseed(42);
        var first = await StatusesOfAsync("metadata/taskdefs", 40);
        Server.Faults.Reseed(42);
        var second = await StatusesOfAsync("metadata/taskdefs", 40);
        Server.Faults.Reseed(7);
        var other = await StatusesOfAsync("metadata/taskdefs", 40);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void A_rate_outside_zero_to_one_is_refused(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Server.Faults.SetErrorRate("*", rate));

    [Fact]
    public void An_endpoint_without_method_and_path_is_refused() =>
        Assert.Throws<ArgumentException>(() => Server.Faults.SetErrorRate("/api/tasks", 0.5));

    [Fact]
    public async Task Latency_holds_requests_back_before_handling_them()
    {
        var latency = TimeSpan.FromMilliseconds(400);
        Server.Faults.SetLatency("GET /api/metadata/taskdefs", latency);

        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("metadata/taskdefs"));

        // Less a timer tick: a delay may end a hair before a stopwatch started earlier reaches it.
        Assert.True(watch.Elapsed >= latency - TimeSpan.FromMilliseconds(20), $"answered after {watch.Elapsed}");
        Assert.Equal(1, Server.Faults.DelayedRequests);
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("metadata/workflow"));
        Assert.Equal(1, Server.Faults.DelayedRequests);
    }

    [Fact]
    public async Task A_connection_dropped_before_handling_leaves_the_server_unchanged()
    {
        RegisterSequence("dropped_before", "lost_result");
        Server.StartWorkflow("dropped_before");
        var task = await PollTaskAsync("lost_result");

        Server.Faults.SetDropRate("POST /api/tasks", 1.0);
        await Assert.ThrowsAsync<HttpRequestException>(() => ReportAsync(task, "COMPLETED"));

        Assert.Equal(1, Server.Faults.DroppedConnections);
        Assert.Equal(TaskExecutionStatus.InProgress, Server.GetTask((string)task["taskId"]!)!.Status);
        Server.Faults.SetDropRate("POST /api/tasks", 0);
        await CompleteAsync(task);
        Assert.Equal(TaskExecutionStatus.Completed, Server.GetTask((string)task["taskId"]!)!.Status);
    }

    [Fact]
    public async Task A_connection_dropped_after_handling_loses_only_the_answer()
    {
        RegisterSequence("dropped_after", "unanswered");
        var workflowId = Server.StartWorkflow("dropped_after");
        var task = await PollTaskAsync("unanswered");

        Server.Faults.SetDropRate("POST /api/tasks", 1.0, DropMoment.AfterHandling);
        await Assert.ThrowsAsync<HttpRequestException>(() => ReportAsync(task, "COMPLETED"));

        Assert.Equal(WorkflowStatus.Completed, (await Server.WaitForWorkflowAsync(workflowId, Patience)).Status);
    }

    [Fact]
    public async Task A_poll_dropped_after_handling_hands_out_a_task_nobody_receives()
    {
        RegisterSequence("dropped_poll", "vanished");
        var workflowId = Server.StartWorkflow("dropped_poll");

        Server.Faults.SetDropRate("GET /api/tasks/poll/batch/{taskType}", 1.0, DropMoment.AfterHandling);
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync("tasks/poll/batch/vanished?count=1&timeout=0"));

        var task = Assert.Single(Server.GetWorkflow(workflowId)!.Tasks);
        Assert.Equal(TaskExecutionStatus.InProgress, task.Status);
        Assert.Equal(1, task.PollCount);
        Assert.Equal(0, Server.GetQueueSize("vanished"));
    }

    [Fact]
    public async Task A_401_burst_answers_the_next_requests_with_expired_token_then_stops()
    {
        Server.Faults.RejectNextRequests(2);

        // The token route stays open, so a client can fetch the new token it is pushed to get.
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync("token", HttpMethod.Post));
        for (var i = 0; i < 2; i++)
        {
            using var refused = await Http.GetAsync("metadata/taskdefs");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("EXPIRED_TOKEN", (string?)(await ReadJsonAsync(refused))["error"]);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("metadata/taskdefs"));
        Assert.Equal(2, Server.Faults.InjectedUnauthorized);
    }

    private async Task<HttpStatusCode> StatusOfAsync(string path, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<List<HttpStatusCode>> StatusesOfAsync(string path, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add(await StatusOfAsync(path));
        }

        return statuses;
    }
}
