using System.Globalization;
using Conductor.Generated.LoadHarness.Processes;
using Conductor.Generated.LoadHarness.Report;
using Conductor.Generated.LoadHarness.Server;
using Conductor.Generated.Testing;

namespace Conductor.Generated.LoadHarness.Sections;

/// <summary>
/// Where a .NET client's allocations go under saturating load, by type, from the runtime's
/// allocation-tick events (sampled about every 100 KB) inside the worker process. Not part of the
/// default run: the listener slows the process down, so its figures are never mixed with the
/// measured ones.
/// </summary>
internal sealed class ProfileSection(HarnessOptions options, ClientFiles files)
{
    private const int TypesShown = 15;

    public async Task<List<MarkdownTable>> RunAsync()
    {
        var tables = new List<MarkdownTable>();
        foreach (var client in new[] { "runtime", "raw-v2" })
        {
            tables.Add(await ProfileAsync(client));
        }

        return tables;
    }

    private async Task<MarkdownTable> ProfileAsync(string client)
    {
        var recorder = new ServerEventRecorder();
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { LoggerFactory = recorder });
        var launch = new Clients(files, options.Concurrency, options.PollTimeoutMs).Launch(client, server.ApiUrl);
        await using var process = WorkerProcess.Start(new ClientLaunch(
            "dotnet",
            ["exec", "--runtimeconfig", await RuntimeConfigWithEventSourcesAsync(), launch.FileName + ".dll", .. launch.Arguments, "--allocation-profile"]));
        await process.WaitForLineAsync("READY", TimeSpan.FromSeconds(60));
        for (var index = 0; index < options.WarmupTasks; index++)
        {
            server.EnqueueTask("load_noop");
        }

        await recorder.WhenCompleted(options.WarmupTasks).WaitAsync(TimeSpan.FromSeconds(120));
        await SendAsync(process, "profile-reset");
        var before = await process.AskStatsAsync();
        for (var index = 0; index < options.SaturatingTasks; index++)
        {
            server.EnqueueTask("load_noop");
        }

        await recorder.WhenCompleted(options.WarmupTasks + options.SaturatingTasks).WaitAsync(TimeSpan.FromSeconds(120));
        var after = await process.AskStatsAsync();
        var profile = await SendAsync(process, "profile");
        var bytesPerTask = (double)(after.AllocatedBytes - before.AllocatedBytes) / options.SaturatingTasks;
        var workItemsPerTask = (double)(after.WorkItems - before.WorkItems) / options.SaturatingTasks;

        var table = new MarkdownTable(
            $"Allocations by type, `{client}`, {options.SaturatingTasks} saturating tasks ({bytesPerTask.ToString("0", CultureInfo.InvariantCulture)} B/task with the listener on, {workItemsPerTask.ToString("0.0", CultureInfo.InvariantCulture)} thread-pool work items/task)",
            "type",
            "share of sampled bytes",
            "≈ B/task");
        foreach (var entry in profile["PROFILE ".Length..].Split(';', StringSplitOptions.RemoveEmptyEntries).Take(TypesShown))
        {
            var separator = entry.LastIndexOf('=');
            var share = double.Parse(entry[(separator + 1)..].TrimEnd('%'), CultureInfo.InvariantCulture);
            table.Add($"`{entry[..separator]}`", $"{share:0.0} %", MarkdownTable.Number(share / 100 * bytesPerTask, "0"));
        }

        return table;
    }

    /// <summary>
    /// The worker's runtimeconfig.json with event sources turned on: the worker project publishes
    /// with Native AOT, whose feature switches (event sources off among them) its JIT build
    /// carries too, and the allocation events need them.
    /// </summary>
    private async Task<string> RuntimeConfigWithEventSourcesAsync()
    {
        var original = Path.Combine(files.WorkerDirectory, ClientFiles.WorkerAssemblyName + ".runtimeconfig.json");
        var text = (await File.ReadAllTextAsync(original)).Replace(
            "\"System.Diagnostics.Tracing.EventSource.IsSupported\": false", "\"System.Diagnostics.Tracing.EventSource.IsSupported\": true", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"load-worker-profile-{Environment.ProcessId}.runtimeconfig.json");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static async Task<string> SendAsync(WorkerProcess process, string command)
    {
        await process.SendLineAsync(command);
        return await process.WaitForLineAsync("PROFILE ", TimeSpan.FromSeconds(30));
    }
}
