using System.Diagnostics;
using Conductor.Generated.Polling;
using Conductor.Generated.Tests.Runtime.Infrastructure;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// The worker's token and response-timeout watch a slot keeps from task to task: each worker is
/// cancelled at its own deadline (not at one a task before it had), what it registered goes away
/// with it, and the host's cancellation reaches every task.
/// </summary>
public sealed class ExecutionSlotTests
{
    [Fact]
    public async Task A_running_task_is_cancelled_at_its_own_deadline_not_at_the_one_of_a_task_before_it()
    {
        using var host = new CancellationTokenSource();
        using var slot = new ExecutionSlot(host.Token);

        // The first task sets the timer for 1 ms from now and returns at once.
        slot.Begin(TimeSpan.FromMilliseconds(1));
        slot.End();
        var started = Stopwatch.GetTimestamp();
        var token = slot.Begin(TimeSpan.FromMilliseconds(300));

        await Eventually.TrueAsync(() => token.IsCancellationRequested, "the second task's response timeout");

        // A lower bound only: a slow machine makes it later, never earlier. The watch reads a
        // clock of a few milliseconds' resolution.
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(290), $"cancelled after {Stopwatch.GetElapsedTime(started).TotalMilliseconds} ms");
        slot.End();
    }

    [Fact]
    public async Task A_task_with_a_shorter_response_timeout_than_the_one_before_is_cancelled_at_its_own()
    {
        using var host = new CancellationTokenSource();
        using var slot = new ExecutionSlot(host.Token);
        slot.Begin(TimeSpan.FromHours(1));
        slot.End();

        var token = slot.Begin(TimeSpan.FromMilliseconds(50));

        // Were the timer left set for the hour of the first task, this would time out.
        await Eventually.TrueAsync(() => token.IsCancellationRequested, "the second task's 50 ms response timeout");
        slot.End();
    }

    [Fact]
    public async Task A_task_that_returned_leaves_the_next_one_a_token_that_is_not_cancelled()
    {
        using var host = new CancellationTokenSource();
        using var slot = new ExecutionSlot(host.Token);
        slot.Begin(TimeSpan.FromMilliseconds(20));
        slot.End();

        var next = slot.Begin(responseTimeout: null);
        await Task.Delay(200);

        // Whether the first task returned before its deadline or not, the next one's token is its own.
        Assert.False(next.IsCancellationRequested);
        slot.End();
    }

    [Fact]
    public async Task The_next_task_after_one_cancelled_at_its_deadline_gets_a_token_that_is_not_cancelled()
    {
        using var host = new CancellationTokenSource();
        using var slot = new ExecutionSlot(host.Token);
        var first = slot.Begin(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => first.IsCancellationRequested, "the first task's response timeout");
        slot.End();

        var next = slot.Begin(responseTimeout: null);

        Assert.False(next.IsCancellationRequested);
        slot.End();
    }

    [Fact]
    public void What_a_worker_registered_on_its_token_goes_away_with_its_task()
    {
        using var host = new CancellationTokenSource();
        using var slot = new ExecutionSlot(host.Token);
        var calls = 0;
        slot.Begin(responseTimeout: null).Register(() => calls++);
        slot.End();

        host.Cancel();

        Assert.Equal(0, calls);
        Assert.True(slot.Begin(responseTimeout: null).IsCancellationRequested);
        slot.End();
    }

    [Fact]
    public void The_hosts_cancellation_reaches_the_running_task_and_every_later_one()
    {
        using var host = new CancellationTokenSource();
        using var slot = new ExecutionSlot(host.Token);
        var running = slot.Begin(TimeSpan.FromHours(1));

        host.Cancel();

        Assert.True(running.IsCancellationRequested);
        slot.End();
        Assert.True(slot.Begin(TimeSpan.FromHours(1)).IsCancellationRequested);
        slot.End();
    }

    [Fact]
    public async Task A_callback_of_the_worker_that_throws_at_the_deadline_does_not_escape_on_the_timer_thread()
    {
        using var host = new CancellationTokenSource();
        using var slot = new ExecutionSlot(host.Token);
        var token = slot.Begin(TimeSpan.FromMilliseconds(1));
        token.Register(() => throw new InvalidOperationException("a worker's callback failed"));

        // An exception escaping a timer callback would end the test process.
        await Eventually.TrueAsync(() => token.IsCancellationRequested, "the response timeout");
        slot.End();
        Assert.False(slot.Begin(responseTimeout: null).IsCancellationRequested);
        slot.End();
    }
}
