using System.Text.Json.Nodes;

namespace Conductor.Generated.Interop.Tests.JavaScriptWorker;

/// <summary>Runs js/client.js: the SDK's metadata and workflow clients driving one workflow.</summary>
internal static class JavaScriptClient
{
    private const string ResultPrefix = "RESULT ";

    /// <summary>Generous: it waits up to 60 s for the workflow itself.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The script's result: what it read back and the ended workflow, as the SDK saw them.</summary>
    public static async Task<JsonObject> RunAsync(Uri serverUrl, string text)
    {
        var script = Path.Combine(NodeToolchain.WorkerDirectory, "client.js");
        var outcome = await ProcessRunner.RunAsync("node", [script, serverUrl.AbsoluteUri, text], NodeToolchain.WorkerDirectory, RunTimeout);
        var resultLine = outcome.Output.Split('\n').FirstOrDefault(line => line.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (outcome.ExitCode != 0 || resultLine is null)
        {
            throw new InvalidOperationException($"js/client.js exited with {outcome.ExitCode} without a result. It printed:\n{outcome.Output}");
        }

        return JsonNode.Parse(resultLine[ResultPrefix.Length..])!.AsObject();
    }
}
