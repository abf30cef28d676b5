using Conductor.Generated;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Conductor.Generated.Hosting;
using Conductor.Generated.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WorkerService;

// A worker service: the generated workers run as a hosted service of the Generic Host, take
// services from a scope of their own per task, are configured from appsettings.json (section
// "Conductor"), log through the host and export metrics and traces with OpenTelemetry. Ctrl+C or
// SIGTERM stops it gracefully. With --once it stops by itself after the sample's workflows ended.
//
// With Conductor:ServerUrl (or CONDUCTOR_SERVER_URL) set it uses that server; otherwise it starts
// the Conductor-compatible test server in this process.

var once = args.Contains("--once");
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [.. args.Where(argument => argument != "--once")],
    // appsettings.json is beside the binary, wherever it is started from.
    ContentRootPath = AppContext.BaseDirectory,
});

var configuredUrl = builder.Configuration["Conductor:ServerUrl"] ?? Environment.GetEnvironmentVariable(ConductorWorkerOptions.ServerUrlEnvironmentVariable);
await using var embeddedServer = string.IsNullOrWhiteSpace(configuredUrl) ? await ConductorTestServer.StartAsync() : null;
if (embeddedServer is not null)
{
    builder.Configuration["Conductor:ServerUrl"] = embeddedServer.ApiUrl.AbsoluteUri;
    Console.WriteLine($"Started the embedded Conductor test server at {embeddedServer.ApiUrl}");
}

var serverUrl = ConductorClient.NormalizeApiRoot(embeddedServer?.ApiUrl ?? new Uri(configuredUrl!));

// ConductorWorkers is generated from the [WorkerTask] methods in Workers.cs.
builder.AddConductorWorkers(ConductorWorkers.All);
builder.Services.AddHealthChecks().AddConductorWorkersHealthCheck();

// The services the workers take: a scoped ledger per task, and an HttpClient for the Conductor
// API from IHttpClientFactory, as a keyed service.
builder.Services.AddScoped<OrderLedger>();
builder.Services.AddSingleton<LedgerStatistics>();
builder.Services.AddHttpClient(FulfilmentWorkers.ConductorApiClient, client => client.BaseAddress = serverUrl).AddAsKeyed();

builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("conductor-worker-service-sample"))
    .WithMetrics(metrics => metrics
        .AddMeter(ConductorDiagnostics.MeterName)
        .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 30_000))
    .WithTracing(tracing => tracing
        .AddSource(ConductorDiagnostics.ActivitySourceName)
        .AddConsoleExporter());

builder.Services.Configure<SampleOptions>(builder.Configuration.GetSection("Sample"));
builder.Services.PostConfigure<SampleOptions>(options => options.ExitWhenDone |= once);
builder.Services.AddHostedService<FulfilmentRun>();

using var host = builder.Build();
await host.RunAsync();
Console.WriteLine("Stopped.");
