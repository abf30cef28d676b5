using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Conductor.Generated.LoadHarness.Processes;
using Conductor.Generated.LoadHarness.Report;
using Conductor.Generated.LoadHarness.Server;
using Conductor.Generated.Testing;

namespace Conductor.Generated.LoadHarness.Sections;

/// <summary>
/// The quickstart's workers as a worker-only program, built for the JIT and published with
/// Native AOT: size on disk, time from process start to the first task handed to it,
/// resident memory sampled over thousands of tasks, and allocations per task in steady state.
/// </summary>
internal sealed class AotSection(HarnessOptions options, ClientFiles files)
{
    private static readonly string[] QuickstartTasks = ["greet", "charge_card", "send_receipt"];

    public async Task<List<MarkdownTable>> RunAsync()
    {
        var variants = new List<(string Name, string Binary)> { ("JIT", files.JitWorker) };
        if (File.Exists(files.AotWorker))
        {
            variants.Add(("Native AOT", files.AotWorker));
        }
        else
        {
            Console.WriteLine($"  no Native AOT worker at {files.AotWorker}: measuring the JIT build only (publish it first, see docs/performance.md)");
        }

        var startups = variants.ToDictionary(variant => variant.Name, _ => new List<(double FirstTask, double Ready)>(), StringComparer.Ordinal);
        for (var run = 0; run < options.StartupRuns; run++)
        {
            foreach (var variant in run % 2 == 0 ? variants : Enumerable.Reverse(variants))
            {
                var startup = await MeasureStartupAsync(variant.Binary);
                startups[variant.Name].Add(startup);
                Console.WriteLine($"  startup run {run + 1}/{options.StartupRuns} {variant.Name}: first task handed out after {startup.FirstTask:0.0} ms, READY after {startup.Ready:0.0} ms");
            }
        }

        var memories = new Dictionary<string, MemoryResult>(StringComparer.Ordinal);
        foreach (var variant in variants)
        {
            memories[variant.Name] = await MeasureMemoryAsync(variant.Binary);
            Console.WriteLine($"  memory {variant.Name}: {memories[variant.Name]}");
        }

        return [SummaryTable(variants, startups, memories), RssTable(memories), SizeTable()];
    }

