using Conductor.Generated.Polling;

namespace Conductor.Generated.Tests.Runtime;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Delays_double_from_the_initial_delay_within_20_percent_jitter_up_to_the_ceiling()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.NextDelay().TotalMilliseconds).ToList();

        double[] expected = [100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000];
        for (var index = 0; index < expected.Length; index++)
        {
            Assert.InRange(delays[index], expected[index] * 0.8, Math.Min(expected[index] * 1.2, 10_000));
        }
    }

    [Fact]
    public void Reset_starts_again_from_the_initial_delay()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        for (var attempt = 0; attempt < 6; attempt++)
        {
            backoff.NextDelay();
        }

        backoff.Reset();

        Assert.InRange(backoff.NextDelay().TotalMilliseconds, 80, 120);
    }
}
