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
}
