using System.Runtime.InteropServices;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// What a worker shows while it runs: one summary line per worker and interval (event 66),
/// expected terminal failures without a stack trace (event 67), and, in a plain console, the stop
/// signal that starts a graceful stop (event 68).
/// </summary>
public sealed class WorkerHostSummaryTests
{
    private const int SummaryEvent = 66;
    private const int FailedForGoodEvent = 67;
    private const int StopSignalEvent = 68;
    private const int WorkerThrewEvent = 5;

    [Fact]
    public async Task Each_worker_logs_what_it_completed_and_failed_since_its_last_line_at_every_interval()
    {
        var clock = new FakeTimeProvider();
        using var release = new SemaphoreSlim(0);
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await StartAsync(
            [
                Worker("summary_mixed", (context, _) => context.TaskId.StartsWith("fail", StringComparison.Ordinal)
                    ? throw new InvalidOperationException("database unavailable")
                    : ValueTask.FromResult(Output("{}")), concurrency: 4),
                Worker("summary_slow", async (_, cancellationToken) =>
                {
                    slowStarted.TrySetResult();
                    await release.WaitAsync(cancellationToken);
                    return Output("{}");
                }),
            ],
            server =>
            {
                server.Enqueue("summary_mixed", "ok-1");
                server.Enqueue("summary_mixed", "ok-2");
                server.Enqueue("summary_mixed", "fail-1");
                server.Enqueue("summary_slow", "slow-1");
            },
            options =>
            {
                options.SummaryInterval = TimeSpan.FromSeconds(30);
                options.TimeProvider = clock;
            });
        foreach (var taskId in new[] { "ok-1", "ok-2", "fail-1" })
        {
            await fixture.WaitForUpdateAsync(taskId);
        }

        await Eventually.CompletesAsync(slowStarted.Task, "the slow task running");
        Assert.Empty(fixture.Logs.WithEventId(SummaryEvent));

        clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => fixture.Logs.WithEventId(SummaryEvent).Count == 2, "one summary line per worker");

        var lines = fixture.Logs.WithEventId(SummaryEvent);
        Assert.All(lines, line => Assert.Equal(LogLevel.Information, line.Level));
        Assert.Contains(lines, line => line.Message == "Worker 'summary_mixed': 2 completed, 1 failed in the last 30 s; 0 in progress");
        Assert.Contains(lines, line => line.Message == "Worker 'summary_slow': 0 completed, 0 failed in the last 30 s; 1 in progress");

