using System.Text.Json.Serialization;

namespace Conductor.Generated.Client;

/// <summary>What a worker reports for a task with <c>POST /api/tasks</c>.</summary>
public sealed class TaskResult
{
    /// <summary>The longest <see cref="ReasonForIncompletion"/> the server keeps.</summary>
    public const int MaxReasonLength = 500;

    // The fields behind the properties. The runtime's own code on every task's path (the outcome
    // that creates the result, TaskResultJson that writes it) uses them directly: a property
    // call per field is a method of its own that the JIT compiles and tiers on that path.
    internal string WorkflowInstanceIdField = "";
    internal string TaskIdField = "";
    internal TaskResultStatus StatusField;
    internal ReadOnlyMemory<byte> OutputDataField;
    internal string? ExternalOutputPayloadStoragePathField;
    internal string? ReasonForIncompletionField;
    internal long CallbackAfterSecondsField;
    internal string? WorkerIdField;
    internal IList<TaskExecutionLog>? LogsField;
    internal bool ExtendLeaseField;

    /// <summary>The id of the workflow the task belongs to (required).</summary>
    public string WorkflowInstanceId
    {
        get => WorkflowInstanceIdField;
        set => WorkflowInstanceIdField = value;
    }

    /// <summary>The task's id (required).</summary>
    public string TaskId
    {
        get => TaskIdField;
        set => TaskIdField = value;
    }

    /// <summary>The reported status.</summary>
    public TaskResultStatus Status
    {
        get => StatusField;
        set => StatusField = value;
    }

    /// <summary>
    /// The task's <c>outputData</c> as a UTF-8 JSON object, written to the request as is.
    /// Empty means <c>{}</c>.
    /// </summary>
    [JsonConverter(typeof(RawJsonObjectConverter))]
    public ReadOnlyMemory<byte> OutputData
    {
        get => OutputDataField;
        set => OutputDataField = value;
    }

    /// <summary>
    /// The path of the output in the server's external payload storage, when it was uploaded
    /// there instead of being sent in <see cref="OutputData"/> (which is then empty), as the Java
    /// client does (<c>TaskRunner#updateTaskResult</c>).
    /// </summary>
    public string? ExternalOutputPayloadStoragePath
    {
        get => ExternalOutputPayloadStoragePathField;
        set => ExternalOutputPayloadStoragePathField = value;
    }

    /// <summary>Why the task did not complete; cut to <see cref="MaxReasonLength"/> characters when set.</summary>
    public string? ReasonForIncompletion
    {
        get => ReasonForIncompletionField;
        set => ReasonForIncompletionField = Truncate(value, MaxReasonLength);
    }

    /// <summary>With <see cref="TaskResultStatus.InProgress"/>: seconds until the server hands the task out again.</summary>
    public long CallbackAfterSeconds
    {
        get => CallbackAfterSecondsField;
        set => CallbackAfterSecondsField = value;
    }

    /// <summary>The identity of the worker that ran the task.</summary>
    public string? WorkerId
    {
        get => WorkerIdField;
        set => WorkerIdField = value;
    }

    /// <summary>Lines for the task's execution log.</summary>
    public IList<TaskExecutionLog>? Logs
    {
        get => LogsField;
        set => LogsField = value;
    }

    /// <summary>
    /// When <see langword="true"/> the server only resets the task's response timeout and ignores
    /// status and output.
    /// </summary>
    public bool ExtendLease
    {
        get => ExtendLeaseField;
        set => ExtendLeaseField = value;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Status} for task {TaskId} (workflow {WorkflowInstanceId})";

    internal static string? Truncate(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }

        // Never cut a surrogate pair in half: the server would receive an invalid character.
        var length = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..length];
    }
}
