using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Task payloads over the thresholds, as a real server with external payload storage treats
/// them (ExternalPayloadStorageUtils#verifyAndUpload, #downloadPayload, #failTask;
/// ExecutionDAOFacade#populateTaskData).
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>The storage path of each task input kept in the store, so a task handed out again keeps its path.</summary>
    private readonly Dictionary<string, string> _externalInputPaths = new(StringComparer.Ordinal);

    /// <summary>The store; off (no thresholds) unless the server's options set it.</summary>
    public TestServerPayloadStorage PayloadStorage { get; set; } = new(options: null);

    /// <summary>
    /// For a task about to be handed out: fails it for good when its input is over the hard limit,
    /// as the server fails it at scheduling (ExternalPayloadStorageUtils#failTask). Returns
    /// whether it was failed (and must not be handed out).
    /// </summary>
    private bool FailIfInputOverLimit(TaskExecution task, long now)
    {
        if (PayloadStorage.Options is not { } options || _externalInputPaths.ContainsKey(task.TaskId))
        {
            return false;
        }

        var size = Utf8Json(task.InputData).Length;
        var limit = options.MaxTaskInputKilobytes * 1024L;
        if (size <= limit)
        {
            return false;
        }

        task.Status = TaskExecutionStatus.FailedWithTerminalError;
        task.ReasonForIncompletion = Truncate(PayloadTooLarge(size, task, limit));
        task.InputData = [];
        task.EndTime = now;
        task.UpdateTime = now;
        return true;
    }

    /// <summary>
    /// The copy of a task handed to a worker: an input over the threshold is moved to the store
    /// and the copy carries <c>inputData: {}</c> and <c>externalInputPayloadStoragePath</c>.
    /// </summary>
    private TaskExecution ExternalizeInput(TaskExecution handedOut)
    {
        if (PayloadStorage.Options is not { } options)
        {
            return handedOut;
        }

        if (!_externalInputPaths.TryGetValue(handedOut.TaskId, out var path))
        {
            var bytes = Utf8Json(handedOut.InputData);
            if (bytes.Length <= options.TaskInputThresholdKilobytes * 1024L)
            {
                return handedOut;
            }

            path = PayloadStorage.Store("task/input/", bytes);
            _externalInputPaths[handedOut.TaskId] = path;
        }

        handedOut.InputData = [];
        handedOut.ExternalInputPayloadStoragePath = path;
        return handedOut;
    }

    /// <summary>
    /// The output a result names by its storage path, read from the store; <see langword="null"/>
    /// when it sends its output inline. Throws 400 naming the path when the store has nothing
    /// (good) there: the real server cannot download it either (ExternalPayloadStorageUtils#downloadPayload).
    /// </summary>
    private JsonObject? ReadExternalOutput(TaskResult result)
    {
        var path = result.ExternalOutputPayloadStoragePath;
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (!PayloadStorage.IsEnabled)
        {
            throw ConductorApiException.BadRequest(
                $"The result names externalOutputPayloadStoragePath '{path}', but this test server has no external payload storage (set ConductorTestServerOptions.ExternalPayloadStorage).");
        }

        if (!PayloadStorage.TryRead(path, out var bytes))
        {
            throw ConductorApiException.BadRequest($"Unable to download payload from external storage path: {path}");
        }

        try
        {
            return JsonNode.Parse(bytes) as JsonObject
                ?? throw ConductorApiException.BadRequest($"Unable to download payload from external storage path: {path}: it is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw ConductorApiException.BadRequest($"Unable to download payload from external storage path: {path}: {exception.Message}");
        }
    }

    /// <summary>
    /// Fails a task whose inline output is over the hard limit, emptying the output, as
    /// ExternalPayloadStorageUtils#verifyAndUpload and #failTask do.
    /// </summary>
    private void FailIfOutputOverLimit(TaskExecution task)
    {
        if (PayloadStorage.Options is not { } options || task.OutputData.Count == 0)
        {
            return;
        }

        var size = Utf8Json(task.OutputData).Length;
        var limit = options.MaxTaskOutputKilobytes * 1024L;
        if (size > limit)
        {
            task.Status = TaskExecutionStatus.FailedWithTerminalError;
            task.ReasonForIncompletion = Truncate(PayloadTooLarge(size, task, limit));
            task.OutputData = [];
        }
    }

    /// <summary>The real server's words (ExternalPayloadStorageUtils#verifyAndUpload).</summary>
    private static string PayloadTooLarge(long size, TaskExecution task, long limit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"The payload size: {size} of task: {task.TaskId} in workflow: {task.WorkflowInstanceId}  is greater than the permissible limit: {limit} bytes");

    private static byte[] Utf8Json(JsonObject value) => JsonSerializer.SerializeToUtf8Bytes(value, ServerJsonContext.Default.JsonObject);
}
