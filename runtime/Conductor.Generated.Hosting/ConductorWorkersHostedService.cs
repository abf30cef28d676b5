using Microsoft.Extensions.Hosting;

namespace Conductor.Generated.Hosting;

/// <summary>
/// Starts the <see cref="ConductorWorkerHost"/> with the application host and stops it gracefully
/// with it. Stopping ends when every task in flight has been reported, or when the shorter of
/// <see cref="ConductorWorkerOptions.ShutdownGracePeriod"/> and the host's shutdown timeout
/// (<c>HostOptions.ShutdownTimeout</c>, which cancels the token given to
/// <see cref="StopAsync"/>) is over: running tasks are then cancelled and reported <c>FAILED</c>,
/// which takes a few seconds more at most.
/// </summary>
internal sealed class ConductorWorkersHostedService(ConductorWorkerHost workerHost, ConductorWorkerRegistry registry, IServiceProvider services)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ServiceDependencyCheck.ThrowIfAnyMissing(services, registry.Workers);
        return workerHost.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => workerHost.StopAsync(cancellationToken);
}
