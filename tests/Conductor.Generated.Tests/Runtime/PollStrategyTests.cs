using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// The poll strategy against a server whose batch poll holds the request until it has
/// <c>count</c> tasks or its timeout is over, as Conductor's queue pop does
/// (PostgresQueueDAO#pollMessages and SqliteQueueDAO#pollMessages loop until count or timeout;
/// ExecutionService#poll hands the popped ids out), and as the test server does. Idle, the worker
/// long-polls for one task, which such a server answers at the task's arrival; after a poll that
/// filled every slot it asked for, it polls for all its free slots with timeout 0, which the
/// server answers at once with what is there. Every request is seen through the worker's own
/// HttpClient; nothing here is timed.
/// </summary>
public sealed class PollStrategyTests
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_single_task_at_low_load_comes_with_a_long_poll_for_one_which_the_server_answers_at_its_arrival()
    {
        const string taskType = "trickle";
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = new FakeTimeProvider() });
        var polls = new PollRecorder();
        using var http = new HttpClient(polls) { Timeout = TimeSpan.FromSeconds(30) };
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "trickle-worker", HttpClient = http },
            [new WorkerDefinition(taskType, (_, _) => ValueTask.FromResult(WorkerResult.CompletedEmpty()), new WorkerSettings { Concurrency = 8, PollTimeout = LongPoll })]);
        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => polls.Sent >= 1, "the idle worker's first poll");

        var taskId = server.EnqueueTask(taskType).TaskId;
        await Eventually.TrueAsync(() => server.GetTask(taskId)!.Status == TaskExecutionStatus.Completed, "the task's result");

        // The task came with a poll for one task: the server answers it as soon as it has one
        // (with count 8, as before, it would have held the poll until its 5 s timeout).
        var handing = Assert.Single(polls.Answered, poll => poll.Tasks > 0);
        Assert.Equal((1, 5000, 1), (handing.Count, handing.TimeoutMs, handing.Tasks));

        // No poll ever asked the server to wait for more than one task.
        Assert.All(polls.Answered, poll => Assert.True(poll.Count == 1 || poll.TimeoutMs == 0, $"a poll for {poll.Count} tasks waited up to {poll.TimeoutMs} ms"));
    }

    [Theory]
    [InlineData(ServerCompatibility.Current)]
    [InlineData(ServerCompatibility.Legacy)]
    public async Task A_burst_is_taken_in_batches_by_polls_that_do_not_wait(ServerCompatibility compatibility)
    {
        const string taskType = "burst";
        const int concurrency = 8;
        const int tasks = 20;
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = new FakeTimeProvider(), Compatibility = compatibility });
        var taskIds = Enumerable.Range(1, tasks).Select(n => server.EnqueueTask(taskType, new JsonObject { ["n"] = n }).TaskId).ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var polls = new PollRecorder();
        using var http = new HttpClient(polls) { Timeout = TimeSpan.FromSeconds(30) };
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "burst-worker", HttpClient = http },
            [new WorkerDefinition(taskType, async (_, cancellationToken) =>
            {
                Interlocked.Increment(ref running);
                await gate.Task.WaitAsync(cancellationToken);
                return WorkerResult.CompletedEmpty();
            }, new WorkerSettings { Concurrency = concurrency, PollTimeout = LongPoll })]);

        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref running) == concurrency, "every slot busy");

        // Nothing known to be waiting at start: a long poll for one, answered at once; it filled
        // what it asked for, so the other seven slots are filled by one poll that does not wait.
        var first = polls.Answered.Take(2).ToList();
        Assert.Equal([(1, 5000, 1), (concurrency - 1, 0, concurrency - 1)], first.Select(poll => (poll.Count, poll.TimeoutMs, poll.Tasks)));

        gate.SetResult();
        await Eventually.TrueAsync(
            () => taskIds.All(id => server.GetTask(id)!.Status == TaskExecutionStatus.Completed),
            "every task's result");

        // The rest came with update-v2 answers or with polls for the free slots, none of which
        // asked the server to wait for more than one task.
        Assert.All(polls.Answered, poll => Assert.True(poll.Count == 1 || poll.TimeoutMs == 0, $"a poll for {poll.Count} tasks waited up to {poll.TimeoutMs} ms"));
        Assert.True(polls.Answered.Sum(poll => poll.Tasks) <= tasks);
        if (compatibility == ServerCompatibility.Legacy)
        {
            // Without update-v2 every task comes with a poll.
            Assert.Equal(tasks, polls.Answered.Sum(poll => poll.Tasks));
        }
    }

    /// <summary>Sees every batch poll the worker sends and the number of tasks in its answer.</summary>
    private sealed class PollRecorder() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly ConcurrentQueue<RecordedPoll> _answered = new();
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        /// <summary>The polls answered, in the order they were sent.</summary>
        public IReadOnlyList<RecordedPoll> Answered => [.. _answered.OrderBy(poll => poll.Sequence)];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is not { } uri || !uri.AbsolutePath.Contains("/tasks/poll/batch/", StringComparison.Ordinal))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var sequence = Interlocked.Increment(ref _sent);
            var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var tasks = 0;
            if (body.Length > 0)
            {
                using var answer = JsonDocument.Parse(body);
                tasks = answer.RootElement.GetArrayLength();
            }

            _answered.Enqueue(new RecordedPoll(sequence, Number(query["count"]), Number(query["timeout"]), tasks));
            return response;
        }
    }

    private static int Number(string? text) => int.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);

    internal sealed record RecordedPoll(int Sequence, int Count, int TimeoutMs, int Tasks);
}
