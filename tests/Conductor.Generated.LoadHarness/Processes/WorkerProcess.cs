using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Conductor.Generated.LoadHarness.Processes;

/// <summary>
/// A client running as its own process: started, read line by line, measured from
/// <c>/proc</c> (CPU time, resident memory), asked for in-process statistics over stdin, and
/// stopped by closing stdin (killed when it does not exit in time).
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _errors = [];

    private WorkerProcess(Process process, long startedTimestamp)
    {
        _process = process;
        StartedTimestamp = startedTimestamp;
    }

    /// <summary>Stopwatch ticks taken just before the process was started.</summary>
    public long StartedTimestamp { get; }

    public int Id => _process.Id;

    public static WorkerProcess Start(ClientLaunch launch)
    {
        var startInfo = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The clients talk to the server they are given, nothing else.
        foreach (var variable in new[] { "CONDUCTOR_SERVER_URL", "CONDUCTOR_AUTH_KEY", "CONDUCTOR_AUTH_SECRET", "CI" })
        {
            startInfo.Environment.Remove(variable);
        }

        foreach (var (name, value) in launch.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var started = Stopwatch.GetTimestamp();
        process.Start();
        var worker = new WorkerProcess(process, started);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                worker._lines.Writer.TryWrite(data);
            }
            else
            {
                worker._lines.Writer.TryComplete();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                lock (worker._errors)
                {
                    worker._errors.Add(data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for a stdout line starting with <paramref name="prefix"/>; throws with the process's stderr when it exits or times out first.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(deadline.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (line.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Worker process {_process.StartInfo.FileName} printed no '{prefix}' line within {timeout}. stderr:\n{Errors()}");
        }

        throw new InvalidOperationException($"Worker process {_process.StartInfo.FileName} ended before printing '{prefix}'. stderr:\n{Errors()}");
    }

    /// <summary>Writes one command line to the process's stdin.</summary>
    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The process's own statistics (a .NET worker only): allocated bytes and collections.</summary>
    public async Task<InProcessStats> AskStatsAsync()
    {
        await SendLineAsync("stats");
        return InProcessStats.Parse(await WaitForLineAsync("STATS ", TimeSpan.FromSeconds(30)));
    }

    /// <summary>User plus system CPU time of the process so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resident set size in bytes, VmRSS of <c>/proc/PID/status</c>.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                using var deadline = new CancellationTokenSource(StopTimeout);
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private string Errors()
    {
        lock (_errors)
        {
            return string.Join('\n', _errors.TakeLast(40));
        }
    }
}

/// <summary>What a .NET worker process says about its own memory use.</summary>
/// <remarks>
/// <c>WorkItems</c> counts the thread pool's completed work items so far (0 from a worker that
/// does not report it); <c>JittedMethods</c> and <c>JitMicroseconds</c> the methods the JIT has
/// compiled so far (every tier: a method compiled again at a higher tier counts again) and the
/// time it took (0 in a Native AOT build).
/// </remarks>
internal readonly record struct InProcessStats(long AllocatedBytes, int Gen0, int Gen1, int Gen2, long WorkItems, long Heap, long Committed, long JittedMethods, long JitMicroseconds)
{
    public static InProcessStats Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(field => field.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new InProcessStats(fields["allocated"], (int)fields["gen0"], (int)fields["gen1"], (int)fields["gen2"], fields.GetValueOrDefault("workitems"), fields.GetValueOrDefault("heap"), fields.GetValueOrDefault("committed"), fields.GetValueOrDefault("jitted"), fields.GetValueOrDefault("jitus"));
    }
}
