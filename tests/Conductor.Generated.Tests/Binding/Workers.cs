namespace Conductor.Generated.Tests.Binding;

/// <summary>Finds a generated worker of this assembly by task name, the way the runtime sees them.</summary>
internal static class Workers
{
    public static WorkerDefinition Named(string taskName) =>
        ConductorWorkers.All.SingleOrDefault(worker => worker.TaskName == taskName)
        ?? throw new InvalidOperationException($"No generated worker for task '{taskName}'.");
}
