namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>The kit's virtual clock on its own: it moves only when told, and fires timers in order.</summary>
public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_stands_still_until_advanced()
    {
        var clock = new VirtualClock(Start);
        var timestamp = clock.GetTimestamp();

        Assert.Equal(Start, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(Start.AddHours(1), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromHours(1), clock.GetElapsedTime(timestamp));
        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
    }

    [Fact]
    public void Timers_fire_in_order_of_due_time_each_seeing_its_own_time()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromMinutes(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        using var never = clock.CreateTimer(_ => fired.Add(("never", clock.GetUtcNow())), null, TimeSpan.FromHours(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal([("early", Start.AddMinutes(10)), ("late", Start.AddMinutes(30))], fired);
        Assert.Equal(Start.AddHours(1), clock.GetUtcNow());
        Assert.Equal(Start.AddHours(2), clock.NextTimerDue);
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_when_advanced()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(35));

        Assert.Equal([Start.AddSeconds(10), Start.AddSeconds(20), Start.AddSeconds(30)], fired);
        Assert.Equal(Start.AddSeconds(40), clock.NextTimerDue);
    }

    [Fact]
    public void A_changed_or_disposed_timer_fires_as_changed_or_not_at_all()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<string>();
        var moved = clock.CreateTimer(_ => fired.Add("moved"), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        var disposed = clock.CreateTimer(_ => fired.Add("disposed"), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        Assert.True(moved.Change(TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan));
        disposed.Dispose();
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["moved"], fired);
        Assert.False(disposed.Change(TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan));
        Assert.Null(clock.NextTimerDue);
    }

    [Fact]
    public async Task Task_Delay_on_the_clock_completes_when_the_clock_reaches_it()
    {
        var clock = new VirtualClock(Start);
        var delay = Task.Delay(TimeSpan.FromDays(1), clock);

        clock.Advance(TimeSpan.FromHours(23));
        Assert.False(delay.IsCompleted);
        clock.AdvanceTo(Start.AddDays(1));

        await delay;   // completed by the advance, on this thread
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void The_clock_never_goes_back()
    {
        var clock = new VirtualClock(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(Start.AddSeconds(-1)));
        Assert.Contains("never goes back", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void A_clock_started_without_a_time_starts_at_the_current_millisecond()
    {
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        var clock = new VirtualClock();

        Assert.InRange(clock.GetUtcNow(), before, DateTimeOffset.UtcNow);
        Assert.Equal(0, clock.GetUtcNow().Ticks % TimeSpan.TicksPerMillisecond);
    }
}
