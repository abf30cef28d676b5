using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Conductor.Generated.LoadHarness.Processes;
using Conductor.Generated.LoadHarness.Report;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.LoadHarness.Sections;

/// <summary>
/// Memory of a worker process around a burst of tasks with large inputs: resident memory and the
/// managed heap before, at the peak, right after the last result and while idle afterwards, for
/// each garbage collector setting a deployment might use. The server is a Kestrel stand-in in
/// this process that hands out one shared input body, so that only the worker is measured.
/// </summary>
internal sealed class BurstSection(HarnessOptions options, ClientFiles files)
{
    private const string TaskType = "burst_large_input";

    /// <summary>The GC settings compared, as the environment variables of the worker process.</summary>
    private static readonly (string Name, Dictionary<string, string> Environment)[] Collectors =
    [
        ("workstation GC (console default)", new(StringComparer.Ordinal)),
        ("Server GC (web SDK default)", new(StringComparer.Ordinal) { ["DOTNET_gcServer"] = "1" }),
        ("Server GC, GCConserveMemory=5", new(StringComparer.Ordinal) { ["DOTNET_gcServer"] = "1", ["DOTNET_GCConserveMemory"] = "5" }),
    ];

    public async Task<List<MarkdownTable>> RunAsync()
    {
        var table = new MarkdownTable(
            $"Memory around a burst: {options.BurstTasks} tasks with a {options.BurstInputMegabytes} MB string input, concurrency {options.BurstConcurrency}",
            "GC",
            "RSS before MB",
            "RSS peak MB",
            "RSS right after MB",
            "RSS idle 5 s MB",
            "RSS idle 30 s MB",
            $"RSS idle {options.BurstIdle.TotalSeconds:0} s MB",
            "heap before MB",
            "heap right after MB",
            "heap idle 30 s MB",
            $"heap idle {options.BurstIdle.TotalSeconds:0} s MB",
            $"GC committed idle {options.BurstIdle.TotalSeconds:0} s MB",
            "gen2 collections");
        foreach (var (name, environment) in Collectors)
        {
            var result = await MeasureAsync(environment);
            Console.WriteLine($"  {name}: {result}");
            table.Add(
                name,
                Mb(result.ResidentBefore),
                Mb(result.ResidentPeak),
                Mb(result.ResidentRightAfter),
                Mb(result.ResidentIdle5),
                Mb(result.ResidentIdle30),
                Mb(result.ResidentIdleEnd),
                Mb(result.HeapBefore),
                Mb(result.HeapRightAfter),
                Mb(result.HeapIdle30),
                Mb(result.HeapIdleEnd),
                Mb(result.CommittedIdleEnd),
                result.Gen2Collections.ToString(CultureInfo.InvariantCulture));
        }

        table.Notes.Add(
            "One worker type (a ConductorWorkerHost worker reading the input's string whole as a generated binder does, MaxResponseBodyBytes 512 MiB) in its own process; "
            + "RSS is VmRSS of /proc/PID/status, sampled every 50 ms for the peak; heap is GC.GetTotalMemory(false) and GC committed GCMemoryInfo.TotalCommittedBytes, read in the worker; "
            + "'right after' is when the server has the last result, the idle times count from there.");
        return [table];
    }

    private static string Mb(long bytes) => MarkdownTable.Number(bytes / 1048576.0, "0");

    private async Task<BurstResult> MeasureAsync(Dictionary<string, string> environment)
    {
        await using var server = await BurstServer.StartAsync(options.BurstTasks, options.BurstInputMegabytes * 1_000_000);
        var launch = new ClientLaunch(
            files.JitWorker,
            ["burst", "--server", server.ApiUrl, "--concurrency", options.BurstConcurrency.ToString(CultureInfo.InvariantCulture)])
        {
            Environment = environment,
        };
        await using var process = WorkerProcess.Start(launch);
        await process.WaitForLineAsync("READY", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var residentBefore = process.ResidentBytes();
        var before = await process.AskStatsAsync();

        server.Open();
        var peak = residentBefore;
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 600);
        while (server.Completed < options.BurstTasks)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Only {server.Completed} of {options.BurstTasks} burst tasks completed in 10 minutes.");
            }

