using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Testing;

/// <summary>
/// One attempt of one workflow step, as workers receive it from a poll and
/// <c>GET /api/tasks/{taskId}</c> returns it. A retry is a new <see cref="TaskExecution"/>.
/// </summary>
public sealed class TaskExecution
{
    /// <summary>The attempt's id.</summary>
    public string TaskId { get; set; } = "";

    /// <summary>The type workers poll for (the task definition's name for SIMPLE tasks).</summary>
    public string TaskType { get; set; } = "";

    /// <summary>The task definition's name.</summary>
    public string TaskDefName { get; set; } = "";

    /// <summary>The attempt's status.</summary>
    public TaskExecutionStatus Status { get; set; }

    /// <summary>The resolved input.</summary>
    public JsonObject InputData { get; set; } = [];

    /// <summary>
    /// Where the input is kept when it was over the external storage threshold
    /// (<see cref="TestServerPayloadStorageOptions"/>): set on the copies handed to workers, whose
    /// <see cref="InputData"/> is then empty.
    /// </summary>
    public string? ExternalInputPayloadStoragePath { get; set; }

    /// <summary>The output reported by the worker (partial while IN_PROGRESS callbacks go on).</summary>
    public JsonObject OutputData { get; set; } = [];

    /// <summary>The step's reference name in the workflow definition.</summary>
    public string ReferenceTaskName { get; set; } = "";

    /// <summary>The workflow run this task belongs to.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>The workflow definition's name.</summary>
    public string? WorkflowType { get; set; }

    /// <summary>The workflow's correlation id.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The domain whose queue holds the task, if any.</summary>
    public string? Domain { get; set; }

    /// <summary>0 for the first attempt, +1 for each retry.</summary>
    public int RetryCount { get; set; }

    /// <summary>Position in the workflow's task list, from 1.</summary>
    public int Seq { get; set; }

    /// <summary>How many times the task was handed to a worker.</summary>
    public int PollCount { get; set; }

    /// <summary>Delay before the task is handed out again (after IN_PROGRESS, or before a retry).</summary>
    public long CallbackAfterSeconds { get; set; }

    /// <summary>From the task definition.</summary>
    public long ResponseTimeoutSeconds { get; set; }

    /// <summary>Why the attempt failed, at most 500 characters.</summary>
    public string? ReasonForIncompletion { get; set; }

    /// <summary>The worker that polled or updated the task last.</summary>
    public string? WorkerId { get; set; }

    /// <summary>The id of the attempt this one retries.</summary>
    public string? RetriedTaskId { get; set; }

    /// <summary>True once a retry of this attempt was scheduled.</summary>
    public bool Retried { get; set; }

    /// <summary>True once the server acted on the attempt's terminal status.</summary>
    public bool Executed { get; set; }

    /// <summary>The workflow's priority.</summary>
    public int WorkflowPriority { get; set; }

    /// <summary>The DO_WHILE iteration the task belongs to (from 1); 0 outside loops.</summary>
    public int Iteration { get; set; }

    /// <summary>True for a task inside a DO_WHILE (its reference name ends in <c>__iteration</c>).</summary>
    public bool LoopOverTask => Iteration > 0;

    /// <summary>SUB_WORKFLOW: the child workflow's id.</summary>
    public string? SubWorkflowId { get; set; }

    /// <summary>Delay before a retry attempt is handed out.</summary>
    public int StartDelayInSeconds { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long ScheduledTime { get; set; }

    /// <summary>Epoch milliseconds of the first poll; 0 before.</summary>
    public long StartTime { get; set; }

    /// <summary>Epoch milliseconds; 0 until terminal.</summary>
    public long EndTime { get; set; }

    /// <summary>Epoch milliseconds of the last change.</summary>
    public long UpdateTime { get; set; }

    /// <summary>The task definition's rateLimitPerFrequency when the task was scheduled; 0 for none.</summary>
    public int RateLimitPerFrequency => TaskDefinition?.RateLimitPerFrequency ?? 0;

    /// <summary>The task definition's rateLimitFrequencyInSeconds when the task was scheduled; 0 for none.</summary>
    public int RateLimitFrequencyInSeconds => TaskDefinition?.RateLimitFrequencyInSeconds ?? 0;

    /// <summary>Always true, as the real server sends it.</summary>
    public bool CallbackFromWorker { get; set; } = true;

    /// <summary>Milliseconds the task waited in its queue before it was handed out last (Task#getQueueWaitTime).</summary>
    public long QueueWaitTime { get; set; }

    /// <summary>False unless a sub-workflow of this task was changed (retried, rerun) from outside.</summary>
    public bool SubworkflowChanged { get; set; }

    /// <summary>Always 0, as the open-source server sends it (its task model does not keep it).</summary>
    public long FirstStartTime { get; set; }

    /// <summary>The workflow step this task runs.</summary>
    public WorkflowTask? WorkflowTask { get; set; }

    /// <summary>
    /// The task definition every decision about the task reads (retries, timeouts, limits): its
    /// step's, taken when the run started or embedded in the step; for a DYNAMIC task the
    /// registration when it was scheduled; null for a dynamically forked task with neither.
    /// </summary>
    public TaskDef? TaskDefinition { get; set; }
}

/// <summary>The status of one task attempt.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskExecutionStatus>))]
public enum TaskExecutionStatus
{
    /// <summary>Waiting in its queue.</summary>
    [JsonStringEnumMemberName("SCHEDULED")]
    Scheduled,

    /// <summary>Handed to a worker.</summary>
    [JsonStringEnumMemberName("IN_PROGRESS")]
    InProgress,

    /// <summary>Done.</summary>
    [JsonStringEnumMemberName("COMPLETED")]
    Completed,

    /// <summary>Failed; retried while retries remain.</summary>
    [JsonStringEnumMemberName("FAILED")]
    Failed,

    /// <summary>Failed; never retried.</summary>
    [JsonStringEnumMemberName("FAILED_WITH_TERMINAL_ERROR")]
    FailedWithTerminalError,

    /// <summary>No answer within the response timeout, or over its time limit.</summary>
    [JsonStringEnumMemberName("TIMED_OUT")]
    TimedOut,

    /// <summary>Canceled because its workflow ended.</summary>
    [JsonStringEnumMemberName("CANCELED")]
    Canceled,

    /// <summary>An optional task that failed; the workflow went on.</summary>
    [JsonStringEnumMemberName("COMPLETED_WITH_ERRORS")]
    CompletedWithErrors,

    /// <summary>Skipped (not produced by the test server).</summary>
    [JsonStringEnumMemberName("SKIPPED")]
    Skipped,
}

/// <summary>Task status helpers.</summary>
public static class TaskExecutionStatusExtensions
{
    /// <summary>True once the attempt has ended.</summary>
    public static bool IsTerminal(this TaskExecutionStatus status) =>
        status is not (TaskExecutionStatus.Scheduled or TaskExecutionStatus.InProgress);

    /// <summary>True for the terminal statuses that a retry can follow.</summary>
    internal static bool IsRetriable(this TaskExecutionStatus status) =>
        status is TaskExecutionStatus.Failed or TaskExecutionStatus.TimedOut;
}