        // The next line counts only what happened since the last one.
        release.Release();
        await fixture.WaitForUpdateAsync("slow-1");
        clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => fixture.Logs.WithEventId(SummaryEvent).Count == 4, "the second round of lines");

        var second = fixture.Logs.WithEventId(SummaryEvent).Skip(2).ToList();
        Assert.Contains(second, line => line.Message == "Worker 'summary_mixed': 0 completed, 0 failed in the last 30 s; 0 in progress");
        Assert.Contains(second, line => line.Message == "Worker 'summary_slow': 1 completed, 0 failed in the last 30 s; 0 in progress");
    }

    [Fact]
    public async Task A_zero_interval_turns_the_summary_off()
    {
        var clock = new FakeTimeProvider();
        await using var fixture = await StartAsync(
            [Worker("summary_off", (_, _) => ValueTask.FromResult(Output("{}")))],
            server => server.Enqueue("summary_off", "off-1"),
            options =>
            {
                options.SummaryInterval = TimeSpan.Zero;
                options.TimeProvider = clock;
            });
        await fixture.WaitForUpdateAsync("off-1");

        clock.Advance(TimeSpan.FromHours(1));
        await fixture.Host.StopAsync(CancellationToken.None);

        Assert.Empty(fixture.Logs.WithEventId(SummaryEvent));
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("0", 0)]
    [InlineData(" 15 ", 15)]
    public void The_interval_comes_from_the_option_else_the_environment_else_one_minute(string? variable, int expectedSeconds)
    {
        var options = new ConductorWorkerOptions();

        var interval = options.ResolveSummaryInterval(name => name == ConductorWorkerOptions.SummaryIntervalEnvironmentVariable ? variable : null);
        options.SummaryInterval = TimeSpan.FromSeconds(5);
        var fromCode = options.ResolveSummaryInterval(_ => "120");

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), interval);
        Assert.Equal(TimeSpan.FromSeconds(5), fromCode);
    }

    [Fact]
    public void A_bad_interval_stops_the_start_with_a_message_naming_it()
    {
        var fromEnvironment = Assert.Throws<InvalidOperationException>(() => new ConductorWorkerOptions().ResolveSummaryInterval(_ => "1m"));
        var negative = Assert.Throws<InvalidOperationException>(() => new ConductorWorkerOptions { SummaryInterval = TimeSpan.FromSeconds(-1) }.ResolveSummaryInterval(_ => null));

        Assert.Equal("The CONDUCTOR_SUMMARY_INTERVAL_SECONDS environment variable must be a whole number of seconds (0 turns the summary off); got '1m'.", fromEnvironment.Message);
        Assert.Contains("SummaryInterval must not be negative", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NonRetryableException_is_logged_with_its_reason_and_no_stack_trace()
    {
        await using var fixture = await StartAsync(
            [
                Worker("declines", (_, _) => throw new NonRetryableException("card declined")),
                Worker("breaks", (_, _) => throw new InvalidOperationException("database unavailable")),
            ],
            server =>
            {
                server.Enqueue("declines", "declined-1");
                server.Enqueue("breaks", "broken-1");
            });
        await fixture.WaitForUpdateAsync("declined-1", "FAILED_WITH_TERMINAL_ERROR");
        await fixture.WaitForUpdateAsync("broken-1", "FAILED");

        var forGood = Assert.Single(fixture.Logs.WithEventId(FailedForGoodEvent));
        Assert.Equal(LogLevel.Warning, forGood.Level);
        Assert.Null(forGood.Exception);
        Assert.Equal("Task declined-1 of 'declines' (workflow wf-declined-1) failed for good (NonRetryableException): card declined", forGood.Message);
        // An unexpected exception still comes with its stack trace.
        var threw = Assert.Single(fixture.Logs.WithEventId(WorkerThrewEvent));
        Assert.IsType<InvalidOperationException>(threw.Exception);
        Assert.Contains("broken-1", threw.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_plain_console_SIGTERM_logs_and_lets_the_running_task_finish_before_RunUntilStoppedAsync_returns()
    {
        var handlers = new Dictionary<PosixSignal, Action<PosixSignalContext>>();
        using var started = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        await using var server = await FakeConductorServer.StartAsync();
        server.Enqueue("drained", "drained-1");
        var logs = new CapturingLoggerFactory();
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions
            {
                ServerUrl = server.ApiUrl,
                WorkerId = "test-worker",
                RegisterPosixSignal = (signal, handler) =>
                {
                    lock (handlers)
                    {
                        handlers[signal] = handler;
                    }

                    return new Unregister(() =>
                    {
                        lock (handlers)
                        {
                            handlers.Remove(signal);
                        }
                    });
                },
            },
            [Worker("drained", async (_, _) =>
            {
                started.Release();
                await release.WaitAsync(CancellationToken.None);   // Ignores the token: it must not be cancelled anyway.
                return Output("""{"drained":true}""");
            })],
            logs);

        var running = host.RunUntilStoppedAsync();
        await started.WaitAsync(Eventually.DefaultTimeout);
        Action<PosixSignalContext> onTerminate;
        lock (handlers)
        {
            Assert.Equal(new HashSet<PosixSignal> { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM }, handlers.Keys.ToHashSet());
            onTerminate = handlers[PosixSignal.SIGTERM];
        }

        var signal = new PosixSignalContext(PosixSignal.SIGTERM);
        onTerminate(signal);

        Assert.True(signal.Cancel, "the first SIGTERM must not end the process");
        var line = Assert.Single(logs.WithEventId(StopSignalEvent));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith("SIGTERM received: stopping the workers; running tasks have 30000 ms to finish", line.Message, StringComparison.Ordinal);
        Assert.False(running.IsCompleted, "RunUntilStoppedAsync must wait for the running task");

        release.Release();
        await Eventually.CompletesAsync(running, "RunUntilStoppedAsync after the drain");
        var update = Assert.Single(server.UpdatesOf("drained-1"));
        Assert.Equal("COMPLETED", update.Status);
        Assert.Equal(ConductorWorkerHostState.Stopped, host.State);
        lock (handlers)
        {
            Assert.Empty(handlers);   // The registrations end with the run.
        }

        // A second signal is left to the default, which ends the process.
        var second = new PosixSignalContext(PosixSignal.SIGTERM);
        onTerminate(second);
        Assert.False(second.Cancel);
    }

    private sealed class Unregister(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
