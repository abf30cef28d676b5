using Microsoft.Extensions.Hosting;

namespace Conductor.Generated.Testing;

/// <summary>
/// Leaves Ctrl+C and SIGTERM to the host application. The default console lifetime would take
/// them over: it would stop only this server and keep the process from exiting.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
