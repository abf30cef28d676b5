using System.Globalization;
using Conductor.Generated;
using Conductor.Generated.LoadHarness.Worker;

// A worker process of the load harness. It prints READY once it polls, answers each "stats" line
// on stdin with a STATS line (allocations and collections, read inside the process), and stops
// gracefully when stdin closes, printing STOPPED. With --allocation-profile, "profile" answers
// with the types that allocate most (PROFILE line) and "profile-reset" forgets the warm-up.

WorkerCommandLine commandLine;
try
{
    commandLine = WorkerCommandLine.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

using var allocationProfile = args.Contains("--allocation-profile") ? new AllocationProfile() : null;
var workerId = $"load-{commandLine.Mode}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
using var stop = new CancellationTokenSource();
Task running;
ConductorWorkerHost? host = null;
IDisposable? raw = null;
if (commandLine.Mode == "raw")
{
    var batchWorker = new RawHttpWorker(commandLine, workerId);
    raw = batchWorker;
    running = Task.Run(() => batchWorker.RunAsync(stop.Token));
}
else if (commandLine.Mode == "raw-v2")
{
    var updateV2Worker = new RawUpdateV2Worker(commandLine, workerId);
    raw = updateV2Worker;
    running = Task.Run(() => updateV2Worker.RunAsync(stop.Token));
}
else
{
    var workers = commandLine.Mode switch
    {
        "idle" => RuntimeWorkers.Idle(commandLine),
        "quickstart" => RuntimeWorkers.Quickstart(),
        "burst" => RuntimeWorkers.Burst(commandLine),
        _ => RuntimeWorkers.NoOp(commandLine),
    };
    // --default-http-client: an experiment, HttpClient's defaults instead of the runtime's own
    // handler (which recycles pooled connections every 5 minutes).
    var options = new ConductorWorkerOptions { ServerUrl = commandLine.ServerUrl, WorkerId = workerId };
    if (commandLine.Mode == "burst")
    {
        // Inputs of tens of MB: above the default limit of 8 MiB.
        options.MaxResponseBodyBytes = 512L * 1024 * 1024;
    }

    if (args.Contains("--default-http-client"))
    {
        options.HttpClient = new HttpClient();
    }

    host = new ConductorWorkerHost(options, workers);
    await host.StartAsync(CancellationToken.None);
    running = Task.CompletedTask;
}

Console.WriteLine("READY");
while (await Console.In.ReadLineAsync() is { } line)
{
    if (line == "profile-reset")
    {
        allocationProfile?.Reset();
        Console.WriteLine("PROFILE reset");
    }
    else if (line == "profile")
    {
        Console.WriteLine("PROFILE " + (allocationProfile?.Top(25) ?? "off"));
    }
    else if (line == "stats")
    {
        // Precise: the allocation counters of every thread are brought up to date first.
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"STATS allocated={GC.GetTotalAllocatedBytes(precise: true)} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} workitems={ThreadPool.CompletedWorkItemCount} heap={GC.GetTotalMemory(forceFullCollection: false)} committed={GC.GetGCMemoryInfo().TotalCommittedBytes} jitted={System.Runtime.JitInfo.GetCompiledMethodCount()} jitus={(long)System.Runtime.JitInfo.GetCompilationTime().TotalMicroseconds}"));
    }
}

await stop.CancelAsync();
if (host is not null)
{
    await host.DisposeAsync();
}

await running;
raw?.Dispose();
Console.WriteLine("STOPPED");
return 0;
