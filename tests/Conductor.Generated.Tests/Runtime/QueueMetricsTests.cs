using System.Diagnostics.Metrics;
using Conductor.Generated.Diagnostics;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// The metrics a scaler reads, against the test server: the depth of the queue (read with
/// <c>GET /api/tasks/queue/sizes</c>, TaskResource#size), the time each task waited in it (the
/// server's queueWaitTime, Task#getQueueWaitTime), busy and free slots, empty polls. Two fake
/// clocks: the server's sets the waits, the host's drives the depth reader.
/// </summary>
public sealed class QueueMetricsTests
{
    private const string TaskType = "scaled_task";
    private const string SizesRoute = "GET /api/tasks/queue/sizes";
    private static readonly TimeSpan DepthInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Depth_reports_the_queue_while_paused_and_falls_to_zero_as_workers_drain_it_and_waits_are_recorded()
    {
        var serverClock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var hostClock = new FakeTimeProvider();
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = serverClock });
        var workflowIds = Enumerable.Range(0, 3).Select(_ => server.EnqueueTask(TaskType).WorkflowInstanceId).ToList();

        using var meterFactory = new TestMeterFactory();
        using var depth = new MetricCollector<long>(meterFactory, ConductorDiagnostics.MeterName, "task_queue_depth");
        using var waits = new MetricCollector<double>(meterFactory, ConductorDiagnostics.MeterName, "task_queue_wait_time_seconds");
        using var busy = new MetricCollector<int>(meterFactory, ConductorDiagnostics.MeterName, "active_workers");
        using var free = new MetricCollector<int>(meterFactory, ConductorDiagnostics.MeterName, "task_execution_slots_free");
        using var emptyPolls = new MetricCollector<long>(meterFactory, ConductorDiagnostics.MeterName, "task_poll_empty_total");

        var firstTaskRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirstTask = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var worker = new WorkerDefinition(
            TaskType,
            async (_, _) =>
            {
                if (Interlocked.Increment(ref started) == 1)
                {
                    firstTaskRunning.TrySetResult();
                    await releaseFirstTask.Task;
                }

                return WorkerResult.CompletedEmpty();
            },
            new WorkerSettings { Concurrency = 1, Paused = true, PollTimeout = TimeSpan.FromMilliseconds(200) });
        var options = new ConductorWorkerOptions
        {
            ServerUrl = server.ApiUrl,
            WorkerId = "scaled-worker",
            QueueDepthInterval = DepthInterval,
            MeterFactory = meterFactory,
            TimeProvider = hostClock,
        };
        await using var host = new ConductorWorkerHost(options, [worker]);
        await host.StartAsync(CancellationToken.None);

        // Paused: nothing is polled, and the depth read at start reports the three queued tasks.
        await Eventually.TrueAsync(() => Depth() == 3, "the depth of the three queued tasks", Patience);
        Assert.Equal(0, server.GetRequestCount("GET /api/tasks/poll/batch/{taskType}"));
        Assert.Equal((0, 1), Slots());

        // The tasks waited 5 s on the server's clock when the worker resumes; the first one holds the only slot.
        serverClock.Advance(TimeSpan.FromSeconds(5));
        host.Resume(TaskType);
        await Eventually.CompletesAsync(firstTaskRunning.Task, "the first task to run", Patience);
        Assert.Equal((1, 0), Slots());
        await Eventually.TrueAsync(() => NextDepthRead() == 2, "the depth to fall to two", Patience);

        // The other two wait 3 s longer, until the slot frees up.
        serverClock.Advance(TimeSpan.FromSeconds(3));
        releaseFirstTask.TrySetResult();
        foreach (var workflowId in workflowIds)
        {
            var workflow = await server.WaitForWorkflowAsync(workflowId, Patience);
            Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        }

        await Eventually.TrueAsync(() => NextDepthRead() == 0, "the depth to fall to zero", Patience);
        await Eventually.TrueAsync(() => Slots() == (0, 1), "the slot to be free again", Patience);
        await Eventually.TrueAsync(() => emptyPolls.GetMeasurementSnapshot().Count > 0, "an empty poll once the queue is drained", Patience);

        // One wait per task, as the server computed it when handing each out.
        var recorded = waits.GetMeasurementSnapshot();
        Assert.Equal([5.0, 8.0, 8.0], recorded.Select(measurement => measurement.Value).Order());
        Assert.All(recorded, measurement => Assert.Equal(TaskType, measurement.Tags["taskType"]));
        Assert.All(emptyPolls.GetMeasurementSnapshot(), measurement => Assert.Equal(TaskType, measurement.Tags["taskType"]));
        Assert.True(depth.LastMeasurement!.Tags.ContainsKey("taskType") && !depth.LastMeasurement.Tags.ContainsKey("domain"));

        // One request per read for all the host's queues: never more reads than intervals passed, plus the one at start.
        var intervals = (int)((hostClock.GetUtcNow() - hostClock.Start) / DepthInterval);
        Assert.InRange(server.GetRequestCount(SizesRoute), 1, intervals + 1);

        long? Depth()
        {
            depth.RecordObservableInstruments();
            return depth.LastMeasurement?.Value;
        }

        // The reader waits on the host's clock: move it one interval on, then look.
        long? NextDepthRead()
        {
            hostClock.Advance(DepthInterval);
            return Depth();
        }

        (int Busy, int Free) Slots()
        {
            busy.RecordObservableInstruments();
            free.RecordObservableInstruments();
            return (busy.LastMeasurement?.Value ?? -1, free.LastMeasurement?.Value ?? -1);
        }
    }

    [Fact]
    public async Task A_domain_worker_reads_its_domain_queue_and_tags_the_depth_with_the_domain()
    {
        await using var server = await ConductorTestServer.StartAsync();
        server.EnqueueTask("domain_scaled", domain: "eu");
        server.EnqueueTask("domain_scaled", domain: "eu");
        server.EnqueueTask("domain_scaled");

        using var meterFactory = new TestMeterFactory();
        using var depth = new MetricCollector<long>(meterFactory, ConductorDiagnostics.MeterName, "task_queue_depth");
        var worker = new WorkerDefinition(
            "domain_scaled",
            (_, _) => ValueTask.FromResult(WorkerResult.CompletedEmpty()),
            new WorkerSettings { Domain = "eu", Paused = true });
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, MeterFactory = meterFactory, TimeProvider = new FakeTimeProvider() };
        await using var host = new ConductorWorkerHost(options, [worker]);
        await host.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(
            () =>
            {
                depth.RecordObservableInstruments();
                return depth.LastMeasurement is not null;
            },
            "a depth",
            Patience);
        Assert.Equal(2, depth.LastMeasurement!.Value);
        Assert.Equal("eu", depth.LastMeasurement.Tags["domain"]);
        Assert.Equal("domain_scaled", depth.LastMeasurement.Tags["taskType"]);
    }

    [Fact]
    public async Task A_failed_read_reports_no_depth_until_a_read_succeeds_and_warns_once()
    {
        await using var server = await ConductorTestServer.StartAsync();
        server.EnqueueTask("depth_faults");
        var hostClock = new FakeTimeProvider();
        var logs = new CapturingLoggerFactory();
        using var meterFactory = new TestMeterFactory();
        using var depth = new MetricCollector<long>(meterFactory, ConductorDiagnostics.MeterName, "task_queue_depth");
        var worker = new WorkerDefinition("depth_faults", (_, _) => ValueTask.FromResult(WorkerResult.CompletedEmpty()), new WorkerSettings { Paused = true });
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, QueueDepthInterval = DepthInterval, MeterFactory = meterFactory, TimeProvider = hostClock };
        await using var host = new ConductorWorkerHost(options, [worker], logs);
        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Collect() is [1], "the depth of one task", Patience);

        // The server fails every read (500): the depth goes missing rather than stale.
        server.Faults.SetErrorRate(SizesRoute, 1.0);
        await Eventually.TrueAsync(() => NextRead() is [], "no depth after a failed read", Patience);

        // Wait for the reader's own account of a second failure: the server counts a request
        // when it arrives, before the reader has its answer and logs it.
        await Eventually.TrueAsync(() => NextRead() is [] && logs.WithEventId(72).Count > 0, "a second failed read logged", Patience);
        Assert.Single(logs.WithEventId(71));

        server.Faults.Clear();
        await Eventually.TrueAsync(() => NextRead() is [1], "the depth back once a read succeeds", Patience);

        long[] NextRead()
        {
            hostClock.Advance(DepthInterval);
            return Collect();
        }

        long[] Collect()
        {
            depth.Clear();
            depth.RecordObservableInstruments();
            return [.. depth.GetMeasurementSnapshot().Select(measurement => measurement.Value)];
        }
    }

    [Fact]
    public async Task Queue_depth_interval_comes_from_the_option_else_the_environment_and_zero_turns_it_off()
    {
        await using var server = await ConductorTestServer.StartAsync();
        var variables = new Dictionary<string, string?> { [ConductorWorkerOptions.QueueDepthIntervalEnvironmentVariable] = "0" };
        using var meterFactory = new TestMeterFactory();
        using var depth = new MetricCollector<long>(meterFactory, ConductorDiagnostics.MeterName, "task_queue_depth");
        server.EnqueueTask("depth_off");
        var worker = new WorkerDefinition("depth_off", (_, _) => ValueTask.FromResult(WorkerResult.CompletedEmpty()), new WorkerSettings { Paused = true });
        var options = new ConductorWorkerOptions
        {
            ServerUrl = server.ApiUrl,
            MeterFactory = meterFactory,
            ReadEnvironmentVariable = name => variables.GetValueOrDefault(name),
        };
        await using (var host = new ConductorWorkerHost(options, [worker]))
        {
            await host.StartAsync(CancellationToken.None);
            depth.RecordObservableInstruments();
            Assert.Empty(depth.GetMeasurementSnapshot());
        }

        Assert.Equal(0, server.GetRequestCount(SizesRoute));
        Assert.Equal(TimeSpan.Zero, options.ResolveQueueDepthInterval(options.ReadEnvironmentVariable));

        variables[ConductorWorkerOptions.QueueDepthIntervalEnvironmentVariable] = "45";
        Assert.Equal(TimeSpan.FromSeconds(45), options.ResolveQueueDepthInterval(options.ReadEnvironmentVariable));
        options.QueueDepthInterval = TimeSpan.FromSeconds(20);
        Assert.Equal(TimeSpan.FromSeconds(20), options.ResolveQueueDepthInterval(options.ReadEnvironmentVariable));
        options.QueueDepthInterval = null;
        variables.Clear();
        Assert.Equal(ConductorWorkerOptions.DefaultQueueDepthInterval, options.ResolveQueueDepthInterval(options.ReadEnvironmentVariable));

        variables[ConductorWorkerOptions.QueueDepthIntervalEnvironmentVariable] = "fast";
        var unreadable = Assert.Throws<InvalidOperationException>(() => options.ResolveQueueDepthInterval(options.ReadEnvironmentVariable));
        Assert.Contains("CONDUCTOR_QUEUE_DEPTH_INTERVAL_SECONDS", unreadable.Message, StringComparison.Ordinal);
        Assert.Contains("'fast'", unreadable.Message, StringComparison.Ordinal);
        options.QueueDepthInterval = TimeSpan.FromMilliseconds(200);
        var tooShort = Assert.Throws<InvalidOperationException>(() => options.ResolveQueueDepthInterval(options.ReadEnvironmentVariable));
        Assert.Contains("QueueDepthInterval", tooShort.Message, StringComparison.Ordinal);
    }

    /// <summary>A meter factory of its own, so that only this test's hosts report into its meters.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            lock (_meters)
            {
                _meters.ForEach(meter => meter.Dispose());
            }
        }
    }
}
