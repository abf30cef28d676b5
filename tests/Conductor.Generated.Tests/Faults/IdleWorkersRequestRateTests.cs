using System.Diagnostics;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Xunit.Abstractions;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Hundreds of worker types on an empty queue, all started at once: with long polls each sends
/// one request at a time, held by the server, so the request rate is bounded by the number of
/// worker types divided by the poll timeout, and the start is not a storm.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class IdleWorkersRequestRateTests(ITestOutputHelper output)
{
    private const int WorkerTypes = 300;
    private const string PollRoute = "GET /api/tasks/poll/batch/{taskType}";
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Three_hundred_idle_worker_types_send_at_most_one_poll_per_long_poll_each()
    {
        await using var server = await ConductorTestServer.StartAsync();
        var settings = new WorkerSettings { Concurrency = 4, PollTimeout = PollTimeout, PollInterval = PollInterval };
        var workers = Enumerable.Range(1, WorkerTypes)
            .Select(index => new WorkerDefinition($"idle_{index:D3}", (_, _) => ValueTask.FromResult(WorkerResult.CompletedEmpty()), settings))
            .ToList();
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "idle-worker" };
        await using var host = new ConductorWorkerHost(options, workers);

        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => server.GetRequestCount(PollRoute) >= WorkerTypes, "every worker type's first poll", TimeSpan.FromSeconds(60));
        var atStart = server.GetRequestCount(PollRoute);
        var stopwatch = Stopwatch.StartNew();
        await Task.Delay(Window);
        var polls = server.GetRequestCount(PollRoute) - atStart;
        var elapsed = stopwatch.Elapsed;

        // Each worker type has one poll held by the server at a time; a poll lasts the long-poll
        // timeout, then the loop pauses the poll interval. Slower answers only lower the rate.
        var roundsAtMost = Math.Ceiling(elapsed / (PollTimeout + PollInterval)) + 1;
        var bound = (int)(WorkerTypes * roundsAtMost);
        var perWorkerPerSecond = polls / (double)WorkerTypes / elapsed.TotalSeconds;
        output.WriteLine($"{WorkerTypes} idle worker types: {atStart} polls by the time each had polled once, then {polls} in {elapsed.TotalSeconds:F1} s = {polls / elapsed.TotalSeconds:F0} requests/s, {perWorkerPerSecond:F2} per worker type per second (bound {bound})");
        output.WriteLine($"a fixed 100 ms poller would have sent about {WorkerTypes * elapsed.TotalSeconds * 10:F0}");

        Assert.True(polls > 0, "the workers stopped polling");
        Assert.True(polls <= bound, $"{polls} polls in {elapsed.TotalSeconds:F1} s by {WorkerTypes} idle worker types, more than one per long poll each ({bound})");
        // Never more than one poll in flight per worker type: the first round is one request each.
        Assert.True(atStart <= WorkerTypes * 2, $"{atStart} polls before every worker type had polled once");
    }
}
