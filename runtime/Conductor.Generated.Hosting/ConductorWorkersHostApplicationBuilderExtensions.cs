using Microsoft.Extensions.Hosting;

namespace Conductor.Generated.Hosting;

/// <summary>Registers Conductor workers on a host application builder.</summary>
public static class ConductorWorkersHostApplicationBuilderExtensions
{
    /// <summary>
    /// Runs <paramref name="workers"/> with the host, configured from the builder's
    /// <c>Conductor</c> configuration section and then <paramref name="configure"/>; see
    /// <see cref="ConductorWorkersServiceCollectionExtensions.AddConductorWorkers"/>.
    /// </summary>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder AddConductorWorkers<TBuilder>(
        this TBuilder builder, IEnumerable<WorkerDefinition> workers, Action<ConductorWorkerOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddConductorWorkers(workers, configure);
        return builder;
    }
}
