using Conductor.Generated;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Conductor.Generated.Hosting;
using Conductor.Generated.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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

// Metrics go to a Prometheus scrape endpoint when Metrics:PrometheusPort is set (the Kubernetes
// deployment in deploy/ sets 9464; the queue depth, wait time and slot metrics there drive the
// autoscaler, see docs/scaling.md), on every interface ("+") unless Metrics:PrometheusHost says
// otherwise; else to the console every 30 s.
var prometheusPort = builder.Configuration.GetValue<int?>("Metrics:PrometheusPort");
var prometheusHost = builder.Configuration["Metrics:PrometheusHost"] ?? "+";
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("conductor-worker-service-sample"))
    .WithMetrics(metrics =>
    {
        metrics.AddMeter(ConductorDiagnostics.MeterName);
        if (prometheusPort is { } port)
        {
            // The exporter's Host must be a host name ("*" and "+" fail its URI check), and a
            // named host only answers requests addressed to that name: a scraper reaches the pod by
            // its IP. So its listener is given the wildcard prefix itself.
            metrics.AddPrometheusHttpListener(listener =>
            {
                listener.Port = port;
                listener.ConfigureHttpListener = (_, httpListener) =>
                {
                    httpListener.Prefixes.Clear();
                    httpListener.Prefixes.Add($"http://{prometheusHost}:{port}/");
                };
            });
        }
        else
        {
            metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 30_000);
        }
    })
    .WithTracing(tracing => tracing
        .AddSource(ConductorDiagnostics.ActivitySourceName)
        .AddConsoleExporter());

builder.Services.Configure<SampleOptions>(builder.Configuration.GetSection("Sample"));
builder.Services.PostConfigure<SampleOptions>(options => options.ExitWhenDone |= once);
builder.Services.AddHostedService<FulfilmentRun>();

using var host = builder.Build();

// The two timeouts a stop runs under (docs/scaling.md, "Scale-in"): the pod's
// terminationGracePeriodSeconds must be longer than the host's, and the host's longer than the
// workers' grace period plus the 5 s the runtime waits for the last reports.
var gracePeriod = host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value.ShutdownGracePeriod;
var shutdownTimeout = host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
Console.WriteLine($"Shutdown: the workers' grace period is {gracePeriod.TotalSeconds:0} s, the host's shutdown timeout {shutdownTimeout.TotalSeconds:0} s.");
if (prometheusPort is { } metricsPort)
{
    Console.WriteLine($"Metrics: Prometheus scrape endpoint at http://{prometheusHost}:{metricsPort}/metrics");
}

await host.RunAsync();
Console.WriteLine("Stopped.");
