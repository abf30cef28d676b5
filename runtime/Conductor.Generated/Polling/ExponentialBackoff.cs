namespace Conductor.Generated.Polling;

/// <summary>
/// Delays that double from an initial value up to a ceiling, each varied by ±20% so that many
/// workers failing at once do not retry in lockstep.
/// </summary>
internal sealed class ExponentialBackoff
{
    private const double JitterFraction = 0.2;

    private readonly TimeSpan _initialDelay;
    private readonly TimeSpan _maxDelay;
    private TimeSpan _nextDelay;

    public ExponentialBackoff(TimeSpan initialDelay, TimeSpan maxDelay)
    {
        _initialDelay = initialDelay;
        _maxDelay = maxDelay;
        _nextDelay = initialDelay;
    }

    /// <summary>The delay before the next attempt; each call doubles the one after it.</summary>
    public TimeSpan NextDelay()
    {
        var baseDelay = _nextDelay;
        _nextDelay = TimeSpan.FromTicks(Math.Min(_maxDelay.Ticks, baseDelay.Ticks * 2));
#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        var jitter = 1 + (((Random.Shared.NextDouble() * 2) - 1) * JitterFraction);
#pragma warning restore CA5394
        return TimeSpan.FromTicks(Math.Min(_maxDelay.Ticks, (long)(baseDelay.Ticks * jitter)));
    }

    /// <summary>Starts again from the initial delay, after a success.</summary>
    public void Reset() => _nextDelay = _initialDelay;
}
