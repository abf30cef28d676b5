using System.Diagnostics;
using Conductor.Generated.LoadHarness.Processes;
using Conductor.Generated.LoadHarness.Report;
using Conductor.Generated.LoadHarness.Server;
using Conductor.Generated.Testing;

namespace Conductor.Generated.LoadHarness.Sections;

/// <summary>
/// Throughput and latency of each client against the same server, run after run with the order
/// of the clients rotated: a warm-up, a saturating batch (every task queued at once), then low
/// load (one task at a time, the next a few milliseconds after the last completed). Each client
/// is its own process and gets a fresh server; latencies come from the server's own events.
/// </summary>
internal sealed class ThroughputSection(HarnessOptions options, ClientFiles files)
{
    private const string TaskType = "load_noop";

    /// <summary>The shortest warm-up round of the steady view that can count as quiet.</summary>
    private static readonly TimeSpan MinimumQuietRound = TimeSpan.FromMilliseconds(250);

    public async Task<List<MarkdownTable>> RunAsync()
    {
        if (options.Clients.Any(client => client.StartsWith("js", StringComparison.Ordinal)))
        {
            await NodeSetup.EnsureInstalledAsync(files.JavaScriptDirectory);
        }

        var clients = new Clients(files, options.Concurrency, options.PollTimeoutMs);
        var results = options.Clients.ToDictionary(client => client, _ => new List<RunResult>(), StringComparer.Ordinal);

        // The server runs in this process: the first run after start paid for compiling its code,
        // whichever client it was. One run of the first client warms it and is not counted.
        var warmup = await MeasureAsync(clients, options.Clients[0]);
        Console.WriteLine($"  warm-up  {options.Clients[0],-10} {warmup} (not counted)");

        for (var run = 0; run < options.Runs; run++)
        {
            // Alternate: each client goes first, in the middle and last in turn.
            var order = options.Clients.Skip(run % options.Clients.Count).Concat(options.Clients.Take(run % options.Clients.Count));
            foreach (var client in order)
            {
                var result = await MeasureAsync(clients, client);
                results[client].Add(result);
                Console.WriteLine($"  run {run + 1}/{options.Runs} {client,-10} {result}");
            }
        }

        return [Table(results)];
    }

    private async Task<RunResult> MeasureAsync(Clients clients, string client)
    {
        var recorder = new ServerEventRecorder();
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { LoggerFactory = recorder });
        var launch = clients.Launch(client, server.ApiUrl);
        await using var process = WorkerProcess.Start(launch with { Environment = options.WorkerEnvironment });
        await process.WaitForLineAsync("READY", TimeSpan.FromSeconds(60));
        var isDotNet = !client.StartsWith("js", StringComparison.Ordinal);

        Enqueue(server, options.WarmupTasks);
        await WaitAsync(recorder, options.WarmupTasks, client);
        var completedBefore = options.WarmupTasks;

        // The steady-state view: this process warms its own code until the JIT is quiet.
        var warmupRounds = 0;
        long lastRoundJitted = -1;
        var quietRounds = 0;
        while (options.Steady && isDotNet && warmupRounds < options.SteadyMaxRounds)
        {
            var roundBefore = await process.AskStatsAsync();
            var roundStarted = Stopwatch.GetTimestamp();
            Enqueue(server, options.SaturatingTasks);
            completedBefore += options.SaturatingTasks;
            await WaitAsync(recorder, completedBefore, client);
            warmupRounds++;
            lastRoundJitted = (await process.AskStatsAsync()).JittedMethods - roundBefore.JittedMethods;

            // Quiet: two rounds in a row, each long enough for the runtime to have promoted what
            // it runs (it waits 100 ms after any new tier-0 code before counting calls), each
            // compiled next to nothing.
            quietRounds = Stopwatch.GetElapsedTime(roundStarted) >= MinimumQuietRound && lastRoundJitted <= options.SteadyQuietMethods ? quietRounds + 1 : 0;
            if (quietRounds == 2)
            {
                break;
            }
        }

