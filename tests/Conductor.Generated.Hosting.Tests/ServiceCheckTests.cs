using Microsoft.Extensions.DependencyInjection;
using static Conductor.Generated.Hosting.Tests.Infrastructure.TestHosts;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>A worker whose service is not registered stops the host from starting, with a message that says what to register.</summary>
public sealed class ServiceCheckTests
{
    [Fact]
    public async Task A_missing_service_fails_the_start_naming_worker_parameter_and_type()
    {
        await using var server = await StartServerAsync("hosting_greet", "hosting_unregistered");
        var builder = CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri)]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.Greet, ConductorWorkers.NeedsUnregistered]);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("'hosting_unregistered'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'missingDependency'", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(IUnregisteredService).FullName!, error.Message, StringComparison.Ordinal);
        // Only what is missing is named.
        Assert.DoesNotContain("hosting_greet", error.Message, StringComparison.Ordinal);
        // Nothing polled: the check runs before the workers start.
        Assert.Equal(ConductorWorkerHostState.NotStarted, host.Services.GetRequiredService<ConductorWorkerHost>().State);
    }

    [Fact]
    public async Task Every_missing_service_is_named_at_once()
    {
        var builder = CreateBuilder([new("Conductor:ServerUrl", "http://127.0.0.1:1/api")]);
        builder.AddConductorWorkers([ConductorWorkers.Greet, ConductorWorkers.UseScopedResource, ConductorWorkers.NeedsUnregistered]);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains($"worker 'hosting_greet', parameter 'greeter': service {typeof(Greeter).FullName}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"worker 'hosting_scoped', parameter 'first': service {typeof(TaskScopedResource).FullName}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"worker 'hosting_scoped', parameter 'second': service {typeof(TaskScopedResource).FullName}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'missingDependency'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_keyed_service_fails_the_start_naming_its_key()
    {
        var builder = CreateBuilder([new("Conductor:ServerUrl", "http://127.0.0.1:1/api")]);
        // Registered without the key: the worker asks for the keyed one.
        builder.Services.AddSingleton(new Greeter("Hello"));
        builder.AddConductorWorkers([ConductorWorkers.GreetFormally]);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains($"worker 'hosting_keyed_greet', parameter 'greeter': service {typeof(Greeter).FullName} with key 'formal' is not registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_keyed_service_is_the_one_the_worker_gets()
    {
        await using var server = await StartServerAsync("hosting_keyed_greet");
        var builder = CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri)]);
        builder.Services.AddSingleton(new Greeter("Hello"));
        builder.Services.AddKeyedSingleton(HostedWorkers.FormalGreeterKey, new Greeter("Good day"));
        builder.AddConductorWorkers([ConductorWorkers.GreetFormally]);
        using var host = builder.Build();

        await host.StartAsync();
        var run = await RunTaskAsync(server, "hosting_keyed_greet", new System.Text.Json.Nodes.JsonObject { ["name"] = "Ada" });
        await host.StopAsync();

        Assert.Equal(Conductor.Generated.Testing.TaskExecutionStatus.Completed, run.Status);
        Assert.Equal("Good day, Ada!", (string?)run.OutputData["message"]);
    }
}
