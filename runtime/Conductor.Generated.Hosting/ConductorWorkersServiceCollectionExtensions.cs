using System.Diagnostics.Metrics;
using Conductor.Generated.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conductor.Generated.Hosting;

/// <summary>Registers Conductor workers to run as a hosted service of a .NET Generic Host.</summary>
public static class ConductorWorkersServiceCollectionExtensions
{
    /// <summary>
    /// Runs <paramref name="workers"/> (typically the generated <c>ConductorWorkers.All</c>) with
    /// the host: they start polling when the host starts and stop gracefully when it stops.
    /// Settings come from, strongest first: <paramref name="configure"/>, the <c>Conductor</c>
    /// configuration section, the <c>CONDUCTOR_*</c> environment variables, the defaults (for
    /// per-worker settings the <c>CONDUCTOR_WORKER_*</c> variables come first; see the hosting
    /// documentation). Each task runs in its own service scope of the application's container,
    /// logs go to the host's <see cref="ILoggerFactory"/> and metrics to its
    /// <see cref="IMeterFactory"/>. Before starting, the host checks that every service a worker
    /// takes is registered. Calling it again adds more workers to the same host.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="workers">The workers to run, one per task name.</param>
    /// <param name="configure">Sets options in code; runs after configuration is applied, so it wins.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddConductorWorkers(
        this IServiceCollection services, IEnumerable<WorkerDefinition> workers, Action<ConductorWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(workers);

        var registry = FindRegistry(services) ?? AddSharedServices(services);
        registry.Add(workers);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }

    private static ConductorWorkerRegistry? FindRegistry(IServiceCollection services) =>
        services
            .Where(descriptor => descriptor.ServiceType == typeof(ConductorWorkerRegistry) && !descriptor.IsKeyedService)
            .Select(descriptor => descriptor.ImplementationInstance)
            .OfType<ConductorWorkerRegistry>()
            .FirstOrDefault();

    /// <summary>What every call shares, registered by the first one.</summary>
    private static ConductorWorkerRegistry AddSharedServices(IServiceCollection services)
    {
        var registry = new ConductorWorkerRegistry();
        services.AddSingleton(registry);
        services.AddOptions();

        // Configuration is the layer under code: it is applied first, even before configure
        // actions the application registered ahead of this call.
        services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<ConductorWorkerOptions>>(
            provider => new ConfigureWorkerOptionsFromConfiguration(provider.GetService<IConfiguration>(), registry)));
        services.AddSingleton<IConfigureOptions<ConductorWorkerOptions>>(provider => new ConfigureOptions<ConductorWorkerOptions>(options =>
        {
            // A singleton's factory gets the root provider: each task's scope is created from it.
            options.Services = provider;
            options.MeterFactory ??= provider.GetService<IMeterFactory>();
        }));

        services.AddSingleton(provider => new ConductorWorkerHost(
            provider.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value,
            registry.Workers,
            provider.GetService<ILoggerFactory>()));
        services.AddSingleton<IHostedService>(provider => new ConductorWorkersHostedService(provider.GetRequiredService<ConductorWorkerHost>(), registry, provider));
        return registry;
    }
}
