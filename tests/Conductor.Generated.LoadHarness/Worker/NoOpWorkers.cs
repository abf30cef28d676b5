using Conductor.Generated;

namespace Conductor.Generated.LoadHarness.Worker;

/// <summary>The worker the throughput runs measure: it does nothing, so only the client's cost shows.</summary>
public static class NoOpWorkers
{
    /// <summary>The task type of the no-op worker.</summary>
    public const string TaskName = "load_noop";

    /// <summary>Completes at once with an empty output.</summary>
    [WorkerTask(TaskName)]
    public static void NoOp()
    {
    }
}
