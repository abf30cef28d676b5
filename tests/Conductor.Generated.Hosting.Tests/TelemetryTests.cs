using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Conductor.Generated.Diagnostics;
using Conductor.Generated.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Conductor.Generated.Hosting.Tests.Infrastructure.TestHosts;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>Logs go through the host's logger factory and metrics through its meter factory.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task The_runtime_logs_through_the_host_logger_factory()
    {
        var logs = new CapturedLogs();
        await using var server = await StartServerAsync("hosting_greet");
        var builder = CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri), new("Conductor:WorkerId", "logged-worker")], logs);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Contains(logs.Entries, entry => entry.Category == "Conductor.Generated.Worker"
            && entry.Level == LogLevel.Information
            && entry.Message.Contains("as worker 'logged-worker'", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Category == "Conductor.Generated.Worker" && entry.Message == "Conductor workers stopped");
    }

    [Fact]
    public async Task Metrics_are_recorded_into_a_meter_of_the_host_meter_factory()
    {
        await using var server = await StartServerAsync("hosting_greet");
        var builder = CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri)]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        var started = new ConcurrentQueue<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            // Only this host's meter: other tests' hosts record into meters of their own.
            if (instrument.Meter.Name == ConductorDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && instrument.Name == "task_execution_started_total")
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => started.Enqueue(value));
        listener.Start();

        await host.StartAsync();
        await RunTaskAsync(server, "hosting_greet", new JsonObject { ["name"] = "Ada" });
        await RunTaskAsync(server, "hosting_greet", new JsonObject { ["name"] = "Grace" });
        await host.StopAsync();

        Assert.Equal(2, started.Sum());
    }
}
