using Conductor.Generated.Hosting.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// In the namespace of IHealthChecksBuilder, as health check packages do, so it is found after AddHealthChecks().
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the health check of the Conductor workers.</summary>
public static class ConductorWorkersHealthChecksBuilderExtensions
{
    /// <summary>The name the check is registered under unless another is given.</summary>
    public const string DefaultName = "conductor-workers";

    /// <summary>
    /// Adds a check of the workers registered with <c>AddConductorWorkers</c>: unhealthy (or
    /// <paramref name="failureStatus"/>) when the worker host is not running or a worker's polls
    /// have failed for <see cref="ConductorWorkersHealthCheckOptions.UnhealthyAfter"/>; degraded
    /// when a worker is paused or its polls have just started failing; healthy otherwise.
    /// </summary>
    /// <param name="builder">From <c>services.AddHealthChecks()</c>.</param>
    /// <param name="configure">Changes the thresholds.</param>
    /// <param name="name">The check's name; <see cref="DefaultName"/> by default.</param>
    /// <param name="failureStatus">What an unhealthy state is reported as; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>"ready"</c>).</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static IHealthChecksBuilder AddConductorWorkersHealthCheck(
        this IHealthChecksBuilder builder,
        Action<ConductorWorkersHealthCheckOptions>? configure = null,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ConductorWorkersHealthCheckOptions();
        configure?.Invoke(options);
        return builder.Add(new HealthCheckRegistration(
            name,
            services => new ConductorWorkersHealthCheck(
                services.GetService<Conductor.Generated.ConductorWorkerHost>()
                    ?? throw new InvalidOperationException("The Conductor workers health check needs the workers: call services.AddConductorWorkers(...) too."),
                options,
                services.GetService<TimeProvider>() ?? TimeProvider.System),
            failureStatus,
            tags));
    }
}