        var windowStart = DateTime.UtcNow;
        var harnessCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clientCpuBefore = process.CpuTime();
        var statsBefore = isDotNet ? await process.AskStatsAsync() : default;
        var batch = Enqueue(server, options.SaturatingTasks);
        await WaitAsync(recorder, completedBefore + options.SaturatingTasks, client);
        var clientCpu = process.CpuTime() - clientCpuBefore;
        var harnessCpu = Process.GetCurrentProcess().TotalProcessorTime - harnessCpuBefore;
        var statsAfter = isDotNet ? await process.AskStatsAsync() : default;
        var windowEnd = DateTime.UtcNow;
        var saturated = recorder.CompletedTimelines(batch);

        var lowLoadIds = new List<string>(options.LowLoadTasks);
        for (var index = 0; index < options.LowLoadTasks; index++)
        {
            lowLoadIds.Add(server.EnqueueTask(TaskType).TaskId);
            await WaitAsync(recorder, completedBefore + options.SaturatingTasks + index + 1, client);
            await Task.Delay(options.LowLoadInterval);
        }

        var lowLoad = recorder.CompletedTimelines(lowLoadIds);
        var completions = saturated.Select(timeline => timeline.Completed).Order().ToArray();
        var tenth = completions[completions.Length / 10];
        var ninetieth = completions[(completions.Length * 9 / 10) - 1];
        var firstHandout = saturated.Min(timeline => timeline.HandedOut);
        return new RunResult(
            SteadyTasksPerSecond: (completions.Length * 8 / 10) / Stopwatch.GetElapsedTime(tenth, ninetieth).TotalSeconds,
            OverallTasksPerSecond: completions.Length / Stopwatch.GetElapsedTime(firstHandout, completions[^1]).TotalSeconds,
            SaturatedP50Ms: Statistics.Percentile(Milliseconds(saturated, t => t.PollToCompletion), 50),
            SaturatedP99Ms: Statistics.Percentile(Milliseconds(saturated, t => t.PollToCompletion), 99),
            ClientCpuMicrosecondsPerTask: clientCpu.TotalMicroseconds / options.SaturatingTasks,
            ServerCpuMicrosecondsPerTask: harnessCpu.TotalMicroseconds / options.SaturatingTasks,
            AllocatedBytesPerTask: isDotNet ? (double)(statsAfter.AllocatedBytes - statsBefore.AllocatedBytes) / options.SaturatingTasks : double.NaN,
            LowLoadPollP50Ms: Statistics.Percentile(Milliseconds(lowLoad, t => t.PollToCompletion), 50),
            LowLoadPollP99Ms: Statistics.Percentile(Milliseconds(lowLoad, t => t.PollToCompletion), 99),
            LowLoadScheduleP50Ms: Statistics.Percentile(Milliseconds(lowLoad, t => t.ScheduleToCompletion), 50),
            LowLoadScheduleP99Ms: Statistics.Percentile(Milliseconds(lowLoad, t => t.ScheduleToCompletion), 99),
            JittedInWindow: statsAfter.JittedMethods - statsBefore.JittedMethods,
            JitMillisecondsInWindow: (statsAfter.JitMicroseconds - statsBefore.JitMicroseconds) / 1000.0,
            JittedBeforeWindow: statsBefore.JittedMethods,
            Window: $"{windowStart:HH:mm:ss.fff}–{windowEnd:HH:mm:ss.fff} UTC",
            WarmupRounds: warmupRounds,
            LastRoundJitted: lastRoundJitted);
    }

    private static List<string> Enqueue(ConductorTestServer server, int count)
    {
        var ids = new List<string>(count);
        for (var index = 0; index < count; index++)
        {
            ids.Add(server.EnqueueTask(TaskType).TaskId);
        }

        return ids;
    }

    private static async Task WaitAsync(ServerEventRecorder recorder, int completed, string client)
    {
        var timeout = TimeSpan.FromSeconds(120);
        try
        {
            await recorder.WhenCompleted(completed).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{client}: only {recorder.Completed} of {completed} tasks completed within {timeout}.");
        }
    }

    private static List<double> Milliseconds(List<TaskTimeline> timelines, Func<TaskTimeline, TimeSpan> span) =>
        [.. timelines.Select(timeline => span(timeline).TotalMilliseconds)];

    private MarkdownTable Table(Dictionary<string, List<RunResult>> results)
    {
        var table = new MarkdownTable(
            $"Throughput and latency, concurrency {options.Concurrency}, poll timeout {options.PollTimeoutMs} ms (medians of {options.Runs} runs)",
            "client",
            "tasks/s (10–90 %)",
            "tasks/s range over runs",
            "tasks/s (whole batch)",
            "saturated p50 / p99 ms",
            "low-load poll→done p50 / p99 ms",
            "low-load scheduled→done p50 / p99 ms",
            "client CPU µs/task",
            "server CPU µs/task",
            "client alloc B/task",
            "methods JIT-compiled in the measured batch");
        RunResult Median(string client) => RunResult.Median(results[client]);
        foreach (var client in options.Clients)
        {
            var median = Median(client);
            table.Add(
                client,
                MarkdownTable.Number(median.SteadyTasksPerSecond, "0"),
                $"{MarkdownTable.Number(results[client].Min(run => run.SteadyTasksPerSecond), "0")}–{MarkdownTable.Number(results[client].Max(run => run.SteadyTasksPerSecond), "0")}",
                MarkdownTable.Number(median.OverallTasksPerSecond, "0"),
                $"{MarkdownTable.Number(median.SaturatedP50Ms, "0.00")} / {MarkdownTable.Number(median.SaturatedP99Ms, "0.00")}",
                $"{MarkdownTable.Number(median.LowLoadPollP50Ms, "0.00")} / {MarkdownTable.Number(median.LowLoadPollP99Ms, "0.00")}",
                $"{MarkdownTable.Number(median.LowLoadScheduleP50Ms, "0.00")} / {MarkdownTable.Number(median.LowLoadScheduleP99Ms, "0.00")}",
                MarkdownTable.Number(median.ClientCpuMicrosecondsPerTask, "0"),
                MarkdownTable.Number(median.ServerCpuMicrosecondsPerTask, "0"),
                MarkdownTable.Number(median.AllocatedBytesPerTask, "0"),
                MarkdownTable.Number(Statistics.Median(results[client].Select(run => (double)run.JittedInWindow)), "0"));
        }

        table.Notes.Add(
            $"Workload: {options.WarmupTasks} warm-up tasks, then {options.SaturatingTasks} tasks queued at once (saturating), then {options.LowLoadTasks} tasks one at a time, "
            + $"each queued {options.LowLoadInterval.TotalMilliseconds:0} ms after the previous one completed (low load). Clients: "
            + string.Join("; ", options.Clients.Select(client => $"`{client}` = {Clients.Describe(client)}")) + "."
            + (options.WorkerEnvironment.Count == 0 ? "" : " Client environment: " + string.Join(", ", options.WorkerEnvironment.Select(pair => $"`{pair.Key}={pair.Value}`")) + ".")
            + (options.JitWorker is null ? "" : $" .NET clients run from `{Path.GetFileName(Path.GetDirectoryName(options.JitWorker))}/{Path.GetFileName(options.JitWorker)}` (`--jit-worker`), not the harness's own build."));
        table.Notes.Add("Before the runs, one run of the first client warms the server (this process) and is not counted.");
        table.Notes.Add(options.Steady
            ? $"Steady state: before its measured batch, each client process ran rounds of {options.SaturatingTasks} tasks until two rounds in a row (each of at least {MinimumQuietRound.TotalMilliseconds:0} ms) compiled at most {options.SteadyQuietMethods} methods (at most {options.SteadyMaxRounds} rounds; per run: "
                + string.Join("; ", options.Clients.Select(client => $"{client} " + string.Join(", ", results[client].Select(run => $"{run.WarmupRounds} ({run.LastRoundJitted})")))) + " rounds (methods compiled in the last)): "
                + "what a long-running worker process costs once its code has reached its final tier."
            : "Cold: each run is a fresh client process measured right after its warm-up tasks, so the measured batch includes the JIT's tiering of the client's hot code (see the JIT column); a long-running worker fleet does not pay that. `--steady` gives the steady-state view.");
        if (results.TryGetValue("runtime", out var runtimeRuns))
        {
            var runtime = RunResult.Median(runtimeRuns);
            foreach (var other in options.Clients.Where(client => client != "runtime"))
            {
                var theirs = Median(other);
                table.Notes.Add(
                    $"runtime / {other}: throughput (10–90 %) {MarkdownTable.Number(runtime.SteadyTasksPerSecond / theirs.SteadyTasksPerSecond, "0.00")}x, "
                    + $"client CPU per task {MarkdownTable.Number(runtime.ClientCpuMicrosecondsPerTask / theirs.ClientCpuMicrosecondsPerTask, "0.00")}x "
                    + $"(per run, in order: {string.Join(", ", runtimeRuns.Zip(results[other], (mine, their) => $"{mine.ClientCpuMicrosecondsPerTask:0}/{their.ClientCpuMicrosecondsPerTask:0} µs"))})");
            }
        }

        return table;
    }

    /// <summary>One run of one client.</summary>
    private sealed record RunResult(
        double SteadyTasksPerSecond,
        double OverallTasksPerSecond,
        double SaturatedP50Ms,
        double SaturatedP99Ms,
        double ClientCpuMicrosecondsPerTask,
        double ServerCpuMicrosecondsPerTask,
        double AllocatedBytesPerTask,
        double LowLoadPollP50Ms,
        double LowLoadPollP99Ms,
        double LowLoadScheduleP50Ms,
        double LowLoadScheduleP99Ms,
        long JittedInWindow = 0,
        double JitMillisecondsInWindow = 0,
        long JittedBeforeWindow = 0,
        string Window = "",
        int WarmupRounds = 0,
        long LastRoundJitted = -1)
    {
        public static RunResult Median(List<RunResult> runs) => new(
            Statistics.Median(runs.Select(run => run.SteadyTasksPerSecond)),
            Statistics.Median(runs.Select(run => run.OverallTasksPerSecond)),
            Statistics.Median(runs.Select(run => run.SaturatedP50Ms)),
            Statistics.Median(runs.Select(run => run.SaturatedP99Ms)),
            Statistics.Median(runs.Select(run => run.ClientCpuMicrosecondsPerTask)),
            Statistics.Median(runs.Select(run => run.ServerCpuMicrosecondsPerTask)),
            Statistics.Median(runs.Select(run => run.AllocatedBytesPerTask)),
            Statistics.Median(runs.Select(run => run.LowLoadPollP50Ms)),
            Statistics.Median(runs.Select(run => run.LowLoadPollP99Ms)),
            Statistics.Median(runs.Select(run => run.LowLoadScheduleP50Ms)),
            Statistics.Median(runs.Select(run => run.LowLoadScheduleP99Ms)));

        public override string ToString() =>
            $"{SteadyTasksPerSecond,7:0} tasks/s, saturated p50 {SaturatedP50Ms:0.00} ms, low-load p50 {LowLoadPollP50Ms:0.00} ms "
            + $"(scheduled→done {LowLoadScheduleP50Ms:0.00} ms), client CPU {ClientCpuMicrosecondsPerTask:0} µs/task, alloc {AllocatedBytesPerTask:0} B/task, "
            + $"JIT in the measured window {JittedInWindow} methods / {JitMillisecondsInWindow:0} ms ({JittedBeforeWindow} before it), window {Window}"
            + (WarmupRounds == 0 ? "" : $", after {WarmupRounds} warm-up rounds (the last compiled {LastRoundJitted} methods)");
    }
}
