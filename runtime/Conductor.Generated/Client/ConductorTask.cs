using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Client;

/// <summary>
/// A task as the Conductor server hands it to a worker (the fields a worker uses; unknown fields
/// are ignored). Timestamps are epoch milliseconds.
/// </summary>
public sealed class ConductorTask
{
    /// <summary>The task's id; a retry is a new task with a new id.</summary>
    public string TaskId
    {
        get => TaskIdField;
        set => TaskIdField = value;
    }

    /// <summary>The task type (the worker's task name).</summary>
    public string? TaskType
    {
        get => TaskTypeField;
        set => TaskTypeField = value;
    }

    /// <summary>The task definition name.</summary>
    public string? TaskDefName
    {
        get => TaskDefNameField;
        set => TaskDefNameField = value;
    }

    /// <summary>The task status; <c>IN_PROGRESS</c> once polled.</summary>
    public string? Status
    {
        get => StatusField;
        set => StatusField = value;
    }

    /// <summary>The task's input object.</summary>
    public JsonElement InputData
    {
        get => InputDataField;
        set => InputDataField = value;
    }

    /// <summary>
    /// Where the server keeps the task's input when it was too large to send inline (the
    /// server's <c>ExternalPayloadStorageUtils#verifyAndUpload</c>); <see cref="InputData"/> is
    /// then empty as sent, and the runtime reads the input from there before the worker runs.
    /// </summary>
    public string? ExternalInputPayloadStoragePath
    {
        get => ExternalInputPayloadStoragePathField;
        set => ExternalInputPayloadStoragePathField = value;
    }

    /// <summary>Where the server keeps the task's output when it was too large to keep inline.</summary>
    public string? ExternalOutputPayloadStoragePath
    {
        get => ExternalOutputPayloadStoragePathField;
        set => ExternalOutputPayloadStoragePathField = value;
    }

    /// <summary>The task's reference name in its workflow.</summary>
    public string? ReferenceTaskName
    {
        get => ReferenceTaskNameField;
        set => ReferenceTaskNameField = value;
    }

    /// <summary>The id of the workflow the task belongs to.</summary>
    public string WorkflowInstanceId
    {
        get => WorkflowInstanceIdField;
        set => WorkflowInstanceIdField = value;
    }

    /// <summary>The workflow definition name.</summary>
    public string? WorkflowType
    {
        get => WorkflowTypeField;
        set => WorkflowTypeField = value;
    }

    /// <summary>The workflow's correlation id.</summary>
    public string? CorrelationId
    {
        get => CorrelationIdField;
        set => CorrelationIdField = value;
    }

    /// <summary>The task domain it was polled from.</summary>
    public string? Domain
    {
        get => DomainField;
        set => DomainField = value;
    }

    /// <summary>0 for the first attempt, then 1, 2, … for retries.</summary>
    public int RetryCount
    {
        get => RetryCountField;
        set => RetryCountField = value;
    }

    /// <summary>How many times the task has been handed out (1 on the first poll).</summary>
    public int PollCount
    {
        get => PollCountField;
        set => PollCountField = value;
    }

    /// <summary>The callback delay the task was last re-queued with.</summary>
    public long CallbackAfterSeconds
    {
        get => CallbackAfterSecondsField;
        set => CallbackAfterSecondsField = value;
    }

    /// <summary>The response timeout of the task definition.</summary>
    public long ResponseTimeoutSeconds
    {
        get => ResponseTimeoutSecondsField;
        set => ResponseTimeoutSecondsField = value;
    }

    /// <summary>The iteration inside a DO_WHILE loop, 0 outside one.</summary>
    public int Iteration
    {
        get => IterationField;
        set => IterationField = value;
    }

    /// <summary>When the task was scheduled.</summary>
    public long ScheduledTime
    {
        get => ScheduledTimeField;
        set => ScheduledTimeField = value;
    }

