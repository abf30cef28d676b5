using Conductor.Generated.Client;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostPollingTests
{
    private const int PollFailedEvent = 3;
    private const int PollReturnedTooManyEvent = 12;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Empty_polls_answered_with_an_empty_array_or_no_content_mean_no_work_and_polling_goes_on(bool answerNoContent)
    {
        var taskType = answerNoContent ? "empty_204" : "empty_200";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"done":true}""")))],
            server => server.EmptyPollAnswersNoContent = answerNoContent);

        await Eventually.TrueAsync(() => fixture.Server.Polls.Count >= 3, "three empty polls");
        fixture.Server.Enqueue(taskType, "late-1");
        await fixture.WaitForUpdateAsync("late-1", "COMPLETED");

        Assert.Empty(fixture.Logs.WithEventId(PollFailedEvent));
    }

    [Fact]
    public async Task After_an_empty_poll_the_worker_pauses_the_poll_interval_before_polling_again()
    {
        var pollInterval = TimeSpan.FromMilliseconds(300);
        await using var fixture = await StartAsync(
            [new WorkerDefinition("idle", (_, _) => ValueTask.FromResult(Output("{}")), new WorkerSettings
            {
                PollInterval = pollInterval,
                PollTimeout = TimeSpan.Zero,
            })]);

        await Eventually.TrueAsync(() => fixture.Server.Polls.Count >= 4, "four empty polls");

        var arrivals = fixture.Server.Polls.Take(4).Select(poll => poll.ReceivedAt).ToList();
        for (var index = 1; index < arrivals.Count; index++)
        {
            var gap = arrivals[index] - arrivals[index - 1];
            // A lower bound only: a slow machine makes gaps longer, never shorter.
            Assert.True(gap >= pollInterval - TimeSpan.FromMilliseconds(20), $"Polls {index} and {index + 1} were only {gap.TotalMilliseconds} ms apart.");
        }
    }

    [Fact]
    public async Task Polls_ask_for_exactly_the_free_slots_and_never_more()
    {
        const int concurrency = 3;
        const string taskType = "free_slots";
        var permits = new SemaphoreSlim(0);
        var running = 0;
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                Interlocked.Increment(ref running);
                try
                {
                    await permits.WaitAsync(cancellationToken);
                    return Output("{}");
                }
                finally
                {
                    Interlocked.Decrement(ref running);
                }
            }, concurrency)],
            server =>
            {
                // An old server: with update-v2 the freed slot would be refilled by the answer, not by a poll.
                server.UpdateV2 = UpdateV2Support.NotFound;
                for (var index = 1; index <= 7; index++)
                {
                    server.Enqueue(taskType, $"slot-{index}");
                }
            });

        await Eventually.TrueAsync(() => Volatile.Read(ref running) == concurrency, "three tasks running");

        // Nothing known to be waiting: a long poll for one; it came back full, so the next poll
        // asks for the two other free slots without waiting (see PollStrategyTests).
        Assert.Equal((1, 200), (fixture.Server.Polls[0].Count, fixture.Server.Polls[0].TimeoutMs));
        Assert.Equal((concurrency - 1, 0), (fixture.Server.Polls[1].Count, fixture.Server.Polls[1].TimeoutMs));

        // One task finishes: the next poll asks for exactly the one slot it freed.
        permits.Release();
        await Eventually.TrueAsync(() => fixture.Server.Updates.Count == 1, "the first result");
        await Eventually.TrueAsync(() => fixture.Server.Polls.Any(poll => poll.Count == 1), "a poll for one task");

        permits.Release(100);
        await Eventually.TrueAsync(() => fixture.Server.Updates.Count == 7, "all seven results");

        Assert.All(fixture.Server.Polls, poll =>
        {
            Assert.InRange(poll.Count, 1, concurrency);
            Assert.True(
                poll.Count + poll.OutstandingAtPoll <= concurrency,
                $"A poll asked for {poll.Count} task(s) while {poll.OutstandingAtPoll} were still running.");
        });
    }

    [Fact]
    public async Task Tasks_run_concurrently_up_to_the_concurrency_and_no_further()
    {
        const int concurrency = 3;
        const string taskType = "concurrent";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var mostRunning = 0;
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostRunning, now);
                await gate.Task.WaitAsync(cancellationToken);
                Interlocked.Decrement(ref running);
                return Output("{}");
            }, concurrency)],
            server =>
            {
                for (var index = 1; index <= 6; index++)
                {
                    server.Enqueue(taskType, $"concurrent-{index}");
                }
            });

        await Eventually.TrueAsync(() => Volatile.Read(ref running) == concurrency, "three tasks running at once");
        gate.SetResult();
        await Eventually.TrueAsync(() => fixture.Server.Updates.Count == 6, "all six results");

        Assert.Equal(concurrency, mostRunning);
    }

    [Fact]
    public async Task A_fast_task_is_reported_and_more_work_is_polled_while_a_slow_task_of_the_same_batch_still_runs()
    {
        const string taskType = "no_batch_wait";
        var slowGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await StartAsync(
            [Worker(taskType, async (context, cancellationToken) =>
            {
                if (context.TaskId == "slow")
                {
                    await slowGate.Task.WaitAsync(cancellationToken);
                }

                return Output("{}");
            }, concurrency: 2)],
            server =>
            {
                server.Enqueue(taskType, "slow");
                server.Enqueue(taskType, "fast-1");
            });

        await fixture.WaitForUpdateAsync("fast-1", "COMPLETED");
        fixture.Server.Enqueue(taskType, "fast-2");
        await fixture.WaitForUpdateAsync("fast-2", "COMPLETED");

        Assert.Empty(fixture.Server.UpdatesOf("slow"));
        // Both slots were filled by the first two polls: a long poll for one, then, as it came
        // back full, one for the other free slot without waiting.
        Assert.Equal([(1, 200), (1, 0)], fixture.Server.Polls.Take(2).Select(poll => (poll.Count, poll.TimeoutMs)));
        slowGate.SetResult();
        await fixture.WaitForUpdateAsync("slow", "COMPLETED");
    }

    [Fact]
    public async Task Poll_errors_are_logged_and_retried_with_growing_delays_until_polling_recovers()
    {
        const string taskType = "flaky_poll";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.PollFailure = (_, pollNumber) => pollNumber <= 4 ? System.Net.HttpStatusCode.InternalServerError : null;
                server.Enqueue(taskType, "after-errors");
            });

        await fixture.WaitForUpdateAsync("after-errors", "COMPLETED");

        var failures = fixture.Logs.WithEventId(PollFailedEvent);
        Assert.Equal(4, failures.Count);
        Assert.All(failures, failure => Assert.IsType<ConductorApiException>(failure.Exception));
        var delays = failures.Select(failure => (long)failure.Properties.Single(property => property.Key == "RetryDelayMs").Value!).ToList();
        // 20 ms doubling to at most 200 ms, each within ±20%: 16-24, 32-48, 64-96, 128-192.
        Assert.True(delays[0] < delays[1] && delays[1] < delays[2] && delays[2] < delays[3], $"Delays should grow: {string.Join(", ", delays)}");
        Assert.All(delays, delay => Assert.InRange(delay, 16, 200));
    }

    [Fact]
    public async Task Polls_carry_the_worker_id_domain_and_poll_timeout()
    {
        const string taskType = "poll_parameters";
        await using var fixture = await StartAsync(
            [new WorkerDefinition(taskType, (_, _) => ValueTask.FromResult(Output("{}")), new WorkerSettings
            {
                Domain = "blue",
                PollTimeout = TimeSpan.FromMilliseconds(250),
                PollInterval = TimeSpan.FromMilliseconds(10),
                Concurrency = 4,
            })],
            configure: options => options.WorkerId = "worker-7");

        await Eventually.TrueAsync(() => fixture.Server.Polls.Count >= 1, "a poll");

        // Nothing is waiting: the long poll asks for one task (see PollStrategyTests).
        var poll = fixture.Server.Polls[0];
        Assert.Equal((taskType, "worker-7", "blue", 250, 1), (poll.TaskType, poll.WorkerId, poll.Domain, poll.TimeoutMs, poll.Count));
    }

    [Fact]
    public async Task Settings_overrides_replace_the_worker_settings_by_task_name()
    {
        const string taskType = "overridden";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            // Without a long poll, every poll asks for all the free slots.
            configure: options => options.WorkerSettingsOverrides[taskType] = new WorkerSettings { Concurrency = 5, Domain = "green", PollTimeout = TimeSpan.Zero });

        await Eventually.TrueAsync(() => fixture.Server.Polls.Count >= 1, "a poll");

        Assert.Equal((5, "green"), (fixture.Server.Polls[0].Count, fixture.Server.Polls[0].Domain));
    }

    [Fact]
    public async Task Each_worker_polls_for_its_own_task_type()
    {
        await using var fixture = await StartAsync(
            [
                Worker("first_type", (_, _) => ValueTask.FromResult(Output("""{"from":"first"}"""))),
                Worker("second_type", (_, _) => ValueTask.FromResult(Output("""{"from":"second"}"""))),
            ],
            server =>
            {
                server.Enqueue("first_type", "first-1");
                server.Enqueue("second_type", "second-1");
            });

        await fixture.WaitForUpdateAsync("first-1", "COMPLETED");
        await fixture.WaitForUpdateAsync("second-1", "COMPLETED");

        Assert.Equal("first", fixture.Server.UpdatesOf("first-1")[0].Output.GetProperty("from").GetString());
        Assert.Equal("second", fixture.Server.UpdatesOf("second-1")[0].Output.GetProperty("from").GetString());
    }

    [Fact]
    public async Task Tasks_beyond_what_a_poll_asked_for_still_run_but_never_above_the_concurrency()
    {
        const string taskType = "too_many";
        var running = 0;
        var mostRunning = 0;
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                InterlockedMax(ref mostRunning, Interlocked.Increment(ref running));
                await Task.Delay(20, cancellationToken);
                Interlocked.Decrement(ref running);
                return Output("{}");
            })],
            server =>
            {
                server.IgnorePollCount = true;
                server.Enqueue(taskType, "extra-1");
                server.Enqueue(taskType, "extra-2");
                server.Enqueue(taskType, "extra-3");
            });

        await Eventually.TrueAsync(() => fixture.Server.Updates.Count == 3, "all three results");

        Assert.Equal(1, mostRunning);
        Assert.Equal(1, fixture.Server.Polls[0].Count);
        Assert.Single(fixture.Logs.WithEventId(PollReturnedTooManyEvent));
        Assert.All(fixture.Server.Updates, update => Assert.Equal("COMPLETED", update.Status));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
