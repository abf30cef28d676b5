using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Conductor.Generated.Binding;

namespace Conductor.Generated.Client;

/// <summary>
/// The memory one poll (or update-v2) answer was read into, shared by the tasks read from it:
/// the pooled array of the answer's bytes and the pooled document parsed over it, which each
/// task's <see cref="ConductorTask.InputData"/> points into. Every task holds it until its worker
/// has returned and its result is written (<see cref="ConductorTask.ReleaseAnswer"/>); the last
/// holder gives the document's metadata and the array back to the pool.
/// </summary>
/// <remarks>
/// Only the worker runtime reads answers this way. The public client methods hand out tasks
/// with their own copies of their input, since their callers may keep them.
/// </remarks>
internal sealed class PolledAnswer
{
    private readonly byte[] _array;
    private readonly JsonDocument _document;
    private int _holders = 1; // the reader's own hold, released once every task is read

    public PolledAnswer(byte[] array, JsonDocument document)
    {
        _array = array;
        _document = document;
    }

    public void Hold() => Interlocked.Increment(ref _holders);

    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            // A JSON element read after this throws ObjectDisposedException: the document
            // forgets the array before the array goes back to the pool.
            _document.Dispose();
            ConductorClient.ReturnBody(_array);
        }
    }
}

/// <summary>
/// Reads a task's fields from an element of a parsed answer without a second pass of the
/// serializer, with the contract of <see cref="ConductorJsonContext"/>: names matched without
/// regard to case, unknown fields ignored. Whenever an element holds anything that contract
/// treats specially (a number in a string, an escaped or non-ASCII name, a null where a number
/// or object goes, a value of the wrong kind), it declines, and the caller reads the element
/// with the serializer, which gives the same task or the same failure as before.
/// </summary>
internal static class PolledTaskReader
{
    private enum Field
    {
        Unknown,
        TaskId,
        TaskType,
        TaskDefName,
        Status,
        InputData,
        ExternalInputPayloadStoragePath,
        ExternalOutputPayloadStoragePath,
        ReferenceTaskName,
        WorkflowInstanceId,
        WorkflowType,
        CorrelationId,
        Domain,
        RetryCount,
        PollCount,
        CallbackAfterSeconds,
        ResponseTimeoutSeconds,
        Iteration,
        ScheduledTime,
        QueueWaitTime,
        StartTime,
        UpdateTime,
        WorkerId,
        WorkflowPriority,
        RetriedTaskId,
        OutputData,
        ReasonForIncompletion,
        EndTime,
    }

    /// <summary>The fields by the length of their name (camelCase, as the server writes them).</summary>
    private static readonly (byte[] Name, Field Field)[][] FieldsByLength = BuildTable(
    [
        ("taskId"u8.ToArray(), Field.TaskId),
        ("taskType"u8.ToArray(), Field.TaskType),
        ("taskDefName"u8.ToArray(), Field.TaskDefName),
        ("status"u8.ToArray(), Field.Status),
        ("inputData"u8.ToArray(), Field.InputData),
        ("externalInputPayloadStoragePath"u8.ToArray(), Field.ExternalInputPayloadStoragePath),
        ("externalOutputPayloadStoragePath"u8.ToArray(), Field.ExternalOutputPayloadStoragePath),
        ("referenceTaskName"u8.ToArray(), Field.ReferenceTaskName),
        ("workflowInstanceId"u8.ToArray(), Field.WorkflowInstanceId),
        ("workflowType"u8.ToArray(), Field.WorkflowType),
        ("correlationId"u8.ToArray(), Field.CorrelationId),
        ("domain"u8.ToArray(), Field.Domain),
        ("retryCount"u8.ToArray(), Field.RetryCount),
        ("pollCount"u8.ToArray(), Field.PollCount),
        ("callbackAfterSeconds"u8.ToArray(), Field.CallbackAfterSeconds),
        ("responseTimeoutSeconds"u8.ToArray(), Field.ResponseTimeoutSeconds),
        ("iteration"u8.ToArray(), Field.Iteration),
        ("scheduledTime"u8.ToArray(), Field.ScheduledTime),
        ("queueWaitTime"u8.ToArray(), Field.QueueWaitTime),
        ("startTime"u8.ToArray(), Field.StartTime),
        ("updateTime"u8.ToArray(), Field.UpdateTime),
        ("workerId"u8.ToArray(), Field.WorkerId),
        ("workflowPriority"u8.ToArray(), Field.WorkflowPriority),
        ("retriedTaskId"u8.ToArray(), Field.RetriedTaskId),
        ("outputData"u8.ToArray(), Field.OutputData),
        ("reasonForIncompletion"u8.ToArray(), Field.ReasonForIncompletion),
        ("endTime"u8.ToArray(), Field.EndTime),
    ]);

    private static (byte[] Name, Field Field)[][] BuildTable((byte[] Name, Field Field)[] fields)
    {
        var table = new (byte[] Name, Field Field)[fields.Max(field => field.Name.Length) + 1][];
        for (var length = 0; length < table.Length; length++)
        {
            table[length] = [.. fields.Where(field => field.Name.Length == length)];
        }

        return table;
    }

