using System.Diagnostics;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Stopping a host that runs three kinds of tasks against the test server: those that finish
/// within the grace period are delivered COMPLETED, those that honour cancellation are reported
/// FAILED for a retry, those that ignore it are left to the server's response timeout; and the
/// host returns within the grace period plus its documented last wait (5 s), plus a margin.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class ShutdownWithTasksRunningTests(ITestOutputHelper output)
{
    private const int QuickTasks = 8;
    private const int CooperativeTasks = 4;
    private const int StubbornTasks = 2;
    private const int StoppedWithTasksRunningEvent = 15;

    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LastWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Finished_tasks_are_delivered_cancelled_ones_reported_failed_and_the_host_returns_in_time()
    {
        await using var server = await ConductorTestServer.StartAsync();
        FaultScenario.RegisterTaskDefs(server, responseTimeoutSeconds: 300, ShutdownWorkers.Quick, ShutdownWorkers.Cooperative, ShutdownWorkers.Stubborn);
        var quick = Enqueue(server, ShutdownWorkers.Quick, QuickTasks);
        var cooperative = Enqueue(server, ShutdownWorkers.Cooperative, CooperativeTasks);
        var stubborn = Enqueue(server, ShutdownWorkers.Stubborn, StubbornTasks);

        using var logs = new CapturingLoggerFactory();
        var startedBefore = ShutdownWorkers.Started;
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "shutdown-worker", ShutdownGracePeriod = GracePeriod };
        var host = FaultScenario.Host(options, [ShutdownWorkers.Quick, ShutdownWorkers.Cooperative, ShutdownWorkers.Stubborn], logs);
        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(
            () => ShutdownWorkers.Started - startedBefore == QuickTasks + CooperativeTasks + StubbornTasks,
            "every task to be running", TimeSpan.FromSeconds(60));

        var stopwatch = Stopwatch.StartNew();
        await host.StopAsync(CancellationToken.None);
        var stopTook = stopwatch.Elapsed;
        await host.DisposeAsync();

        // Every quick task: COMPLETED with what the worker returned.
        foreach (var task in quick.Select(id => server.GetTask(id)!))
        {
            Assert.Equal(TaskExecutionStatus.Completed, task.Status);
            Assert.Equal((int)task.InputData["n"]! * 10, (int)task.OutputData["value"]!);
        }

        // Every cooperative task: cancelled at the end of the grace period and reported FAILED, so
        // the server retries it (the retry waits in the queue for the next worker).
        foreach (var task in cooperative.Select(id => server.GetTask(id)!))
        {
            Assert.Equal(TaskExecutionStatus.Failed, task.Status);
            Assert.Equal("worker stopped before finishing", task.ReasonForIncompletion);
        }

        // Every stubborn task: still IN_PROGRESS on the server, which hands it out again after its
        // response timeout; the host said so in an error.
        foreach (var task in stubborn.Select(id => server.GetTask(id)!))
        {
            Assert.Equal(TaskExecutionStatus.InProgress, task.Status);
        }

        Assert.Single(logs.WithEventId(StoppedWithTasksRunningEvent));
        Assert.Equal(CooperativeTasks, server.GetQueueSize(ShutdownWorkers.Cooperative));

        // The grace period is honoured (nothing was cut short) and the host returns within it
        // plus its last wait for the reports of cancelled tasks.
        Assert.True(stopTook >= GracePeriod, $"stopping took {stopTook.TotalSeconds:F2} s, less than the grace period: tasks were cut short");
        Assert.True(stopTook <= GracePeriod + LastWait + Margin, $"stopping took {stopTook.TotalSeconds:F2} s, more than grace period + last wait + margin ({(GracePeriod + LastWait + Margin).TotalSeconds} s)");

        output.WriteLine($"grace period {GracePeriod.TotalSeconds} s; StopAsync returned after {stopTook.TotalSeconds:F2} s (bound {(GracePeriod + LastWait + Margin).TotalSeconds} s)");
        output.WriteLine($"quick: {QuickTasks} COMPLETED; cooperative: {CooperativeTasks} FAILED and re-queued; stubborn: {StubbornTasks} left IN_PROGRESS for the server's response timeout");
        output.WriteLine($"errors logged: {logs.Entries.Count(entry => entry.Level >= LogLevel.Error)}");

        // A stubborn worker that finishes after its host has gone neither crashes the process nor
        // reaches the server.
        await Task.Delay(ShutdownWorkers.StubbornWork - stopTook + TimeSpan.FromSeconds(1));
        foreach (var task in stubborn.Select(id => server.GetTask(id)!))
        {
            Assert.Equal(TaskExecutionStatus.InProgress, task.Status);
        }
    }

    private static List<string> Enqueue(ConductorTestServer server, string taskType, int count) =>
        [.. Enumerable.Range(1, count).Select(n => server.EnqueueTask(taskType, new JsonObject { ["n"] = n }).TaskId)];
}