            peak = Math.Max(peak, process.ResidentBytes());
            await Task.Delay(50);
        }

        var idleFrom = Stopwatch.GetTimestamp();
        var residentRightAfter = process.ResidentBytes();
        peak = Math.Max(peak, residentRightAfter);
        var rightAfter = await process.AskStatsAsync();
        await DelayUntilAsync(idleFrom, TimeSpan.FromSeconds(5));
        var residentIdle5 = process.ResidentBytes();
        await DelayUntilAsync(idleFrom, TimeSpan.FromSeconds(30));
        var residentIdle30 = process.ResidentBytes();
        var idle30 = await process.AskStatsAsync();
        await DelayUntilAsync(idleFrom, options.BurstIdle);
        var residentIdleEnd = process.ResidentBytes();
        var idleEnd = await process.AskStatsAsync();
        return new BurstResult(
            residentBefore, peak, residentRightAfter, residentIdle5, residentIdle30, residentIdleEnd,
            before.Heap, rightAfter.Heap, idle30.Heap, idleEnd.Heap, idleEnd.Committed, idleEnd.Gen2 - before.Gen2);
    }

    private static async Task DelayUntilAsync(long startTimestamp, TimeSpan offset)
    {
        var remaining = offset - Stopwatch.GetElapsedTime(startTimestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }

    private sealed record BurstResult(
        long ResidentBefore, long ResidentPeak, long ResidentRightAfter, long ResidentIdle5, long ResidentIdle30, long ResidentIdleEnd,
        long HeapBefore, long HeapRightAfter, long HeapIdle30, long HeapIdleEnd, long CommittedIdleEnd, int Gen2Collections);

    /// <summary>
    /// Just enough of a Conductor server: polls get no task until <see cref="Open"/>, then one
    /// task each with a string input of the given size (the same bytes every time) until all are
    /// handed out; results are taken as TaskResource#updateTask and #updateTaskV2 take them.
    /// </summary>
    private sealed class BurstServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly int _tasks;
        private readonly byte[] _payload;
        private int _handedOut;
        private int _completed;
        private volatile bool _open;

        private BurstServer(WebApplication app, int tasks, int payloadBytes)
        {
            _app = app;
            _tasks = tasks;
            _payload = new byte[payloadBytes];
            _payload.AsSpan().Fill((byte)'x');
        }

        public string ApiUrl { get; private set; } = "";

        public int Completed => Volatile.Read(ref _completed);

        public static async Task<BurstServer> StartAsync(int tasks, int payloadBytes)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var server = new BurstServer(app, tasks, payloadBytes);
            app.Run(server.HandleAsync);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            server.ApiUrl = $"http://127.0.0.1:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}/api";
            return server;
        }

        public void Open() => _open = true;

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? "";
            if (context.Request.Method == "GET" && path.StartsWith("/api/tasks/poll/batch/", StringComparison.Ordinal))
            {
                var index = _open ? Interlocked.Increment(ref _handedOut) : int.MaxValue;
                if (index > _tasks)
                {
                    // A short long poll with no work.
                    await Task.Delay(200, context.RequestAborted);
                    await WriteAsync(context, "application/json", "[]"u8.ToArray());
                    return;
                }

                var taskId = "burst-" + index.ToString(CultureInfo.InvariantCulture);
                var head = Encoding.UTF8.GetBytes(
                    "[{\"taskId\":\"" + taskId + "\",\"taskType\":\"" + TaskType + "\",\"status\":\"IN_PROGRESS\",\"workflowInstanceId\":\"wf-" + taskId
                    + "\",\"pollCount\":1,\"retryCount\":0,\"responseTimeoutSeconds\":3600,\"inputData\":{\"payload\":\"");
                var tail = "\"}}]"u8.ToArray();
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = head.Length + _payload.Length + tail.Length;
                await context.Response.Body.WriteAsync(head, context.RequestAborted);
                await context.Response.Body.WriteAsync(_payload, context.RequestAborted);
                await context.Response.Body.WriteAsync(tail, context.RequestAborted);
            }
            else if (context.Request.Method == "POST" && path is "/api/tasks" or "/api/tasks/update-v2")
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                Interlocked.Increment(ref _completed);
                if (path == "/api/tasks")
                {
                    await WriteAsync(context, "text/plain", "ok"u8.ToArray());
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                }
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }

        private static async Task WriteAsync(HttpContext context, string contentType, byte[] body)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
