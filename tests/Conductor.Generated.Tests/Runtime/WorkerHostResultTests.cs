using System.Net;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostResultTests
{
    private const int ResultDeliveryFailedEvent = 9;
    private const int ResultRejectedEvent = 10;

    [Fact]
    public async Task Every_outcome_is_reported_with_the_right_status_reason_output_and_logs()
    {
        await using var fixture = await StartAsync(
            [
                Worker("outcome_completed", (context, _) =>
                {
                    context.Log("greeting computed");
                    return ValueTask.FromResult(Output("""{"message":"hello"}"""));
                }),
                Worker("outcome_throws", async (context, _) =>
                {
                    context.Log("about to fail");
                    await Task.Yield();
                    throw new InvalidOperationException("database unavailable");
                }),
                Worker("outcome_throws_synchronously", (_, _) => throw new ArgumentException("bad argument before any await")),
                Worker("outcome_non_retryable", (_, _) => throw new NonRetryableException("card declined")),
                Worker("outcome_binding_failure", (_, _) => ValueTask.FromResult(WorkerResult.InvalidInput("parameter 'count' (key 'count'): expected a number, got \"ten\""))),
                Worker("outcome_callback", (context, _) =>
                {
                    context.CallbackAfter(TimeSpan.FromSeconds(1.5));
                    return ValueTask.FromResult(Output("""{"progress":50}"""));
                }),
                Worker("outcome_long_reason", (_, _) => throw new InvalidOperationException(new string('r', 1000))),
            ],
            server =>
            {
                server.Enqueue("outcome_completed", "completed-1");
                server.Enqueue("outcome_throws", "throws-1");
                server.Enqueue("outcome_throws_synchronously", "sync-1");
                server.Enqueue("outcome_non_retryable", "terminal-1");
                server.Enqueue("outcome_binding_failure", "binding-1");
                server.Enqueue("outcome_callback", "callback-1");
                server.Enqueue("outcome_long_reason", "long-1");
            });

        foreach (var taskId in new[] { "completed-1", "throws-1", "sync-1", "terminal-1", "binding-1", "callback-1", "long-1" })
        {
            await fixture.WaitForUpdateAsync(taskId);
        }

        var completed = Single(fixture, "completed-1");
        Assert.Equal("COMPLETED", completed.Status);
        Assert.Equal("hello", completed.Output.GetProperty("message").GetString());
        Assert.Equal(["greeting computed"], completed.Logs);
        Assert.Equal("test-worker", completed.Body.GetProperty("workerId").GetString());
        Assert.Equal("wf-completed-1", completed.Body.GetProperty("workflowInstanceId").GetString());

        var threw = Single(fixture, "throws-1");
        Assert.Equal("FAILED", threw.Status);
        Assert.Equal("database unavailable", threw.Reason);
        Assert.Equal("about to fail", threw.Logs[0]);
        Assert.Contains("System.InvalidOperationException: database unavailable", threw.Logs[1], StringComparison.Ordinal);
        Assert.Contains(" at ", threw.Logs[1], StringComparison.Ordinal);

        var threwSynchronously = Single(fixture, "sync-1");
        Assert.Equal("FAILED", threwSynchronously.Status);
        Assert.Equal("bad argument before any await", threwSynchronously.Reason);

        var terminal = Single(fixture, "terminal-1");
        Assert.Equal("FAILED_WITH_TERMINAL_ERROR", terminal.Status);
        Assert.Equal("card declined", terminal.Reason);

        var bindingFailure = Single(fixture, "binding-1");
        Assert.Equal("FAILED_WITH_TERMINAL_ERROR", bindingFailure.Status);
        Assert.Equal("parameter 'count' (key 'count'): expected a number, got \"ten\"", bindingFailure.Reason);

        var callback = Single(fixture, "callback-1");
        Assert.Equal("IN_PROGRESS", callback.Status);
        Assert.Equal(2, callback.Body.GetProperty("callbackAfterSeconds").GetInt64());
        Assert.Equal(50, callback.Output.GetProperty("progress").GetInt32());

        var longReason = Single(fixture, "long-1");
        Assert.Equal(new string('r', 500), longReason.Reason);
    }

    [Fact]
    public async Task Result_delivery_is_retried_after_server_errors_with_the_same_status_and_output()
    {
        const string taskType = "update_500";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"value":7}""")))],
            server =>
            {
                server.UpdateFailure = (_, attempt) => attempt <= 3
                    ? (HttpStatusCode.InternalServerError, """{"status":500,"code":"INTERNAL_ERROR","message":"storage hiccup","retryable":true}""")
                    : null;
                server.Enqueue(taskType, "retried-1");
            });

        await Eventually.TrueAsync(() => fixture.Server.UpdatesOf("retried-1").Count == 4, "four delivery attempts");

        var attempts = fixture.Server.UpdatesOf("retried-1");
        Assert.All(attempts, attempt =>
        {
            Assert.Equal("COMPLETED", attempt.Status);
            Assert.Equal(7, attempt.Output.GetProperty("value").GetInt32());
        });
        var failures = fixture.Logs.WithEventId(ResultDeliveryFailedEvent);
        Assert.Equal([1, 2, 3], failures.Select(failure => (int)Property(failure, "Attempt")));
        // 20 ms doubling, each within ±20%: 16-24, 32-48, 64-96.
        var delays = failures.Select(failure => (long)Property(failure, "RetryDelayMs")).ToList();
        Assert.True(delays[0] < delays[1] && delays[1] < delays[2], $"Delays should grow: {string.Join(", ", delays)}");
        Assert.Empty(fixture.Logs.WithEventId(ResultRejectedEvent));
    }

    [Fact]
    public async Task Result_delivery_is_retried_while_the_server_refuses_connections_and_succeeds_when_it_is_back()
    {
        const string taskType = "update_refused";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstServer = await FakeConductorServer.StartAsync();
        var port = firstServer.Port;
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                await gate.Task.WaitAsync(cancellationToken);
                return Output("""{"survived":"outage"}""");
            })],
            server => server.Enqueue(taskType, "outage-1"),
            server: firstServer);
        await Eventually.TrueAsync(() => firstServer.Polls.Count >= 1, "the task handed out");

        await firstServer.DisposeAsync();
        gate.SetResult();
        await Eventually.TrueAsync(
            () => fixture.Logs.WithEventId(ResultDeliveryFailedEvent).Count(entry => entry.Exception is HttpRequestException) >= 2,
            "two refused delivery attempts");
        await using var secondServer = await FakeConductorServer.StartAsync(port);

        await Eventually.TrueAsync(() => secondServer.UpdatesOf("outage-1").Count == 1, "the result delivered once the server is back");
        var update = secondServer.UpdatesOf("outage-1")[0];
        Assert.Equal("COMPLETED", update.Status);
        Assert.Equal("outage", update.Output.GetProperty("survived").GetString());
        // Polling recovered too: the new server sees polls.
        await Eventually.TrueAsync(() => secondServer.Polls.Count >= 1, "polls against the new server");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"status":400,"code":"INVALID_INPUT","message":"Validation failed","retryable":false}""")]
    [InlineData(HttpStatusCode.NotFound, """{"status":404,"code":"NOT_FOUND","message":"No such task found by id","retryable":false}""")]
    public async Task Result_refused_with_a_client_error_is_not_retried_and_is_logged_as_an_error_naming_the_task(HttpStatusCode status, string body)
    {
        var taskType = $"update_{(int)status}";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.UpdateFailure = (_, _) => (status, body);
                server.Enqueue(taskType, "refused-1");
            });

        await Eventually.TrueAsync(() => fixture.Logs.WithEventId(ResultRejectedEvent).Count == 1, "the rejection logged");

        var rejection = fixture.Logs.WithEventId(ResultRejectedEvent)[0];
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, rejection.Level);
        Assert.Contains("refused-1", rejection.Message, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), rejection.Message, StringComparison.Ordinal);
        // A 404 from update-v2 is tried once on POST /api/tasks, which tells an unknown task from a missing route.
        var attempts = fixture.Server.UpdatesOf("refused-1");
        Assert.Equal(status == HttpStatusCode.NotFound ? ["/api/tasks/update-v2", "/api/tasks"] : ["/api/tasks/update-v2"], attempts.Select(attempt => attempt.Path));
        Assert.Empty(fixture.Logs.WithEventId(ResultDeliveryFailedEvent));
    }

    [Fact]
    public async Task A_rejected_result_does_not_stop_the_worker_from_taking_more_tasks()
    {
        const string taskType = "after_rejection";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.UpdateFailure = (update, _) => update.TaskId == "unknown-1"
                    ? (HttpStatusCode.NotFound, """{"status":404,"code":"NOT_FOUND","message":"gone","retryable":false}""")
                    : null;
                server.Enqueue(taskType, "unknown-1");
            });
        await Eventually.TrueAsync(() => fixture.Logs.WithEventId(ResultRejectedEvent).Count == 1, "the rejection logged");

        fixture.Server.Enqueue(taskType, "known-2");

        await fixture.WaitForUpdateAsync("known-2", "COMPLETED");
        // An unknown task is no reason to think the server lacks update-v2.
        Assert.True(Assert.Single(fixture.Server.UpdatesOf("known-2")).ViaUpdateV2);
    }

    private static object Property(LogEntry entry, string name) => entry.Properties.Single(property => property.Key == name).Value!;

    private static RecordedUpdate Single(WorkerHostFixture fixture, string taskId) => Assert.Single(fixture.Server.UpdatesOf(taskId));
}
