using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using static Conductor.Generated.Hosting.Tests.Infrastructure.TestHosts;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>The workers' health check through the host's HealthCheckService.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task Unhealthy_before_the_host_starts_healthy_while_polling_and_unhealthy_once_stopped()
    {
        await using var server = await StartServerAsync("hosting_greet");
        using var host = BuildHost(server.ApiUrl);

        var beforeStart = await CheckAsync(host);
        await host.StartAsync();
        await EventuallyAsync(() => PolledOnce(host), "a first successful poll");
        var running = await CheckAsync(host);
        await host.StopAsync();
        var stopped = await CheckAsync(host);

        Assert.Equal(HealthStatus.Unhealthy, beforeStart.Status);
        Assert.Contains("not started", beforeStart.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, running.Status);
        Assert.Equal("polling", running.Data["hosting_greet"]);
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
        Assert.Contains("stopped", stopped.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Degraded_while_a_worker_is_paused()
    {
        await using var server = await StartServerAsync("hosting_greet");
        using var host = BuildHost(server.ApiUrl, [new("Conductor:Workers:hosting_greet:Paused", "true")]);

        await host.StartAsync();
        var paused = await CheckAsync(host);
        host.Services.GetRequiredService<ConductorWorkerHost>().Resume("hosting_greet");
        await EventuallyAsync(() => PolledOnce(host), "a first successful poll after resuming");
        var resumed = await CheckAsync(host);
        await host.StopAsync();

        Assert.Equal(HealthStatus.Degraded, paused.Status);
        Assert.Contains("paused: hosting_greet", paused.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, resumed.Status);
    }

    [Fact]
    public async Task Degraded_when_polls_have_just_started_failing_and_unhealthy_once_they_have_failed_for_the_threshold()
    {
        var unreachable = UnreachableServerUrl();
        using var host = BuildHost(unreachable, unhealthyAfter: TimeSpan.FromMilliseconds(500));
        var workerHost = host.Services.GetRequiredService<ConductorWorkerHost>();

        await host.StartAsync();
        await EventuallyAsync(() => workerHost.GetWorkerStatuses()[0].ConsecutivePollFailures > 0, "a failed poll");
        var since = workerHost.GetWorkerStatuses()[0].PollsFailingSince!.Value;
        var early = await CheckAsync(host);
        await EventuallyAsync(() => DateTimeOffset.UtcNow - since > TimeSpan.FromMilliseconds(600), "the threshold to pass");
        var late = await CheckAsync(host);
        await host.StopAsync();

        // The first check may come after the threshold on a slow machine; it is never healthy.
        Assert.NotEqual(HealthStatus.Healthy, early.Status);
        Assert.Equal(HealthStatus.Unhealthy, late.Status);
        Assert.Contains("hosting_greet", late.Description, StringComparison.Ordinal);
        Assert.StartsWith("polls failing for", (string)late.Data["hosting_greet"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_polls_stay_degraded_until_the_threshold()
    {
        using var host = BuildHost(UnreachableServerUrl(), unhealthyAfter: TimeSpan.FromHours(1));
        var workerHost = host.Services.GetRequiredService<ConductorWorkerHost>();

        await host.StartAsync();
        await EventuallyAsync(() => workerHost.GetWorkerStatuses()[0].ConsecutivePollFailures > 0, "a failed poll");
        var report = await CheckAsync(host);
        await host.StopAsync();

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("polls failing for: hosting_greet", report.Description, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Uri serverUrl, IEnumerable<KeyValuePair<string, string?>>? configuration = null, TimeSpan? unhealthyAfter = null)
    {
        var builder = CreateBuilder([new("Conductor:ServerUrl", serverUrl.AbsoluteUri), .. configuration ?? []]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        builder.Services.AddHealthChecks().AddConductorWorkersHealthCheck(options => options.UnhealthyAfter = unhealthyAfter ?? TimeSpan.FromMinutes(1));
        return builder.Build();
    }

    private static bool PolledOnce(IHost host) =>
        host.Services.GetRequiredService<ConductorWorkerHost>().GetWorkerStatuses() is [{ LastPollSucceededAt: not null }];

    private static async Task<HealthReportEntry> CheckAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[ConductorWorkersHealthChecksBuilderExtensions.DefaultName];
    }
}
