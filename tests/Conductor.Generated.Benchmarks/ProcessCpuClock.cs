using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace Conductor.Generated.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock that counts the CPU time of the whole process (every thread, the
/// garbage collector's included) instead of wall time. On a shared machine, time spent waiting
/// for a CPU that others are using then does not count, so figures vary much less with the
/// load; work done on other threads (the SDK path's <c>Task.Run</c>) still counts. Linux only.
/// </summary>
internal sealed partial class ProcessCpuClock : IClock
{
    private const int ClockProcessCpuTimeId = 2;

    public static ProcessCpuClock Instance { get; } = new();

    public string Title => "Process CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        if (ClockGetTime(ClockProcessCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
