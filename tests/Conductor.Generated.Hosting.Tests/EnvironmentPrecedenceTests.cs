using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Conductor.Generated.Hosting.Tests.Infrastructure.TestHosts;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>These tests set process environment variables, so nothing else runs beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialProcessEnvironment
{
    public const string Name = "process environment";
}

/// <summary>
/// The documented precedence with the CONDUCTOR_* environment variables. Connection settings:
/// code, then configuration, then CONDUCTOR_SERVER_URL / CONDUCTOR_AUTH_*. Per-worker settings:
/// the attribute, then configuration, then code, then CONDUCTOR_WORKER_* (the operator's lever,
/// as in the runtime without a host).
/// </summary>
[Collection(SerialProcessEnvironment.Name)]
public sealed class EnvironmentPrecedenceTests
{
    [Fact]
    public async Task CONDUCTOR_SERVER_URL_is_used_when_neither_code_nor_configuration_sets_a_server()
    {
        await using var server = await StartServerAsync("hosting_greet");
        using var variable = new EnvironmentVariable("CONDUCTOR_SERVER_URL", server.ApiUrl.AbsoluteUri);

        var run = await RunGreetAsync(server, CreateBuilder());

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
    }

    [Fact]
    public async Task Configuration_wins_over_CONDUCTOR_SERVER_URL()
    {
        await using var server = await StartServerAsync("hosting_greet");
        using var variable = new EnvironmentVariable("CONDUCTOR_SERVER_URL", UnreachableServerUrl().AbsoluteUri);

        var run = await RunGreetAsync(server, CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri)]));

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
    }

    [Fact]
    public async Task Code_wins_over_configuration_and_CONDUCTOR_SERVER_URL()
    {
        await using var server = await StartServerAsync("hosting_greet");
        using var variable = new EnvironmentVariable("CONDUCTOR_SERVER_URL", UnreachableServerUrl().AbsoluteUri);

        var run = await RunGreetAsync(
            server,
            CreateBuilder([new("Conductor:ServerUrl", UnreachableServerUrl().AbsoluteUri)]),
            options => options.ServerUrl = server.ApiUrl);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
    }

    [Fact]
    public async Task The_host_configuration_reads_Conductor__ServerUrl_from_the_environment_too()
    {
        await using var server = await StartServerAsync("hosting_greet");
        using var variable = new EnvironmentVariable("Conductor__ServerUrl", server.ApiUrl.AbsoluteUri);

        var run = await RunGreetAsync(server, CreateBuilder());

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
    }

    [Fact]
    public async Task Per_worker_settings_go_attribute_then_configuration_then_code_then_CONDUCTOR_WORKER_variables()
    {
        await using var server = await StartServerAsync("hosting_greet", "hosting_scoped");
        // hosting_scoped has Concurrency = 4 in its attribute; hosting_greet has the default 1.
        using var allWorkers = new EnvironmentVariable("CONDUCTOR_WORKER_ALL_POLL_TIMEOUT", "300");
        using var greetConcurrency = new EnvironmentVariable("CONDUCTOR_WORKER_HOSTING_GREET_THREAD_COUNT", "7");
        var builder = CreateBuilder(
        [
            new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri),
            new("Conductor:Workers:hosting_greet:Concurrency", "3"),
            new("Conductor:Workers:hosting_greet:PollInterval", "00:00:00.040"),
            new("Conductor:Workers:hosting_scoped:Concurrency", "2"),
            new("Conductor:Workers:hosting_scoped:PollTimeout", "00:00:00.100"),
        ]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers(
            [ConductorWorkers.Greet, ConductorWorkers.UseScopedResource],
            options => options.WorkerSettingsOverrides["hosting_scoped"] = options.WorkerSettingsOverrides["hosting_scoped"] with { Concurrency = 5 });
        using var host = builder.Build();

        await host.StartAsync();
        var settings = host.Services.GetRequiredService<ConductorWorkerHost>().GetWorkerStatuses().ToDictionary(status => status.TaskName, status => status.Settings);
        await host.StopAsync();

        // Configuration over the attribute; the per-worker variable over configuration.
        Assert.Equal(7, settings["hosting_greet"].Concurrency);
        Assert.Equal(TimeSpan.FromMilliseconds(40), settings["hosting_greet"].PollInterval);
        // Code over configuration.
        Assert.Equal(5, settings["hosting_scoped"].Concurrency);
        // The all-workers variable over configuration and the defaults.
        Assert.Equal(TimeSpan.FromMilliseconds(300), settings["hosting_greet"].PollTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(300), settings["hosting_scoped"].PollTimeout);
    }

    private static async Task<TaskExecution> RunGreetAsync(
        ConductorTestServer server, Microsoft.Extensions.Hosting.HostApplicationBuilder builder, Action<ConductorWorkerOptions>? configure = null)
    {
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.Greet], configure);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            return await RunTaskAsync(server, "hosting_greet", new JsonObject { ["name"] = "Ada" });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Sets a process environment variable for the test's duration.</summary>
    private sealed class EnvironmentVariable : IDisposable
    {
        private readonly string _name;
        private readonly string? _previous;

        public EnvironmentVariable(string name, string value)
        {
            _name = name;
            _previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
    }
}
