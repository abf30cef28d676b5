namespace Conductor.Generated.Testing;

/// <summary>
/// Task domains and poll data: which domain a task is queued in (WorkflowExecutorOps#getActiveDomain)
/// and when each queue was last polled, by which worker (ExecutionDAOFacade#updateTaskLastPoll,
/// served by <c>GET /api/tasks/queue/polldata</c>).
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>
    /// A worker that polled a domain this recently makes it active
    /// (ConductorProperties#activeWorkerLastPollTimeout, 10 seconds).
    /// </summary>
    internal static readonly TimeSpan ActiveWorkerLastPollTimeout = TimeSpan.FromSeconds(10);

    private const string NoDomain = "NO_DOMAIN";

    /// <summary>Keyed by task type, then by domain ("" for none).</summary>
    private readonly Dictionary<string, Dictionary<string, PollData>> _pollData = new(StringComparer.Ordinal);

    /// <summary>
    /// The last poll of each worker, keyed by task type, domain ("" for none) and worker id ("" for
    /// none): the real server keeps only the last poller per task type and domain (above); the
    /// test server's page lists every worker.
    /// </summary>
    private readonly Dictionary<(string TaskType, string Domain, string WorkerId), long> _workerPolls = [];

    /// <summary>
    /// The domain of a task from the start request's taskToDomain, its own name first, then
    /// <c>*</c> (WorkflowExecutorOps#getTaskToDomain). A comma-separated list resolves to the first
    /// domain a worker polled within <see cref="ActiveWorkerLastPollTimeout"/>; with none active, to
    /// the last of the list, or to no domain when the list ends in <c>NO_DOMAIN</c>
    /// (WorkflowExecutorOps#getActiveDomain).
    /// </summary>
    private string? DomainFor(WorkflowExecution execution, string taskName)
    {
        if (execution.TaskToDomain is not { } mapping)
        {
            return null;
        }

        var list = mapping.GetValueOrDefault(taskName) ?? mapping.GetValueOrDefault("*");
        if (string.IsNullOrWhiteSpace(list))
        {
            return null;
        }

        var domains = list.Split(',');
        var activeSince = Now - (long)ActiveWorkerLastPollTimeout.TotalMilliseconds;
        foreach (var candidate in domains)
        {
            var domain = candidate.Trim();
            if (domain.Equals(NoDomain, StringComparison.OrdinalIgnoreCase) || domain.Length == 0)
            {
                continue;
            }

            if (_pollData.TryGetValue(taskName, out var byDomain)
                && byDomain.TryGetValue(domain, out var pollData)
                && pollData.LastPollTime > activeSince)
            {
                return domain;
            }
        }

        var last = domains[^1].Trim();
        return last.Length == 0 || last.Equals(NoDomain, StringComparison.OrdinalIgnoreCase) ? null : last;
    }

    /// <summary>Records a poll of <paramref name="taskType"/> in <paramref name="domain"/> (ExecutionService#poll, at its end).</summary>
    private void RecordPoll(string taskType, string? domain, string? workerId)
    {
        if (!_pollData.TryGetValue(taskType, out var byDomain))
        {
            byDomain = new Dictionary<string, PollData>(StringComparer.Ordinal);
            _pollData[taskType] = byDomain;
        }

        var key = string.IsNullOrWhiteSpace(domain) ? "" : domain.Trim();
        byDomain[key] = new PollData
        {
            QueueName = taskType,
            Domain = key.Length == 0 ? null : key,
            WorkerId = workerId,
            LastPollTime = Now,
        };
        _workerPolls[(taskType, key, workerId ?? "")] = Now;
    }

    /// <summary>The poll data of one task type, one entry per domain polled (<c>GET /api/tasks/queue/polldata</c>).</summary>
    public List<PollData> GetPollData(string taskType)
    {
        lock (_gate)
        {
            return _pollData.TryGetValue(taskType, out var byDomain)
                ? [.. byDomain.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value.Clone())]
                : [];
        }
    }

    /// <summary>The poll data of every task type (<c>GET /api/tasks/queue/polldata/all</c>).</summary>
    public List<PollData> GetAllPollData()
    {
        lock (_gate)
        {
            return
            [
                .. _pollData.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                    .SelectMany(pair => pair.Value.OrderBy(entry => entry.Key, StringComparer.Ordinal))
                    .Select(pair => pair.Value.Clone()),
            ];
        }
    }
}
