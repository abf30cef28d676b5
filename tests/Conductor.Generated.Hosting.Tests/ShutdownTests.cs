using System.Diagnostics;
using Conductor.Generated.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Conductor.Generated.Hosting.Tests.Infrastructure.TestHosts;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>Stopping the host stops the workers: tasks in flight get the grace period, then are cancelled.</summary>
public sealed class ShutdownTests
{
    /// <summary>One tick of the timers behind the grace period, which may end that much early by a stopwatch.</summary>
    private static readonly TimeSpan TimerTolerance = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_task_that_finishes_within_the_grace_period_is_reported_completed_and_the_host_stops_cleanly()
    {
        await using var server = await StartServerAsync("hosting_slow");
        var builder = CreateBuilder(
        [
            new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri),
            new("Conductor:ShutdownGracePeriod", "00:00:30"),
        ]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.WaitForRelease]);
        using var host = builder.Build();
        var gate = host.Services.GetRequiredService<SlowTaskGate>();
        var workerHost = host.Services.GetRequiredService<ConductorWorkerHost>();

        await host.StartAsync();
        var task = server.EnqueueTask("hosting_slow");
        await gate.Running.WaitAsync(TestTimeout);
        var stopping = host.StopAsync();
        await EventuallyAsync(() => workerHost.State == ConductorWorkerHostState.Stopping, "the workers stopping");
        Assert.False(stopping.IsCompleted, "the host waits for the task in flight");
        gate.Release();
        await stopping.WaitAsync(TestTimeout);

        Assert.Equal(ConductorWorkerHostState.Stopped, workerHost.State);
        var workflow = await server.WaitForWorkflowAsync(task.WorkflowInstanceId, TestTimeout);
        Assert.Equal(TaskExecutionStatus.Completed, workflow.Tasks[^1].Status);
        Assert.True((bool)workflow.Tasks[^1].OutputData["released"]!);
    }

    [Fact]
    public async Task A_task_still_running_after_the_grace_period_is_cancelled_reported_failed_and_the_host_stops_within_a_bound()
    {
        var gracePeriod = TimeSpan.FromSeconds(1);
        await using var server = await StartServerAsync("hosting_slow");
        var builder = CreateBuilder(
        [
            new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri),
            new("Conductor:ShutdownGracePeriod", gracePeriod.ToString()),
        ]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.WaitForRelease]);
        using var host = builder.Build();
        var gate = host.Services.GetRequiredService<SlowTaskGate>();

        await host.StartAsync();
        var task = server.EnqueueTask("hosting_slow");
        await gate.Running.WaitAsync(TestTimeout);
        var stopwatch = Stopwatch.StartNew();
        await host.StopAsync();
        stopwatch.Stop();

        var workflow = await server.WaitForWorkflowAsync(task.WorkflowInstanceId, TestTimeout);
        Assert.Equal(TaskExecutionStatus.Failed, workflow.Tasks[^1].Status);
        // Timers count whole milliseconds of a coarser clock than the stopwatch's, so a delay can end
        // a hair before the stopwatch reaches it (0.9996 s was seen for 1 s): allow one timer tick.
        Assert.True(stopwatch.Elapsed >= gracePeriod - TimerTolerance, $"the task had its grace period; stopped after {stopwatch.Elapsed}");
        // The grace period plus the runtime's few seconds to report the cancelled task, with room for a slow machine.
        Assert.True(stopwatch.Elapsed < gracePeriod + TimeSpan.FromSeconds(20), $"stopped after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task The_host_shutdown_timeout_ends_the_grace_period_when_it_is_shorter()
    {
        await using var server = await StartServerAsync("hosting_slow");
        var builder = CreateBuilder(
        [
            new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri),
            new("Conductor:ShutdownGracePeriod", "00:10:00"),
        ]);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.WaitForRelease]);
        using var host = builder.Build();
        var gate = host.Services.GetRequiredService<SlowTaskGate>();

        await host.StartAsync();
        var task = server.EnqueueTask("hosting_slow");
        await gate.Running.WaitAsync(TestTimeout);
        var stopwatch = Stopwatch.StartNew();
        await host.StopAsync();
        stopwatch.Stop();

        var workflow = await server.WaitForWorkflowAsync(task.WorkflowInstanceId, TestTimeout);
        Assert.Equal(TaskExecutionStatus.Failed, workflow.Tasks[^1].Status);
        // Ten minutes of grace were cut short by the host's one second.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"stopped after {stopwatch.Elapsed}");
    }
}