    private static async Task<(double FirstTask, double Ready)> MeasureStartupAsync(string binary)
    {
        var recorder = new ServerEventRecorder();
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { LoggerFactory = recorder });
        var task = server.EnqueueTask("greet", new JsonObject { ["name"] = "startup", ["times"] = 1 });
        await using var process = WorkerProcess.Start(new ClientLaunch(binary, ["quickstart", "--server", server.ServerUrl]));
        await process.WaitForLineAsync("READY", TimeSpan.FromSeconds(60));
        var ready = Stopwatch.GetElapsedTime(process.StartedTimestamp).TotalMilliseconds;
        await recorder.WhenCompleted(1).WaitAsync(TimeSpan.FromSeconds(60));
        var handedOut = recorder.Find(task.TaskId)!.HandedOut;
        return (Stopwatch.GetElapsedTime(process.StartedTimestamp, handedOut).TotalMilliseconds, ready);
    }

    private async Task<MemoryResult> MeasureMemoryAsync(string binary)
    {
        var total = options.MemoryTasks;
        var recorder = new ServerEventRecorder();
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { LoggerFactory = recorder });
        await using var process = WorkerProcess.Start(new ClientLaunch(binary, ["quickstart", "--server", server.ServerUrl]));
        await process.WaitForLineAsync("READY", TimeSpan.FromSeconds(60));
        for (var index = 0; index < total; index++)
        {
            EnqueueQuickstartTask(server, index);
        }

        // Sample RSS as tasks complete; take the process's allocation counter once the first
        // fifth has warmed it up, and again at the end.
        var samples = new List<(int Completed, long Rss)>();
        var warmedUp = total / 5;
        InProcessStats? atWarmUp = null;
        var completedAtWarmUp = 0;
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 300);
        while (recorder.Completed < total)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Only {recorder.Completed} of {total} quickstart tasks completed in 300 s.");
            }

            samples.Add((recorder.Completed, process.ResidentBytes()));
            if (atWarmUp is null && recorder.Completed >= warmedUp)
            {
                atWarmUp = await process.AskStatsAsync();
                completedAtWarmUp = recorder.Completed;
            }

            await Task.Delay(100);
        }

        var atEnd = await process.AskStatsAsync();
        samples.Add((recorder.Completed, process.ResidentBytes()));
        atWarmUp ??= atEnd;
        var steadyTasks = Math.Max(1, recorder.Completed - completedAtWarmUp);
        return new MemoryResult(
            samples,
            (double)(atEnd.AllocatedBytes - atWarmUp.Value.AllocatedBytes) / steadyTasks,
            atEnd.Gen0 - atWarmUp.Value.Gen0,
            atEnd.Gen2 - atWarmUp.Value.Gen2,
            steadyTasks);
    }

    /// <summary>The three quickstart workers in turn, each with input its binder accepts.</summary>
    private static void EnqueueQuickstartTask(ConductorTestServer server, int index)
    {
        var orderId = "order-" + index.ToString(CultureInfo.InvariantCulture);
        switch (index % 3)
        {
            case 0:
                server.EnqueueTask("greet", new JsonObject { ["name"] = "Ada", ["times"] = 2 });
                break;
            case 1:
                server.EnqueueTask("charge_card", new JsonObject
                {
                    ["order"] = new JsonObject { ["orderId"] = orderId, ["amount"] = 12.5, ["currency"] = "EUR", ["email"] = "ada@example.com" },
                });
                break;
            default:
                server.EnqueueTask("send_receipt", new JsonObject
                {
                    ["email"] = "ada@example.com",
                    ["receipt"] = new JsonObject { ["chargeId"] = "ch_1", ["orderId"] = orderId, ["amount"] = 12.5, ["currency"] = "EUR" },
                    ["greeting"] = new JsonObject { ["message"] = "Hello Ada!" },
                });
                break;
        }
    }

    private MarkdownTable SummaryTable(
        List<(string Name, string Binary)> variants, Dictionary<string, List<(double FirstTask, double Ready)>> startups, Dictionary<string, MemoryResult> memories)
    {
        var table = new MarkdownTable(
            $"Quickstart workers, worker-only program: JIT against Native AOT (startup: median of {options.StartupRuns} runs)",
            "build",
            "process start → first task handed out, ms",
            "process start → READY, ms",
            $"RSS after {options.MemoryTasks} tasks, MB",
            "peak RSS, MB",
            "alloc B/task (steady)",
            "gen0 / gen2 GCs (steady)");
        foreach (var (name, _) in variants)
        {
            var memory = memories[name];
            table.Add(
                name,
                MarkdownTable.Number(Statistics.Median(startups[name].Select(startup => startup.FirstTask)), "0.0"),
                MarkdownTable.Number(Statistics.Median(startups[name].Select(startup => startup.Ready)), "0.0"),
                MarkdownTable.Number(memory.Samples[^1].Rss / 1048576.0, "0.0"),
                MarkdownTable.Number(memory.Samples.Max(sample => sample.Rss) / 1048576.0, "0.0"),
                MarkdownTable.Number(memory.AllocatedBytesPerTask, "0"),
                $"{memory.Gen0Collections} / {memory.Gen2Collections}");
        }

        table.Notes.Add(
            "First task: a `greet` task is queued before the process starts; the time runs from just before Process.Start to the moment the server hands that task "
            + "to the new process's first poll (the server's own event). Memory: "
            + $"{options.MemoryTasks} tasks queued at once, greet/charge_card/send_receipt in turn (charge_card waits 20 ms, concurrency 8); "
            + "RSS is VmRSS from /proc, sampled every 100 ms; allocations are GC.GetTotalAllocatedBytes(precise) read inside the process, "
            + "after the first fifth of the tasks and at the end, divided by the tasks completed in between.");
        return table;
    }

    private MarkdownTable RssTable(Dictionary<string, MemoryResult> memories)
    {
        var table = new MarkdownTable("Resident memory while the tasks complete (MB, sampled)", ["build", .. Fractions.Select(f => $"{f:P0} done")]);
        foreach (var (name, memory) in memories)
        {
            table.Add([name, .. Fractions.Select(fraction => MarkdownTable.Number(memory.RssAt((int)(fraction * options.MemoryTasks)) / 1048576.0, "0.0"))]);
        }

        return table;
    }

    private static readonly double[] Fractions = [0.1, 0.25, 0.5, 0.75, 1.0];

    private MarkdownTable SizeTable()
    {
        var table = new MarkdownTable("Size on disk", "program", "size", "what it needs");
        table.Add("worker only, JIT build (its own files)", Megabytes(DirectorySize(files.WorkerDirectory)), "the .NET 10 runtime installed");
        if (File.Exists(files.AotWorker))
        {
            table.Add("worker only, Native AOT", Megabytes(new FileInfo(files.AotWorker).Length), "nothing (self-contained)");
        }

        foreach (var (label, folder, name) in new[]
        {
            ("quickstart (embeds the test server), Native AOT", "Quickstart", "Quickstart"),
            ("test server, Native AOT", "conductor-test-server", "conductor-test-server"),
        })
        {
            var path = files.PublishedFile(folder, name);
            table.Add(label, File.Exists(path) ? Megabytes(new FileInfo(path).Length) : "not published", "nothing (self-contained)");
        }

        return table;
    }

    private static long DirectorySize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.TopDirectoryOnly)
            .Where(file => file.Extension is ".dll" or ".json" || file.Name == ClientFiles.WorkerAssemblyName)
            .Sum(file => file.Length);

    private static string Megabytes(long bytes) => MarkdownTable.Number(bytes / 1048576.0, "0.00") + " MB";

    private sealed record MemoryResult(List<(int Completed, long Rss)> Samples, double AllocatedBytesPerTask, int Gen0Collections, int Gen2Collections, int SteadyTasks)
    {
        public long RssAt(int completed) => Samples.FirstOrDefault(sample => sample.Completed >= completed, Samples[^1]).Rss;

        public override string ToString() =>
            $"RSS {Samples[^1].Rss / 1048576.0:0.0} MB at the end (peak {Samples.Max(sample => sample.Rss) / 1048576.0:0.0} MB), {AllocatedBytesPerTask:0} B/task over {SteadyTasks} tasks, gen0 {Gen0Collections}, gen2 {Gen2Collections}";
    }
}
