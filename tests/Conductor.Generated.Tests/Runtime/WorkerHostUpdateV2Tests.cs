using System.Net;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostUpdateV2Tests
{
    private const int UpdateV2UnavailableEvent = 19;
    private const int NextTaskUnreadableEvent = 20;

    [Fact]
    public async Task Results_go_to_update_v2_with_the_worker_id_when_the_server_has_it()
    {
        const string taskType = "v2_present";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"done":true}""")))],
            server =>
            {
                server.Enqueue(taskType, "v2-1");
                server.Enqueue(taskType, "v2-2");
            });

        await fixture.WaitForUpdateAsync("v2-1", "COMPLETED");
        await fixture.WaitForUpdateAsync("v2-2", "COMPLETED");

        Assert.All(fixture.Server.Updates, update =>
        {
            Assert.Equal("/api/tasks/update-v2", update.Path);
            Assert.Equal("test-worker", update.Body.GetProperty("workerId").GetString());
            Assert.True(update.Output.GetProperty("done").GetBoolean());
        });
        Assert.DoesNotContain(fixture.Server.Requests, request => request is { Method: "POST", Path: "/api/tasks" });
        Assert.Empty(fixture.Logs.WithEventId(UpdateV2UnavailableEvent));
    }

    [Theory]
    [InlineData(UpdateV2Support.NotFound, HttpStatusCode.NotFound)]
    [InlineData(UpdateV2Support.MethodNotAllowed, HttpStatusCode.MethodNotAllowed)]
    public async Task A_server_without_update_v2_gets_every_result_on_the_old_route_after_one_try(UpdateV2Support support, HttpStatusCode answer)
    {
        var taskType = $"v2_absent_{(int)answer}";
        await using var fixture = await StartAsync(
            [
                Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"n":1}"""))),
                Worker(taskType + "_other", (_, _) => ValueTask.FromResult(Output("""{"n":2}"""))),
            ],
            server =>
            {
                server.UpdateV2 = support;
                server.Enqueue(taskType, "old-1");
            });
        await fixture.WaitForUpdateAsync("old-1", "COMPLETED");

        fixture.Server.Enqueue(taskType, "old-2");
        fixture.Server.Enqueue(taskType + "_other", "old-3");
        await fixture.WaitForUpdateAsync("old-2", "COMPLETED");
        await fixture.WaitForUpdateAsync("old-3", "COMPLETED");

        // One try for the whole host (every worker shares what was learnt), then the old route only.
        Assert.Single(fixture.Server.Requests, request => request.Path == "/api/tasks/update-v2");
        Assert.All(fixture.Server.Updates, update => Assert.Equal("/api/tasks", update.Path));
        Assert.Equal(3, fixture.Server.Updates.Count);
        var switched = Assert.Single(fixture.Logs.WithEventId(UpdateV2UnavailableEvent));
        Assert.Contains(((int)answer).ToString(System.Globalization.CultureInfo.InvariantCulture), switched.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_handed_over_with_the_answer_runs_at_once_in_the_freed_slot_without_polling()
    {
        const string taskType = "v2_next";
        var running = 0;
        var mostAtOnce = 0;
        await using var fixture = await StartAsync(
            [Worker(taskType, async (context, cancellationToken) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostAtOnce, now);
                await Task.Delay(20, cancellationToken);
                Interlocked.Decrement(ref running);
                return Output($$"""{"id":"{{context.TaskId}}"}""");
            })],
            server =>
            {
                for (var index = 1; index <= 5; index++)
                {
                    server.Enqueue(taskType, $"chain-{index}");
                }
            });

        for (var index = 1; index <= 5; index++)
        {
            await fixture.WaitForUpdateAsync($"chain-{index}", "COMPLETED");
        }

        // The first task came from a poll for one (concurrency 1); each later one with the result before it.
        Assert.Equal("poll", fixture.Server.HandedOutBy("chain-1"));
        for (var index = 2; index <= 5; index++)
        {
            Assert.Equal("update-v2", fixture.Server.HandedOutBy($"chain-{index}"));
            Assert.Equal($"chain-{index}", Assert.Single(fixture.Server.UpdatesOf($"chain-{index}")).Output.GetProperty("id").GetString());
        }

        Assert.Equal(1, mostAtOnce);
        Assert.All(fixture.Server.Polls, poll => Assert.Equal(1, poll.Count));
    }

    [Fact]
    public async Task While_stopping_results_go_to_the_old_route_so_no_new_work_is_claimed()
    {
        const string taskType = "v2_stopping";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, _) =>
            {
                running.TrySetResult();
                await release.Task;
                return Output("{}");
            })],
            server => server.Enqueue(taskType, "last-1"));

        // Running, not only handed out: with its one slot busy the worker has no poll in flight.
        await Eventually.CompletesAsync(running.Task, "the task running");
        fixture.Server.Enqueue(taskType, "left-2");

        var stopping = fixture.Host.StopAsync(CancellationToken.None);
        release.SetResult();
        await Eventually.CompletesAsync(stopping, "the host stopped");

        // At least once: a delivery the client gave up on (a loaded machine) is sent again, on the same route.
        var updates = fixture.Server.UpdatesOf("last-1");
        Assert.NotEmpty(updates);
        Assert.All(updates, update => Assert.Equal("/api/tasks", update.Path));
        Assert.Null(fixture.Server.HandedOutBy("left-2"));
        Assert.Equal(1, fixture.Server.QueueLength(taskType));
    }

    [Fact]
    public async Task A_next_task_that_cannot_be_read_leaves_the_result_delivered_and_the_worker_polling()
    {
        const string taskType = "v2_garbage";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.UpdateV2 = UpdateV2Support.Unreadable;
                server.Enqueue(taskType, "garbage-1");
            });
        await Eventually.TrueAsync(() => fixture.Logs.WithEventId(NextTaskUnreadableEvent).Count == 1, "the unreadable answer logged");

        fixture.Server.Enqueue(taskType, "after-2");
        await fixture.WaitForUpdateAsync("after-2", "COMPLETED");

        Assert.Single(fixture.Server.UpdatesOf("garbage-1"));
        Assert.DoesNotContain("hunter2", fixture.Logs.WithEventId(NextTaskUnreadableEvent)[0].Exception!.Message, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
