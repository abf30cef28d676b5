namespace Conductor.Generated.Interop.Tests.JavaScriptWorker;

/// <summary>
/// The SDK reads CONDUCTOR_SERVER_URL (and keys, proxies, TLS settings) from the environment
/// before its own configuration; a developer's settings must not redirect the test's node
/// processes away from the test server.
/// </summary>
internal static class ConductorEnvironment
{
    public static void RemoveSettings(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(name => name.StartsWith("CONDUCTOR_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(name);
        }
    }
}
