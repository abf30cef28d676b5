namespace Conductor.Generated.Testing;

public sealed partial class ConductorTestServer
{
    /// <summary>
    /// The server's web page, <c>http://127.0.0.1:PORT/</c>: the workflows with their tasks on a
    /// timeline (input, output, reason, logs, attempts, worker), the queue sizes and the workers
    /// that polled, refreshed while it is open. No token is asked for it.
    /// </summary>
    public Uri PageUrl => new(ApiUrl, "/");
}
