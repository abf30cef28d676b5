using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostPauseTests
{
    /// <summary>
    /// How long a paused worker is watched for polls it should not send: many times its poll
    /// interval (10 ms) and long poll (200 ms), so a worker that went on polling would be seen.
    /// </summary>
    private static readonly TimeSpan WatchWhilePaused = TimeSpan.FromMilliseconds(800);

    [Fact]
    public async Task A_paused_worker_polls_no_more_and_takes_queued_work_once_resumed()
    {
        const string taskType = "pause_resume";
        await using var fixture = await StartAsync(
            [
                Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}"))),
                Worker("pause_neighbour", (_, _) => ValueTask.FromResult(Output("{}"))),
            ]);
        await Eventually.TrueAsync(() => PollsFor(fixture, taskType) >= 1, "the worker polling");

        fixture.Host.Pause(taskType);
        Assert.True(fixture.Host.IsPaused(taskType));
        Assert.False(fixture.Host.IsPaused("pause_neighbour"));
        // A long poll already waiting on the server (or just being sent) is answered; after it, nothing.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await Eventually.TrueAsync(() => fixture.Server.PollsInFlight(taskType) == 0, "the last poll of the paused worker answered");
        var pollsWhenPaused = PollsFor(fixture, taskType);
        fixture.Server.Enqueue(taskType, "held-1");
        fixture.Server.Enqueue("pause_neighbour", "neighbour-1");
        await fixture.WaitForUpdateAsync("neighbour-1", "COMPLETED");
        await Task.Delay(WatchWhilePaused);

        Assert.Equal(pollsWhenPaused, PollsFor(fixture, taskType));
        Assert.Null(fixture.Server.HandedOutBy("held-1"));

        fixture.Host.Resume(taskType);
        Assert.False(fixture.Host.IsPaused(taskType));
        await fixture.WaitForUpdateAsync("held-1", "COMPLETED");
    }

    [Fact]
    public async Task A_task_running_when_its_worker_is_paused_finishes_without_claiming_the_next_one()
    {
        const string taskType = "pause_running";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, _) =>
            {
                await release.Task;
                return Output("""{"finished":true}""");
            })],
            server => server.Enqueue(taskType, "running-1"));
        await Eventually.TrueAsync(() => fixture.Server.HandedOutBy("running-1") is not null, "the task handed out");
        fixture.Server.Enqueue(taskType, "queued-2");

        fixture.Host.Pause(taskType);
        release.SetResult();
        await fixture.WaitForUpdateAsync("running-1", "COMPLETED");
        await Task.Delay(WatchWhilePaused);

        // The result went where it cannot bring new work.
        Assert.Equal("/api/tasks", Assert.Single(fixture.Server.UpdatesOf("running-1")).Path);
        Assert.Null(fixture.Server.HandedOutBy("queued-2"));

        fixture.Host.Resume(taskType);
        await fixture.WaitForUpdateAsync("queued-2", "COMPLETED");
    }

    [Fact]
    public async Task A_worker_paused_by_the_environment_starts_without_polling_until_resumed()
    {
        const string taskType = "pause_from_env";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server => server.Enqueue(taskType, "waiting-1"),
            options => options.ReadEnvironmentVariable = name => name == "CONDUCTOR_WORKER_PAUSE_FROM_ENV_PAUSED" ? "true" : null);

        Assert.True(fixture.Host.IsPaused(taskType));
        await Task.Delay(WatchWhilePaused);
        Assert.Equal(0, PollsFor(fixture, taskType));

        fixture.Host.Resume(taskType);
        await fixture.WaitForUpdateAsync("waiting-1", "COMPLETED");
    }

    [Fact]
    public async Task Pausing_twice_resuming_twice_and_stopping_while_paused_are_harmless()
    {
        const string taskType = "pause_twice";
        await using var fixture = await StartAsync([Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))]);

        fixture.Host.Pause(taskType);
        fixture.Host.Pause(taskType);
        fixture.Host.Resume(taskType);
        fixture.Host.Resume(taskType);
        fixture.Host.Pause(taskType);

        await Eventually.CompletesAsync(fixture.Host.StopAsync(CancellationToken.None), "stopping a paused worker");
        Assert.Single(fixture.Logs.WithEventId(24));
        Assert.Equal(2, fixture.Logs.WithEventId(23).Count);
    }

    [Fact]
    public async Task Pausing_an_unknown_task_or_before_the_start_fails_with_a_clear_message()
    {
        await using var fixture = await StartAsync([Worker("pause_known", (_, _) => ValueTask.FromResult(Output("{}")))]);

        var unknown = Assert.Throws<ArgumentException>(() => fixture.Host.Pause("pause_unknown"));
        Assert.Contains("pause_unknown", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("pause_known", unknown.Message, StringComparison.Ordinal);

        await using var notStarted = new ConductorWorkerHost(new ConductorWorkerOptions(), [Worker("pause_known", (_, _) => ValueTask.FromResult(Output("{}")))]);
        Assert.Throws<InvalidOperationException>(() => notStarted.Resume("pause_known"));
    }

    private static int PollsFor(WorkerHostFixture fixture, string taskType) =>
        fixture.Server.Polls.Count(poll => poll.TaskType == taskType);
}
