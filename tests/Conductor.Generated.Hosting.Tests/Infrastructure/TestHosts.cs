using Conductor.Generated.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Hosting.Tests.Infrastructure;

/// <summary>Real Generic Hosts for the tests, built as an application would build one.</summary>
internal static class TestHosts
{
    /// <summary>Generous: the machine is slow and shared.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A <see cref="Host.CreateApplicationBuilder()"/> with its usual sources (environment
    /// variables included) plus <paramref name="configuration"/> in memory, logging to
    /// <paramref name="logs"/> only.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(IEnumerable<KeyValuePair<string, string?>>? configuration = null, CapturedLogs? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        // Stopping in a test must not wait for the default 30 seconds of grace.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>The services every hosted worker of <see cref="HostedWorkers"/> takes.</summary>
    public static IServiceCollection AddTestWorkerServices(this IServiceCollection services)
    {
        services.AddSingleton(new Greeter("Hello"));
        services.AddSingleton<ResourceTracker>();
        services.AddScoped<TaskScopedResource>();
        services.AddSingleton<SlowTaskGate>();
        return services;
    }

    /// <summary>Starts a test server with a fast, retry-free task definition for each of <paramref name="taskNames"/>.</summary>
    public static async Task<ConductorTestServer> StartServerAsync(params string[] taskNames)
    {
        var server = await ConductorTestServer.StartAsync();
        server.RegisterTaskDefs([.. taskNames.Select(ConductorTestEnvironment.CreateTaskDef)]);
        return server;
    }

    /// <summary>Schedules one task and waits for it to end.</summary>
    public static async Task<TaskExecution> RunTaskAsync(ConductorTestServer server, string taskName, System.Text.Json.Nodes.JsonObject? input = null)
    {
        var scheduled = server.EnqueueTask(taskName, input);
        var workflow = await server.WaitForWorkflowAsync(scheduled.WorkflowInstanceId, TestTimeout);
        return workflow.Tasks[^1];
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> after <see cref="TestTimeout"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>An http URL on 127.0.0.1 where nothing listens: connections are refused.</summary>
    public static Uri UnreachableServerUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/api");
    }
}
