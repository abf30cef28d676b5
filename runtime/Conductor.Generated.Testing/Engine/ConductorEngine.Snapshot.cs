using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// The picture the server's web page shows: workflows with their tasks and logs, queue sizes and
/// the workers that polled. Read under the engine's lock, so each snapshot is consistent; built
/// from copies, so nothing handed out is shared with the store.
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>At most this many workflows in a snapshot, the newest first, unless asked otherwise.</summary>
    public const int DefaultSnapshotWorkflows = 100;

    public ServerSnapshot Snapshot(int maxWorkflows = DefaultSnapshotWorkflows)
    {
        var snapshot = new ServerSnapshot { ServerTime = Now };
        lock (_gate)
        {
            snapshot.WorkflowCount = _workflows.Count;
            foreach (var workflow in _workflows.Values
                .Select(state => state.Execution)
                .OrderByDescending(execution => execution.CreateTime)
                .ThenByDescending(execution => execution.WorkflowId, StringComparer.Ordinal)
                .Take(Math.Max(0, maxWorkflows)))
            {
                snapshot.Workflows.Add(SnapshotOf(workflow));
            }

            foreach (var (queueName, queue) in _queues.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                var separator = queueName.IndexOf(':', StringComparison.Ordinal);
                snapshot.Queues.Add(new QueueSnapshot
                {
                    QueueName = queueName,
                    TaskType = separator < 0 ? queueName : queueName[(separator + 1)..],
                    Domain = separator < 0 ? null : queueName[..separator],
                    Size = queue.Count,
                });
            }

            foreach (var ((taskType, domain, workerId), lastPollTime) in _workerPolls
                .OrderBy(pair => pair.Key.TaskType, StringComparer.Ordinal)
                .ThenBy(pair => pair.Key.Domain, StringComparer.Ordinal)
                .ThenBy(pair => pair.Key.WorkerId, StringComparer.Ordinal))
            {
                snapshot.PollData.Add(new PollDataSnapshot
                {
                    QueueName = taskType,
                    Domain = domain.Length == 0 ? null : domain,
                    WorkerId = workerId.Length == 0 ? null : workerId,
                    LastPollTime = lastPollTime,
                });
            }
        }

        return snapshot;
    }

    private WorkflowSnapshot SnapshotOf(WorkflowExecution workflow) => new()
    {
        WorkflowId = workflow.WorkflowId,
        WorkflowName = workflow.WorkflowName,
        WorkflowVersion = workflow.WorkflowVersion,
        CorrelationId = workflow.CorrelationId,
        Status = ConductorNames.Of(workflow.Status),
        ReasonForIncompletion = workflow.ReasonForIncompletion,
        CreateTime = workflow.CreateTime,
        UpdateTime = workflow.UpdateTime,
        EndTime = workflow.EndTime,
        Input = CopyObject(workflow.Input),
        Output = CopyObject(workflow.Output),
        Tasks = [.. workflow.Tasks.Select(SnapshotOf)],
    };

    private TaskSnapshot SnapshotOf(TaskExecution task) => new()
    {
        TaskId = task.TaskId,
        ReferenceTaskName = task.ReferenceTaskName,
        TaskType = task.TaskType,
        TaskDefName = task.TaskDefName,
        Status = ConductorNames.Of(task.Status),
        Seq = task.Seq,
        RetryCount = task.RetryCount,
        PollCount = task.PollCount,
        Iteration = task.Iteration,
        Domain = task.Domain,
        WorkerId = task.WorkerId,
        ReasonForIncompletion = task.ReasonForIncompletion,
        ScheduledTime = task.ScheduledTime,
        StartTime = task.StartTime,
        EndTime = task.EndTime,
        UpdateTime = task.UpdateTime,
        InputData = CopyObject(task.InputData),
        OutputData = CopyObject(task.OutputData),
        Logs = _taskLogs.TryGetValue(task.TaskId, out var logs)
            ? [.. logs.Select(log => new TaskLogSnapshot { Log = log.Log, CreatedTime = log.CreatedTime })]
            : [],
    };
}

/// <summary>What <c>GET /ui/api/snapshot</c> answers: the server's state for its web page.</summary>
internal sealed class ServerSnapshot
{
    /// <summary>The server's clock (a fake one in tests that use it), epoch milliseconds.</summary>
    public long ServerTime { get; set; }

    /// <summary>How many workflows the server holds; the snapshot lists the newest of them.</summary>
    public int WorkflowCount { get; set; }

    public List<WorkflowSnapshot> Workflows { get; set; } = [];

    public List<QueueSnapshot> Queues { get; set; } = [];

    public List<PollDataSnapshot> PollData { get; set; } = [];
}

internal sealed class WorkflowSnapshot
{
    public string WorkflowId { get; set; } = "";
    public string? WorkflowName { get; set; }
    public int WorkflowVersion { get; set; }
    public string? CorrelationId { get; set; }
    public string Status { get; set; } = "";
    public string? ReasonForIncompletion { get; set; }
    public long CreateTime { get; set; }
    public long UpdateTime { get; set; }
    public long EndTime { get; set; }
    public JsonObject Input { get; set; } = [];
    public JsonObject Output { get; set; } = [];
    public List<TaskSnapshot> Tasks { get; set; } = [];
}

internal sealed class TaskSnapshot
{
    public string TaskId { get; set; } = "";
    public string ReferenceTaskName { get; set; } = "";
    public string TaskType { get; set; } = "";
    public string TaskDefName { get; set; } = "";
    public string Status { get; set; } = "";
    public int Seq { get; set; }
    public int RetryCount { get; set; }
    public int PollCount { get; set; }
    public int Iteration { get; set; }
    public string? Domain { get; set; }
    public string? WorkerId { get; set; }
    public string? ReasonForIncompletion { get; set; }
    public long ScheduledTime { get; set; }
    public long StartTime { get; set; }
    public long EndTime { get; set; }
    public long UpdateTime { get; set; }
    public JsonObject InputData { get; set; } = [];
    public JsonObject OutputData { get; set; } = [];
    public List<TaskLogSnapshot> Logs { get; set; } = [];
}

internal sealed class TaskLogSnapshot
{
    public string? Log { get; set; }
    public long CreatedTime { get; set; }
}

internal sealed class QueueSnapshot
{
    public string QueueName { get; set; } = "";
    public string TaskType { get; set; } = "";
    public string? Domain { get; set; }
    public int Size { get; set; }
}

/// <summary>The real server's PollData: who polled a task type (in a domain) last, and when.</summary>
internal sealed class PollDataSnapshot
{
    public string QueueName { get; set; } = "";
    public string? Domain { get; set; }
    public string? WorkerId { get; set; }
    public long LastPollTime { get; set; }
}
