namespace Conductor.Generated.Testing;

/// <summary>
/// A clock that moves only when told to: <see cref="Advance"/>, <see cref="AdvanceTo"/>, or a
/// <see cref="ConductorTestEnvironment"/> skipping time while it is idle. Give it to the
/// environment (<see cref="ConductorTestEnvironmentOptions.Clock"/>) and, for code of your own
/// that reads the time, to your services as their <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Timers created on it (<see cref="TimeProvider.CreateTimer"/>, <c>Task.Delay(delay, clock)</c>)
/// fire when the clock reaches their due time: on the thread that moves the clock, one after
/// another in order of due time, each seeing the clock at its own due time, as with
/// <c>FakeTimeProvider</c>. A timer due at once (a due time of zero) fires on the thread pool, as a
/// system timer does. Timestamps (<see cref="GetTimestamp"/>) count ticks of the virtual time, so
/// <see cref="TimeProvider.GetElapsedTime(long)"/> measures virtual time. Thread-safe.
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _scheduled = [];
    private long _nowTicks;
    private long _nextSequence;

    /// <summary>A clock that starts at the current UTC time, to the millisecond (Conductor's resolution).</summary>
    public VirtualClock()
        : this(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
    {
    }

    /// <summary>A clock that starts at <paramref name="start"/>: a fixed start gives the same timestamps on every run.</summary>
    public VirtualClock(DateTimeOffset start) => _nowTicks = start.UtcTicks;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Ticks of 100 ns: a timestamp is the virtual time's <see cref="DateTimeOffset.UtcTicks"/>.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    /// <inheritdoc/>
    public override long GetTimestamp() => Volatile.Read(ref _nowTicks);

    /// <summary>When the earliest timer on this clock is due; null when none is.</summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            lock (_gate)
            {
                return Earliest(long.MaxValue) is { } timer ? new DateTimeOffset(timer.DueTicks, TimeSpan.Zero) : null;
            }
        }
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing the timers due on the way in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative: the clock never goes back.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            target = _nowTicks + delta.Ticks;
        }

        Run(target);
    }

    /// <summary>Moves the clock forward to <paramref name="time"/>, firing the timers due on the way in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is earlier than the clock: the clock never goes back.</exception>
    public void AdvanceTo(DateTimeOffset time)
    {
        var now = GetUtcNow();
        if (time < now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"The clock is at {now:O} and never goes back.");
        }

        Run(time.UtcTicks);
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Sets the time to <paramref name="ticks"/> if that is later, without firing timers (see <see cref="FireDueTimers"/>).</summary>
    internal void MoveTo(long ticks)
    {
        lock (_gate)
        {
            if (ticks > _nowTicks)
            {
                Volatile.Write(ref _nowTicks, ticks);
            }
        }
    }

    /// <summary>Fires the timers due at or before the current time, in order.</summary>
    internal void FireDueTimers() => Run(long.MinValue);

    /// <summary>
    /// Fires, one at a time and outside the lock, every timer due at or before
    /// <paramref name="targetTicks"/> (or the current time, when later), setting the clock to each
    /// one's due time first; then sets the clock to the target.
    /// </summary>
    private void Run(long targetTicks)
    {
        while (true)
        {
            VirtualTimer? due;
            lock (_gate)
            {
                var limit = Math.Max(targetTicks, _nowTicks);
                due = Earliest(limit);
                if (due is null)
                {
                    Volatile.Write(ref _nowTicks, limit);
                    return;
                }

                if (due.DueTicks > _nowTicks)
                {
                    Volatile.Write(ref _nowTicks, due.DueTicks);
                }

                Reschedule(due);
            }

            due.Fire();
        }
    }

    /// <summary>The scheduled timer with the earliest due time (then the earliest scheduled) at or before <paramref name="limitTicks"/>.</summary>
    private VirtualTimer? Earliest(long limitTicks)
    {
        VirtualTimer? earliest = null;
        foreach (var timer in _scheduled)
        {
            if (timer.DueTicks <= limitTicks
                && (earliest is null || timer.DueTicks < earliest.DueTicks || (timer.DueTicks == earliest.DueTicks && timer.Sequence < earliest.Sequence)))
            {
                earliest = timer;
            }
        }

        return earliest;
    }

    /// <summary>After a timer fired: a one-shot timer is done; a periodic one is due a period later (once, if the clock jumped past several periods).</summary>
    private void Reschedule(VirtualTimer timer)
    {
        if (timer.PeriodTicks <= 0)
        {
            _scheduled.Remove(timer);
            return;
        }

        var next = timer.DueTicks + timer.PeriodTicks;
        if (next <= _nowTicks)
        {
            next += ((_nowTicks - next) / timer.PeriodTicks + 1) * timer.PeriodTicks;
        }

        timer.DueTicks = next;
        timer.Sequence = _nextSequence++;
    }

    /// <summary>Under the clock's lock: (re)schedules or stops a timer; true when it is due now.</summary>
    private bool Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _scheduled.Remove(timer);
            if (timer.IsDisposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                return false;
            }

            timer.DueTicks = _nowTicks + dueTime.Ticks;
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            timer.Sequence = _nextSequence++;
            if (dueTime > TimeSpan.Zero)
            {
                _scheduled.Add(timer);
                return false;
            }

            // Due at once: fired on the thread pool below, periodic ones scheduled for later.
            if (timer.PeriodTicks > 0)
            {
                timer.DueTicks = _nowTicks + timer.PeriodTicks;
                _scheduled.Add(timer);
            }

            return true;
        }
    }

    private void Unschedule(VirtualTimer timer)
    {
        lock (_gate)
        {
            timer.IsDisposed = true;
            _scheduled.Remove(timer);
        }
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long DueTicks { get; set; }

        public long PeriodTicks { get; set; }

        public long Sequence { get; set; }

        public bool IsDisposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ThrowIfInvalid(dueTime, nameof(dueTime));
            ThrowIfInvalid(period, nameof(period));
            if (IsDisposed)
            {
                return false;
            }

            if (clock.Schedule(this, dueTime, period))
            {
                ThreadPool.QueueUserWorkItem(static timer => timer.Fire(), this, preferLocal: false);
            }

            return true;
        }

        public void Fire()
        {
            if (!IsDisposed)
            {
                callback(state);
            }
        }

        public void Dispose() => clock.Unschedule(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static void ThrowIfInvalid(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(name, value, "A timer's due time and period are zero or more, or Timeout.InfiniteTimeSpan.");
            }
        }
    }
}
