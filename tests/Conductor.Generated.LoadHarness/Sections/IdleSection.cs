using System.Diagnostics;
using Conductor.Generated.LoadHarness.Processes;
using Conductor.Generated.LoadHarness.Report;
using Conductor.Generated.Testing;

namespace Conductor.Generated.LoadHarness.Sections;

/// <summary>
/// What hundreds of worker types cost while their queues stay empty: requests per second to the
/// server and CPU time of the worker process, with long polls against polls that answer at once
/// and a fixed pause between them; and the requests of the first second, when every poll loop
/// starts together.
/// </summary>
internal sealed class IdleSection(HarnessOptions options, ClientFiles files)
{

    /// <summary>The poll settings compared: long polls (the default 1 s, and the 5 s the server allows) and a fixed-interval poller.</summary>
    private static readonly (string Name, int PollTimeoutMs, int PollIntervalMs)[] Pollers =
    [
        ("long poll 1 s (default)", 1000, 100),
        ("long poll 5 s", 5000, 100),
        ("fixed interval 100 ms, poll timeout 0", 0, 100),
    ];

    public async Task<List<MarkdownTable>> RunAsync()
    {
        var table = new MarkdownTable(
            $"Idle cost: worker types polling empty queues (steady window {options.IdleWindow.TotalSeconds:0} s after {options.IdleSettleTime.TotalSeconds:0} s)",
            "worker types",
            "build",
            "polling",
            "requests in the first second",
            "requests/s (steady)",
            "requests/s per worker type",
            "worker CPU ms per worker per minute",
            "worker CPU % of one core",
            "server CPU % of one core",
            "worker RSS MB");
        // The JIT build with every poll setting; the Native AOT build (when published) with the
        // default one, which shows what of the idle CPU is the JIT's own background work.
        var runs = Pollers.Select(poller => (Build: "JIT", Binary: files.JitWorker, Poller: poller)).ToList();
        if (File.Exists(files.AotWorker))
        {
            runs.Add(("Native AOT", files.AotWorker, Pollers[0]));
        }

        foreach (var types in options.IdleWorkerTypes)
        {
            foreach (var (build, binary, poller) in runs)
            {
                var result = await MeasureAsync(binary, types, poller.PollTimeoutMs, poller.PollIntervalMs);
                Console.WriteLine($"  {types} types, {build}, {poller.Name}: {result}");
                table.Add(
                    types.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    build,
                    poller.Name,
                    result.FirstSecondRequests.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    MarkdownTable.Number(result.RequestsPerSecond, "0.0"),
                    MarkdownTable.Number(result.RequestsPerSecond / types, "0.000"),
                    MarkdownTable.Number(result.WorkerCpuMsPerWorkerPerMinute, "0.00"),
                    MarkdownTable.Number(result.WorkerCpuPercent, "0.0"),
                    MarkdownTable.Number(result.ServerCpuPercent, "0.0"),
                    MarkdownTable.Number(result.ResidentMegabytes, "0"));
            }
        }

        table.Notes.Add(
            "Each worker type is a ConductorWorkerHost worker (concurrency 1) with the generated no-op invoker, all in one process; the server is the in-process test server. "
            + "`requests in the first second` counts every request the server received in the second that began with the first one: with long polls each worker type "
            + "sends one poll and waits, so it stays at about the number of worker types (no storm); CPU from /proc (utime+stime) over the steady window.");
        return [table];
    }

    private async Task<IdleResult> MeasureAsync(string binary, int types, int pollTimeoutMs, int pollIntervalMs)
    {
        await using var server = await ConductorTestServer.StartAsync();
        var launch = new ClientLaunch(
            binary,
            ["idle", "--server", server.ServerUrl, "--types", types.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--poll-timeout-ms", pollTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--poll-interval-ms", pollIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await using var process = WorkerProcess.Start(launch);

        // The first second counts from the first request, not from the process start, so a
        // slow start (the JIT, a busy machine) does not push the burst out of the window.
        var firstRequestDeadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (server.GetRequestCount("*") == 0 && Stopwatch.GetTimestamp() < firstRequestDeadline)
        {
            await Task.Delay(1);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var firstSecond = server.GetRequestCount("*");
        await process.WaitForLineAsync("READY", TimeSpan.FromSeconds(60));
        await DelayUntilAsync(process.StartedTimestamp, options.IdleSettleTime);

        var requestsBefore = server.GetRequestCount("*");
        var workerCpuBefore = process.CpuTime();
        var serverCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(options.IdleWindow);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var requests = server.GetRequestCount("*") - requestsBefore;
        var workerCpu = process.CpuTime() - workerCpuBefore;
        var serverCpu = Process.GetCurrentProcess().TotalProcessorTime - serverCpuBefore;
        return new IdleResult(
            firstSecond,
            requests / elapsed.TotalSeconds,
            workerCpu.TotalMilliseconds / types / elapsed.TotalMinutes,
            100 * workerCpu / elapsed,
            100 * serverCpu / elapsed,
            process.ResidentBytes() / 1048576.0);
    }

    private static async Task DelayUntilAsync(long startTimestamp, TimeSpan offset)
    {
        var remaining = offset - Stopwatch.GetElapsedTime(startTimestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }

    private sealed record IdleResult(
        int FirstSecondRequests, double RequestsPerSecond, double WorkerCpuMsPerWorkerPerMinute, double WorkerCpuPercent, double ServerCpuPercent, double ResidentMegabytes);
}
