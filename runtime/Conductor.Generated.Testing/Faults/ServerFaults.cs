namespace Conductor.Generated.Testing;

/// <summary>
/// Faults the server injects into its answers, to test how clients cope with a flaky server:
/// errors, latency, dropped connections and bursts of 401. All are off until set, can be
/// changed while the server runs, and draw from one seeded random source, so the same requests
/// sent one after another meet the same faults every run.
/// </summary>
/// <remarks>
/// An <c>endpoint</c> is a method and a route as the server maps it, such as
/// <c>"POST /api/tasks"</c> or <c>"GET /api/tasks/poll/batch/{taskType}"</c>; a method and a
/// concrete path (<c>"GET /api/tasks/poll/batch/greet"</c>); or <c>"*"</c> for every request.
/// </remarks>
public sealed class ServerFaults
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _errorRates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TimeSpan> _latencies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (double Rate, DropMoment Moment)> _dropRates = new(StringComparer.OrdinalIgnoreCase);
    private Random _random;
    private int _unauthorizedToServe;
    private int _injectedErrors;
    private int _droppedConnections;
    private int _injectedUnauthorized;
    private int _delayedRequests;

    internal ServerFaults(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>How many requests were answered 500 by <see cref="SetErrorRate"/>.</summary>
    public int InjectedErrors => Volatile.Read(ref _injectedErrors);

    /// <summary>How many connections were aborted by <see cref="SetDropRate"/>.</summary>
    public int DroppedConnections => Volatile.Read(ref _droppedConnections);

    /// <summary>How many requests were answered 401 by <see cref="RejectNextRequests"/>.</summary>
    public int InjectedUnauthorized => Volatile.Read(ref _injectedUnauthorized);

    /// <summary>How many requests were held back by <see cref="SetLatency"/>.</summary>
    public int DelayedRequests => Volatile.Read(ref _delayedRequests);

    /// <summary>
    /// Answers this share of the endpoint's requests (0 to 1) with 500 and a body marked
    /// <c>"retryable": true</c>, as the real server answers transient storage trouble. The
    /// request is not handled. 0 turns it off.
    /// </summary>
    public void SetErrorRate(string endpoint, double rate)
    {
        CheckRate(rate);
        lock (_gate)
        {
            Set(_errorRates, Normalize(endpoint), rate, rate > 0);
        }
    }

    /// <summary>
    /// Holds every request to the endpoint back this long (real time) before handling it.
    /// <see cref="TimeSpan.Zero"/> turns it off.
    /// </summary>
    public void SetLatency(string endpoint, TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        lock (_gate)
        {
            Set(_latencies, Normalize(endpoint), latency, latency > TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Aborts the connection of this share of the endpoint's requests (0 to 1): the client sees
    /// the connection reset, with no answer. <paramref name="moment"/> says whether the server
    /// handled the request first. 0 turns it off.
    /// </summary>
    public void SetDropRate(string endpoint, double rate, DropMoment moment = DropMoment.BeforeHandling)
    {
        CheckRate(rate);
        lock (_gate)
        {
            Set(_dropRates, Normalize(endpoint), (rate, moment), rate > 0);
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests under <c>/api</c> (except
    /// <c>POST /api/token</c>) with 401 <c>EXPIRED_TOKEN</c>, as Orkes does when a token
    /// expires, whether or not authentication is on. 0 ends a burst still going.
    /// </summary>
    public void RejectNextRequests(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref _unauthorizedToServe, count);
    }

    /// <summary>Starts the random source again from <paramref name="seed"/>.</summary>
    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Turns every fault off (the counters stay).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _errorRates.Clear();
            _latencies.Clear();
            _dropRates.Clear();
        }

        Volatile.Write(ref _unauthorizedToServe, 0);
    }

    /// <summary>
    /// The faults one request meets. Each configured rule that applies draws once, in a fixed
    /// order, so a seeded sequence of requests meets the same faults every time.
    /// </summary>
    internal FaultPlan Plan(string method, string? routePattern, string path, bool canBeUnauthorized)
    {
        var plan = default(FaultPlan);
        lock (_gate)
        {
            if (_dropRates.Count > 0 && Find(_dropRates, method, routePattern, path) is { } drop && _random.NextDouble() < drop.Rate)
            {
                plan = plan with { Drop = drop.Moment };
            }

            if (_latencies.Count > 0 && Find(_latencies, method, routePattern, path) is { } latency)
            {
                plan = plan with { Latency = latency };
            }

            if (_errorRates.Count > 0 && Find(_errorRates, method, routePattern, path) is { } errorRate && _random.NextDouble() < errorRate)
            {
                plan = plan with { Error = true };
            }
        }

        if (canBeUnauthorized && TryTakeOne(ref _unauthorizedToServe))
        {
            plan = plan with { Unauthorized = true };
        }

        return plan;
    }

    internal void CountError() => Interlocked.Increment(ref _injectedErrors);

    internal void CountDrop() => Interlocked.Increment(ref _droppedConnections);

    internal void CountUnauthorized() => Interlocked.Increment(ref _injectedUnauthorized);

    internal void CountDelay() => Interlocked.Increment(ref _delayedRequests);

    private static bool TryTakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>The rule for this request: by route pattern, then by concrete path, then "*".</summary>
    private static T? Find<T>(Dictionary<string, T> rules, string method, string? routePattern, string path)
        where T : struct
    {
        if (routePattern is not null && rules.TryGetValue(method + " " + routePattern, out var byRoute))
        {
            return byRoute;
        }

        if (rules.TryGetValue(method + " " + path, out var byPath))
        {
            return byPath;
        }

        return rules.TryGetValue("*", out var any) ? any : null;
    }

    private static void Set<T>(Dictionary<string, T> rules, string endpoint, T value, bool isOn)
    {
        if (isOn)
        {
            rules[endpoint] = value;
        }
        else
        {
            rules.Remove(endpoint);
        }
    }

    /// <summary>"post  /api/tasks/" and "POST /api/tasks" name the same endpoint.</summary>
    internal static string Normalize(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var trimmed = endpoint.Trim();
        if (trimmed == "*")
        {
            return trimmed;
        }

        var parts = trimmed.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[1].StartsWith('/'))
        {
            throw new ArgumentException($"An endpoint is \"METHOD /path\" (such as \"POST /api/tasks\") or \"*\", not \"{endpoint}\".", nameof(endpoint));
        }

        var path = parts[1].Length > 1 ? parts[1].TrimEnd('/') : parts[1];
        return parts[0].ToUpperInvariant() + " " + path;
    }

    private static void CheckRate(double rate)
    {
        if (double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate is between 0 and 1.");
        }
    }
}

/// <summary>What happens to one request.</summary>
internal readonly record struct FaultPlan(DropMoment? Drop, TimeSpan Latency, bool Error, bool Unauthorized);
