using Conductor.Generated;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>
/// The README's plain-console snippet (its using directives are this file's, its statements are
/// <see cref="RunAsync"/>'s body), compiled with the test project so that it stays complete;
/// <see cref="ReadmeExampleSyncTests"/> checks that the two are the same text.
/// </summary>
internal static class ReadmeConsoleSnippet
{
    public static async Task RunAsync()
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
        await using var host = new ConductorWorkerHost(new ConductorWorkerOptions(), ConductorWorkers.All, loggerFactory);
        // Polls until Ctrl+C or SIGTERM, then lets running tasks finish and report (ShutdownGracePeriod, 30 s).
        await host.RunUntilStoppedAsync();
    }
}
