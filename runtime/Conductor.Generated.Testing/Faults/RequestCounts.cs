using System.Collections.Concurrent;

namespace Conductor.Generated.Testing;

/// <summary>
/// How many requests reached each endpoint, counted before faults or token checks act on them,
/// so a test can check which routes a client called (did it fall back from update-v2, did it
/// stop retrying?). Endpoints are named as for <see cref="ServerFaults"/>.
/// </summary>
internal sealed class RequestCounts
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
    private int _total;

    public void Count(string method, string? routePattern, string path)
    {
        path = path.Length > 1 ? path.TrimEnd('/') : path;
        Interlocked.Increment(ref _total);
        if (routePattern is not null)
        {
            _counts.AddOrUpdate(method + " " + routePattern, 1, (_, count) => count + 1);
        }

        if (!string.Equals(routePattern, path, StringComparison.OrdinalIgnoreCase))
        {
            _counts.AddOrUpdate(method + " " + path, 1, (_, count) => count + 1);
        }
    }

    public int Get(string endpoint)
    {
        var key = ServerFaults.Normalize(endpoint);
        return key == "*" ? Volatile.Read(ref _total) : _counts.GetValueOrDefault(key);
    }
}
