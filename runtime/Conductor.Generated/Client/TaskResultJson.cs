using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Conductor.Generated.Client;

/// <summary>
/// Writes a <see cref="TaskResult"/> as the request body of <c>POST /api/tasks</c> and
/// <c>/api/tasks/update-v2</c>: the same bytes as <see cref="ConductorJsonContext"/>'s contract
/// (camelCase, nulls left out, the status by its wire name, <c>outputData</c> written as is), with
/// one method of straight writer calls instead of the serializer's metadata walk.
/// </summary>
/// <remarks>
/// Every result the runtime reports goes through here. The serializer's walk over the
/// properties is some seventy small generic methods on the per-task path, each compiled,
/// counted and compiled again by the JIT's tiers before it runs at full speed; this is one.
/// A status outside the enum's names goes through the serializer, which decides what it becomes.
/// </remarks>
internal static class TaskResultJson
{
    private static readonly JsonEncodedText WorkflowInstanceIdName = JsonEncodedText.Encode("workflowInstanceId");
    private static readonly JsonEncodedText TaskIdName = JsonEncodedText.Encode("taskId");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText OutputDataName = JsonEncodedText.Encode("outputData");
    private static readonly JsonEncodedText ExternalOutputPayloadStoragePathName = JsonEncodedText.Encode("externalOutputPayloadStoragePath");
    private static readonly JsonEncodedText ReasonForIncompletionName = JsonEncodedText.Encode("reasonForIncompletion");
    private static readonly JsonEncodedText CallbackAfterSecondsName = JsonEncodedText.Encode("callbackAfterSeconds");
    private static readonly JsonEncodedText WorkerIdName = JsonEncodedText.Encode("workerId");
    private static readonly JsonEncodedText LogsName = JsonEncodedText.Encode("logs");
    private static readonly JsonEncodedText ExtendLeaseName = JsonEncodedText.Encode("extendLease");

    private static readonly JsonEncodedText InProgress = JsonEncodedText.Encode("IN_PROGRESS");
    private static readonly JsonEncodedText Completed = JsonEncodedText.Encode("COMPLETED");
    private static readonly JsonEncodedText Failed = JsonEncodedText.Encode("FAILED");
    private static readonly JsonEncodedText FailedWithTerminalError = JsonEncodedText.Encode("FAILED_WITH_TERMINAL_ERROR");

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>A thread's buffer is kept between calls only while it is at most this big.</summary>
    private const int KeptBufferBytes = 16 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The request body for <paramref name="result"/>.</summary>
    /// <remarks>Compiled optimized at its first call, as the poll-answer reader (<see cref="PolledTaskReader.TryRead"/>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] Serialize(TaskResult result)
    {
        if (!TryStatusText(result.StatusField, out var status))
        {
            return JsonSerializer.SerializeToUtf8Bytes(result, ConductorJsonContext.Default.TaskResult);
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        var writer = t_writer;
        if (writer is null)
        {
            // As the serializer's own writer for this contract: its depth limit, no structural
            // validation (the calls below are balanced), the default encoder.
            writer = t_writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = ConductorJsonContext.MaxDepth, SkipValidation = true });
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            writer.WriteStartObject();
            // Declared non-null, but a caller may set null anyway: left out, as the serializer does.
            if (result.WorkflowInstanceIdField is { } workflowInstanceId)
            {
                writer.WriteString(WorkflowInstanceIdName, workflowInstanceId);
            }

            if (result.TaskIdField is { } taskId)
            {
                writer.WriteString(TaskIdName, taskId);
            }

            writer.WriteString(StatusName, status);
            writer.WritePropertyName(OutputDataName);
            writer.WriteRawValue(result.OutputDataField.IsEmpty ? EmptyObject : result.OutputDataField.Span);
            if (result.ExternalOutputPayloadStoragePathField is { } path)
            {
                writer.WriteString(ExternalOutputPayloadStoragePathName, path);
            }

            if (result.ReasonForIncompletionField is { } reason)
            {
                writer.WriteString(ReasonForIncompletionName, reason);
            }

            writer.WriteNumber(CallbackAfterSecondsName, result.CallbackAfterSecondsField);
            if (result.WorkerIdField is { } workerId)
            {
                writer.WriteString(WorkerIdName, workerId);
            }

            if (result.LogsField is { } logs)
            {
                writer.WritePropertyName(LogsName);
                JsonSerializer.Serialize(writer, logs, ConductorJsonContext.Default.IListTaskExecutionLog);
            }

            writer.WriteBoolean(ExtendLeaseName, result.ExtendLeaseField);
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > KeptBufferBytes)
            {
                t_buffer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    /// <summary>The status's wire name; <see langword="false"/> for a value outside the enum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryStatusText(TaskResultStatus status, out JsonEncodedText text)
    {
        switch (status)
        {
            case TaskResultStatus.InProgress:
                text = InProgress;
                return true;
            case TaskResultStatus.Completed:
                text = Completed;
                return true;
            case TaskResultStatus.Failed:
                text = Failed;
                return true;
            case TaskResultStatus.FailedWithTerminalError:
                text = FailedWithTerminalError;
                return true;
            default:
                text = default;
                return false;
        }
    }
}
