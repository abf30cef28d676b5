using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// A poll in flight when stopping begins. The server hands out what it pops even when the
/// client has gone (the queue pop in <c>ExecutionService#poll</c> does not watch the
/// connection), so the runtime reads the answer, up to the poll's timeout and a margin, and
/// gives its tasks back (<c>IN_PROGRESS</c>, <c>callbackAfterSeconds</c> 0, which
/// <c>WorkflowExecutorOps#updateTask</c> turns into <c>SCHEDULED</c> and a queue entry visible at
/// once) instead of leaving them to their response timeout. The host's clock is fake, so the
/// margin never passes unless a test moves it.
/// </summary>
public sealed class StopWithPollInFlightTests
{
    private const int TaskHandedBackEvent = 73;
    private const int GracePeriodOverEvent = 14;
    private const int UnexpectedErrorEvent = 17;

    [Fact]
    public async Task A_task_from_a_poll_answered_after_the_stop_began_is_handed_back_not_run()
    {
        const string taskType = "stop_hand_back";
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) =>
            {
                Interlocked.Increment(ref runs);
                return ValueTask.FromResult(Output("{}"));
            })],
            server => server.BeforePollAnswer = _ => hold.Task,
            options => options.TimeProvider = new FakeTimeProvider());
        await Eventually.TrueAsync(() => fixture.Server.PollsInFlight(taskType) == 1, "a poll held by the server");

        var stopping = fixture.Host.StopAsync(CancellationToken.None);
        fixture.Server.Enqueue(taskType, "late-1");
        hold.SetResult();
        await Eventually.CompletesAsync(stopping, "the host stopped");

        Assert.Equal("poll", fixture.Server.HandedOutBy("late-1"));
        var updates = fixture.Server.UpdatesOf("late-1");
        Assert.NotEmpty(updates);
        Assert.All(updates, update =>
        {
            Assert.Equal("/api/tasks", update.Path);
            Assert.Equal("IN_PROGRESS", update.Status);
            Assert.Equal(0, update.Body.GetProperty("callbackAfterSeconds").GetInt64());
            Assert.Equal("test-worker", update.Body.GetProperty("workerId").GetString());
        });
        Assert.Equal(0, Volatile.Read(ref runs));
        Assert.Contains("late-1", Assert.Single(fixture.Logs.WithEventId(TaskHandedBackEvent)).Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Logs.WithEventId(UnexpectedErrorEvent));
    }

    [Fact]
    public async Task A_poll_the_server_holds_is_aborted_once_its_timeout_and_the_margin_have_passed()
    {
        const string taskType = "stop_held_poll";
        var clock = new FakeTimeProvider();
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server => server.BeforePollAnswer = _ => never.Task,
            options =>
            {
                options.TimeProvider = clock;
                options.ShutdownGracePeriod = TimeSpan.FromDays(1);
            });
        await Eventually.TrueAsync(() => fixture.Server.PollsInFlight(taskType) == 1, "a poll held by the server");

        var stopping = fixture.Host.StopAsync(CancellationToken.None);

        // The clock has not moved: the stop still waits for the poll's answer.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(stopping.IsCompleted, "The stop abandoned a poll in flight before its timeout and the margin had passed.");

        // Past the poll's timeout (200 ms here) and the margin: aborted (the stop's own timer may
        // not be on the clock yet at the first move, so the clock moves until the stop ends).
        await Eventually.TrueAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(200) + Conductor.Generated.Polling.WorkerPoller.StopPollAnswerMargin);
                return stopping.IsCompleted;
            },
            "the held poll aborted and the host stopped");
        await stopping;
        Assert.Empty(fixture.Logs.WithEventId(GracePeriodOverEvent));
        Assert.Empty(fixture.Logs.WithEventId(TaskHandedBackEvent));
        Assert.Empty(fixture.Logs.WithEventId(UnexpectedErrorEvent));
        never.SetResult();
    }
}
