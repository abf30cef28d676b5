using System.Diagnostics;
using Conductor.Generated.Benchmarks.Workloads;

namespace Conductor.Generated.Benchmarks;

/// <summary>Runs every path of every workload repeatedly, so that the JIT has finished optimizing them.</summary>
internal static class WarmUp
{
    public static async Task RunEveryPathAsync(TimeSpan perWorkload)
    {
        foreach (var workload in Enum.GetValues<Workload>())
        {
            var scenario = Scenario.For(workload);
            var started = Stopwatch.StartNew();
            while (started.Elapsed < perWorkload)
            {
                await scenario.Generated.ExecuteAsync(scenario.PollResponse);
                await scenario.LazyReadGenerated.ExecuteAsync(scenario.PollResponse);
                await scenario.OneDocumentGenerated.ExecuteAsync(scenario.PollResponse);
                await scenario.OfficialSdk.ExecuteAsync(scenario.PollResponse);
                await scenario.OfficialSdkInline.ExecuteAsync(scenario.PollResponse);
                scenario.Reflection.Execute(scenario.PollResponse);
                Paths.ParseFloor.ParseDocument(scenario.PollResponse);
                Paths.ParseFloor.ReadTokens(scenario.PollResponse);
            }
        }

        // Let the JIT's background compilations of the methods that just became hot finish.
        await Task.Delay(TimeSpan.FromSeconds(1));
    }
}
