using System.Globalization;

namespace Conductor.Generated.LoadHarness.Processes;

/// <summary>The clients the throughput runs compare, each started against a given server.</summary>
internal sealed class Clients(ClientFiles files, int concurrency, int pollTimeoutMs)
{
    /// <summary>Every client the harness knows, in the order the tables show them.</summary>
    public static readonly IReadOnlyList<string> Known = ["runtime", "runtime-default-http", "js", "js-default", "raw", "raw-v2"];

    public static string Describe(string client) => client switch
    {
        "runtime" => "this runtime: ConductorWorkerHost, generated no-op worker (JIT)",
        "runtime-default-http" => "this runtime with a plain `new HttpClient()` in ConductorWorkerOptions.HttpClient (an experiment)",
        "js" => "JavaScript SDK 4.0.0 TaskManager, pollInterval 1 ms",
        "js-default" => "JavaScript SDK 4.0.0 TaskManager, its default pollInterval 100 ms and poll timeout 100 ms",
        "raw" => "raw HttpClient: batch poll, then POST /api/tasks per task",
        "raw-v2" => "raw HttpClient: one loop per slot, poll one task, POST /api/tasks/update-v2 and run the task in its answer",
        _ => client,
    };

    public ClientLaunch Launch(string client, Uri serverUrl)
    {
        var url = serverUrl.AbsoluteUri.TrimEnd('/');
        var c = concurrency.ToString(CultureInfo.InvariantCulture);
        var timeout = pollTimeoutMs.ToString(CultureInfo.InvariantCulture);
        return client switch
        {
            "runtime" or "raw" or "raw-v2" => new ClientLaunch(files.JitWorker, [client, "--server", url, "--concurrency", c, "--poll-timeout-ms", timeout]),
            "runtime-default-http" => new ClientLaunch(files.JitWorker, ["runtime", "--server", url, "--concurrency", c, "--poll-timeout-ms", timeout, "--default-http-client"]),
            "js" => Node([url, c, timeout, "1"]),
            "js-default" => Node([url, c, "100", "100"]),
            _ => throw new ArgumentException($"Unknown client '{client}'. Known: {string.Join(", ", Known)}.", nameof(client)),
        };
    }

    private ClientLaunch Node(string[] arguments) =>
        new("node", ["load-worker.js", .. arguments], files.JavaScriptDirectory);
}