    /// <summary>
    /// Milliseconds the task waited in its queue before it was handed out, as the server computes
    /// it (<c>Task#getQueueWaitTime</c>: from scheduling to the first poll, or from the end of a
    /// callback delay); <see langword="null"/> when the server did not send it.
    /// </summary>
    public long? QueueWaitTime
    {
        get => QueueWaitTimeField;
        set => QueueWaitTimeField = value;
    }

    /// <summary>When the task was first polled.</summary>
    public long StartTime
    {
        get => StartTimeField;
        set => StartTimeField = value;
    }

    /// <summary>When the task last changed.</summary>
    public long UpdateTime
    {
        get => UpdateTimeField;
        set => UpdateTimeField = value;
    }

    /// <summary>The worker that polled it.</summary>
    public string? WorkerId
    {
        get => WorkerIdField;
        set => WorkerIdField = value;
    }

    /// <summary>The workflow's priority.</summary>
    public int WorkflowPriority
    {
        get => WorkflowPriorityField;
        set => WorkflowPriorityField = value;
    }

    /// <summary>The id of the task this one retries.</summary>
    public string? RetriedTaskId
    {
        get => RetriedTaskIdField;
        set => RetriedTaskIdField = value;
    }

    /// <summary>The task's output object, once a worker reported one (seen when reading a workflow).</summary>
    public JsonElement OutputData
    {
        get => OutputDataField;
        set => OutputDataField = value;
    }

    /// <summary>Why the task did not complete, once it failed (seen when reading a workflow).</summary>
    public string? ReasonForIncompletion
    {
        get => ReasonForIncompletionField;
        set => ReasonForIncompletionField = value;
    }

    /// <summary>When the task ended, in epoch milliseconds; 0 while it runs.</summary>
    public long EndTime
    {
        get => EndTimeField;
        set => EndTimeField = value;
    }

    // The fields behind the properties. The poll-answer reader (PolledTaskReader) writes them
    // directly: one method fills the task instead of a setter call per field, each setter a
    // method of its own that the JIT compiles and tiers on every worker's per-task path.
    internal string TaskIdField = "";
    internal string? TaskTypeField;
    internal string? TaskDefNameField;
    internal string? StatusField;
    internal JsonElement InputDataField;
    internal string? ExternalInputPayloadStoragePathField;
    internal string? ExternalOutputPayloadStoragePathField;
    internal string? ReferenceTaskNameField;
    internal string WorkflowInstanceIdField = "";
    internal string? WorkflowTypeField;
    internal string? CorrelationIdField;
    internal string? DomainField;
    internal int RetryCountField;
    internal int PollCountField;
    internal long CallbackAfterSecondsField;
    internal long ResponseTimeoutSecondsField;
    internal int IterationField;
    internal long ScheduledTimeField;
    internal long? QueueWaitTimeField;
    internal long StartTimeField;
    internal long UpdateTimeField;
    internal string? WorkerIdField;
    internal int WorkflowPriorityField;
    internal string? RetriedTaskIdField;
    internal JsonElement OutputDataField;
    internal string? ReasonForIncompletionField;
    internal long EndTimeField;

    /// <summary>
    /// The answer this task was read from when the worker runtime read it without copying its
    /// input (<see cref="InputData"/> points into it); <see langword="null"/> otherwise.
    /// </summary>
    private PolledAnswer? _answer;

    /// <summary>Makes <see cref="InputData"/> point into <paramref name="answer"/>, which this task now holds.</summary>
    internal void HoldAnswer(PolledAnswer answer)
    {
        answer.Hold();
        _answer = answer;
    }

    /// <summary>
    /// Lets go of the answer <see cref="InputData"/> points into, once the worker has returned and
    /// its result is written: the input is not readable after this. Does nothing for a task
    /// with an input of its own; safe to call more than once.
    /// </summary>
    internal void ReleaseAnswer() => Interlocked.Exchange(ref _answer, null)?.Release();

    /// <inheritdoc/>
    public override string ToString() => $"{TaskType ?? TaskDefName} {TaskId} (workflow {WorkflowInstanceId})";
}
