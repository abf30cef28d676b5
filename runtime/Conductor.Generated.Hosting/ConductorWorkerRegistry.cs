namespace Conductor.Generated.Hosting;

/// <summary>
/// The workers every <c>AddConductorWorkers</c> call of one service collection added, in order.
/// One instance per service collection: it also marks that the shared services (options
/// setup, the worker host, the hosted service) are registered already.
/// </summary>
internal sealed class ConductorWorkerRegistry
{
    private readonly List<WorkerDefinition> _workers = [];

    public IReadOnlyList<WorkerDefinition> Workers => _workers;

    public void Add(IEnumerable<WorkerDefinition> workers)
    {
        foreach (var worker in workers)
        {
            ArgumentNullException.ThrowIfNull(worker, nameof(workers));
            _workers.Add(worker);
        }
    }

    /// <summary>The worker polling for <paramref name="taskName"/>: the exact name first, else the only one equal ignoring case (configuration keys are case-insensitive).</summary>
    public WorkerDefinition? Find(string taskName)
    {
        var exact = _workers.FirstOrDefault(worker => string.Equals(worker.TaskName, taskName, StringComparison.Ordinal));
        if (exact is not null)
        {
            return exact;
        }

        var ignoringCase = _workers.Where(worker => string.Equals(worker.TaskName, taskName, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return ignoringCase.Count == 1 ? ignoringCase[0] : null;
    }
}
