using System.Net;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.Logging;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostShutdownTests
{
    private const int ResultLostEvent = 11;
    private const int HostStoppingEvent = 13;
    private const int GracePeriodOverEvent = 14;
    private const int HostStoppedEvent = 16;

    [Fact]
    public async Task Stopping_waits_for_in_flight_tasks_sends_their_results_and_polls_no_more()
    {
        const string taskType = "drain";
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelledWhileDraining = true;
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                started.SetResult();
                // Ignores the token on purpose: it must be given the grace period anyway.
                await gate.Task;
                cancelledWhileDraining = cancellationToken.IsCancellationRequested;
                return Output("""{"finished":true}""");
            })],
            server =>
            {
                server.Enqueue(taskType, "in-flight-1");
                server.Enqueue(taskType, "never-polled-2");
            });
        await Eventually.CompletesAsync(started.Task, "the task running");

        var stopping = fixture.Host.StopAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => fixture.Logs.WithEventId(HostStoppingEvent).Count == 1, "stopping begun");
        var pollsWhenStopping = fixture.Server.Polls.Count;
        Assert.False(stopping.IsCompleted, "Stopping must wait for the running task.");

        gate.SetResult();
        await Eventually.CompletesAsync(stopping, "the host stopped");

        var update = Assert.Single(fixture.Server.UpdatesOf("in-flight-1"));
        Assert.Equal("COMPLETED", update.Status);
        Assert.True(update.Output.GetProperty("finished").GetBoolean());
        Assert.Equal(pollsWhenStopping, fixture.Server.Polls.Count);
        Assert.Empty(fixture.Server.UpdatesOf("never-polled-2"));
        Assert.Single(fixture.Logs.WithEventId(HostStoppedEvent));
        Assert.Empty(fixture.Logs.WithEventId(GracePeriodOverEvent));
        Assert.False(cancelledWhileDraining, "The worker's token must not fire during the grace period.");
    }

    [Fact]
    public async Task A_stop_cancels_a_long_poll_in_flight_at_once_and_claims_nothing_more()
    {
        const string taskType = "late_arrival";
        await using var fixture = await StartAsync(
            [new WorkerDefinition(taskType, (_, _) => ValueTask.FromResult(Output("""{"late":true}""")), new WorkerSettings
            {
                PollTimeout = TimeSpan.FromMilliseconds(WorkerSettings.MaxPollTimeoutMs),
            })],
            configure: options => options.ShutdownGracePeriod = TimeSpan.FromMinutes(10));
        await Eventually.TrueAsync(() => fixture.Server.Polls.Count == 1, "a long poll waiting on the server");

        // The long poll is aborted by the stop, not waited for: the host stops long before the
        // grace period, and the poll leaves the server.
        await Eventually.CompletesAsync(fixture.Host.StopAsync(CancellationToken.None), "the host stopped");
        await Eventually.TrueAsync(() => fixture.Server.PollsInFlight(taskType) == 0, "the poll gone from the server");
        fixture.Server.Enqueue(taskType, "arrived-after-stopping");

        Assert.Empty(fixture.Server.UpdatesOf("arrived-after-stopping"));
        Assert.Equal(1, fixture.Server.QueueLength(taskType));
        Assert.Single(fixture.Server.Polls);
        Assert.Empty(fixture.Logs.WithEventId(GracePeriodOverEvent));
    }

    [Fact]
    public async Task Tasks_still_running_after_the_grace_period_are_cancelled_and_reported_failed_for_a_retry()
    {
        const string taskType = "grace_over";
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await StartAsync(
            [Worker(taskType, async (context, cancellationToken) =>
            {
                context.Log("started the long job");
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return Output("{}");
            })],
            server => server.Enqueue(taskType, "too-slow-1"),
            options => options.ShutdownGracePeriod = TimeSpan.FromMilliseconds(300));
        await Eventually.CompletesAsync(started.Task, "the task running");

        await Eventually.CompletesAsync(fixture.Host.StopAsync(CancellationToken.None), "the host stopped");

        var update = Assert.Single(fixture.Server.UpdatesOf("too-slow-1"));
        Assert.Equal("FAILED", update.Status);
        Assert.Equal("worker stopped before finishing", update.Reason);
        Assert.Equal(["started the long job"], update.Logs);
        var graceOver = Assert.Single(fixture.Logs.WithEventId(GracePeriodOverEvent));
        Assert.Contains("with 1 task(s) still running", graceOver.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_stop_token_ends_the_grace_period_at_once()
    {
        const string taskType = "stop_token";
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return Output("{}");
            })],
            server => server.Enqueue(taskType, "hurried-1"),
            options => options.ShutdownGracePeriod = TimeSpan.FromHours(1));
        await Eventually.CompletesAsync(started.Task, "the task running");
        using var hostShutdownTimeout = new CancellationTokenSource();

        var stopping = fixture.Host.StopAsync(hostShutdownTimeout.Token);
        await hostShutdownTimeout.CancelAsync();
        await Eventually.CompletesAsync(stopping, "the host stopped");

        Assert.Equal("FAILED", Assert.Single(fixture.Server.UpdatesOf("hurried-1")).Status);
    }

    [Fact]
    public async Task A_result_that_cannot_be_delivered_before_the_grace_period_ends_is_logged_as_lost_with_its_status()
    {
        const string taskType = "lost_result";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.UpdateFailure = (_, _) => (HttpStatusCode.ServiceUnavailable, """{"status":503,"code":"UNAVAILABLE","message":"down","retryable":true}""");
                server.Enqueue(taskType, "doomed-1");
            },
            options => options.ShutdownGracePeriod = TimeSpan.FromMilliseconds(300));
        await Eventually.TrueAsync(() => fixture.Server.UpdatesOf("doomed-1").Count >= 2, "delivery being retried");

        await Eventually.CompletesAsync(fixture.Host.StopAsync(CancellationToken.None), "the host stopped");

        var lost = Assert.Single(fixture.Logs.WithEventId(ResultLostEvent));
        Assert.Equal(LogLevel.Error, lost.Level);
        Assert.Contains("Result of task doomed-1", lost.Message, StringComparison.Ordinal);
        Assert.Contains("lost", lost.Message, StringComparison.Ordinal);
        Assert.Contains("COMPLETED", lost.Message, StringComparison.Ordinal);
        Assert.All(fixture.Server.UpdatesOf("doomed-1"), attempt => Assert.Equal("COMPLETED", attempt.Status));
    }

    [Fact]
    public async Task Run_returns_after_draining_once_its_token_is_cancelled()
    {
        const string taskType = "run_until_cancelled";
        await using var server = await FakeConductorServer.StartAsync();
        server.Enqueue(taskType, "run-1");
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "runner" };
        await using var host = new ConductorWorkerHost(options, [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))]);
        using var stop = new CancellationTokenSource();

        var running = host.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => server.UpdatesOf("run-1").Count == 1, "the task done");
        Assert.False(running.IsCompleted);
        await stop.CancelAsync();

        await Eventually.CompletesAsync(running, "RunAsync returning");
        Assert.Equal("COMPLETED", server.UpdatesOf("run-1")[0].Status);
    }

    [Fact]
    public async Task Stopping_twice_or_before_starting_is_harmless()
    {
        await using var server = await FakeConductorServer.StartAsync();
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl };
        await using var host = new ConductorWorkerHost(options, [Worker("stop_twice", (_, _) => ValueTask.FromResult(Output("{}")))]);

        await host.StopAsync(CancellationToken.None);
        await host.StartAsync(CancellationToken.None);
        var first = host.StopAsync(CancellationToken.None);
        var second = host.StopAsync(CancellationToken.None);

        await Eventually.CompletesAsync(Task.WhenAll(first, second), "both stops");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));
        Assert.Contains("started already", error.Message, StringComparison.Ordinal);
    }
}
