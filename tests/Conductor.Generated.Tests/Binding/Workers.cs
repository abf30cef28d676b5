namespace Conductor.Generated.Tests.Binding;

/// <summary>
/// Finds a generated worker of this assembly by task name, the way the runtime sees them. The
/// binding workers' task names start with <c>binding_</c> so that they cannot clash with workers
/// other tests of this assembly declare.
/// </summary>
internal static class Workers
{
    public const string TaskNamePrefix = "binding_";

    public static WorkerDefinition Named(string taskName) =>
        ConductorWorkers.All.SingleOrDefault(worker => worker.TaskName == TaskNamePrefix + taskName)
        ?? throw new InvalidOperationException($"No generated worker for task '{TaskNamePrefix + taskName}'.");
}