    /// <summary>
    /// Reads <paramref name="element"/> into a task whose input points into the element's
    /// document; <see langword="false"/> when the serializer must read it instead.
    /// </summary>
    /// <remarks>
    /// This method, <see cref="Find"/> and <see cref="TrySet"/> (run once per field, some 30 times
    /// per task) are compiled optimized at their first call, not at tier 0 and then instrumented
    /// while a young worker process's first thousands of tasks run; they make no virtual calls,
    /// so dynamic PGO has little to give them (docs/performance.md, "The cold view once more").
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(JsonElement element, out ConductorTask task)
    {
        task = null!;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var read = new ConductorTask();
        try
        {
            foreach (var property in element.EnumerateObject())
            {
                var field = Find(JsonMarshal.GetRawUtf8PropertyName(property), out var doubtful);
                if (doubtful)
                {
                    return false;
                }

                if (field != Field.Unknown && !TrySet(read, field, property.Value))
                {
                    return false;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8: the serializer says what is wrong.
            return false;
        }

        if (string.IsNullOrEmpty(read.TaskIdField))
        {
            return false;
        }

        task = read;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Field Find(ReadOnlySpan<byte> name, out bool doubtful)
    {
        doubtful = false;
        if (name.Length < FieldsByLength.Length)
        {
            foreach (var (candidate, field) in FieldsByLength[name.Length])
            {
                if (System.Text.Ascii.EqualsIgnoreCase(name, candidate))
                {
                    return field;
                }
            }
        }

        // An escaped name, or one with letters beyond ASCII, may still match a field without
        // regard to case (the serializer compares unescaped names ordinally ignoring case).
        doubtful = name.IndexOf((byte)'\\') >= 0 || !System.Text.Ascii.IsValid(name);
        return Field.Unknown;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySet(ConductorTask task, Field field, JsonElement value)
    {
        switch (field)
        {
            case Field.InputData:
                task.InputDataField = value;
                return value.ValueKind != JsonValueKind.Null;
            case Field.OutputData:
                task.OutputDataField = value;
                return value.ValueKind != JsonValueKind.Null;
            case Field.RetryCount:
                if (!InputValues.TryInt32(value, out var retryCount))
                {
                    return false;
                }

                task.RetryCountField = retryCount;
                return true;
            case Field.PollCount:
                if (!InputValues.TryInt32(value, out var pollCount))
                {
                    return false;
                }

                task.PollCountField = pollCount;
                return true;
            case Field.Iteration:
                if (!InputValues.TryInt32(value, out var iteration))
                {
                    return false;
                }

                task.IterationField = iteration;
                return true;
            case Field.WorkflowPriority:
                if (!InputValues.TryInt32(value, out var priority))
                {
                    return false;
                }

                task.WorkflowPriorityField = priority;
                return true;
            case Field.CallbackAfterSeconds:
                if (!InputValues.TryInt64(value, out var callbackAfter))
                {
                    return false;
                }

                task.CallbackAfterSecondsField = callbackAfter;
                return true;
            case Field.ResponseTimeoutSeconds:
                if (!InputValues.TryInt64(value, out var responseTimeout))
                {
                    return false;
                }

                task.ResponseTimeoutSecondsField = responseTimeout;
                return true;
            case Field.ScheduledTime:
                if (!InputValues.TryInt64(value, out var scheduled))
                {
                    return false;
                }

                task.ScheduledTimeField = scheduled;
                return true;
            case Field.QueueWaitTime:
                if (value.ValueKind == JsonValueKind.Null)
                {
                    task.QueueWaitTimeField = null;
                    return true;
                }

                if (!InputValues.TryInt64(value, out var queueWait))
                {
                    return false;
                }

                task.QueueWaitTimeField = queueWait;
                return true;
            case Field.StartTime:
                if (!InputValues.TryInt64(value, out var start))
                {
                    return false;
                }

                task.StartTimeField = start;
                return true;
            case Field.UpdateTime:
                if (!InputValues.TryInt64(value, out var update))
                {
                    return false;
                }

                task.UpdateTimeField = update;
                return true;
            case Field.EndTime:
                if (!InputValues.TryInt64(value, out var end))
                {
                    return false;
                }

                task.EndTimeField = end;
                return true;
            default:
                // A string field.
                string? text;
                if (value.ValueKind == JsonValueKind.String)
                {
                    text = value.GetString();
                }
                else if (value.ValueKind == JsonValueKind.Null)
                {
                    text = null;
                }
                else
                {
                    return false;
                }

                switch (field)
                {
                    case Field.TaskId: task.TaskIdField = text!; break;
                    case Field.TaskType: task.TaskTypeField = text; break;
                    case Field.TaskDefName: task.TaskDefNameField = text; break;
                    case Field.Status: task.StatusField = text; break;
                    case Field.ExternalInputPayloadStoragePath: task.ExternalInputPayloadStoragePathField = text; break;
                    case Field.ExternalOutputPayloadStoragePath: task.ExternalOutputPayloadStoragePathField = text; break;
                    case Field.ReferenceTaskName: task.ReferenceTaskNameField = text; break;
                    case Field.WorkflowInstanceId: task.WorkflowInstanceIdField = text!; break;
                    case Field.WorkflowType: task.WorkflowTypeField = text; break;
                    case Field.CorrelationId: task.CorrelationIdField = text; break;
                    case Field.Domain: task.DomainField = text; break;
                    case Field.WorkerId: task.WorkerIdField = text; break;
                    case Field.RetriedTaskId: task.RetriedTaskIdField = text; break;
                    case Field.ReasonForIncompletion: task.ReasonForIncompletionField = text; break;
                    default: return false;
                }

                return true;
        }
    }
}
