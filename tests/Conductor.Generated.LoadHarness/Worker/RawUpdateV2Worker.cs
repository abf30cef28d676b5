using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Conductor.Generated.LoadHarness.Worker;

/// <summary>
/// The floor for the protocol this runtime speaks: as many loops as the concurrency, each polling
/// for one task and completing it through <c>POST /api/tasks/update-v2</c>, whose answer carries
/// the next task, so under load a task costs one request. HttpClient and nothing else: no retries,
/// no backoff, no metrics, no logging.
/// </summary>
internal sealed class RawUpdateV2Worker : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http = new();
    private readonly Uri _pollUri;
    private readonly Uri _updateUri;
    private readonly string _workerId;
    private readonly int _concurrency;

    public RawUpdateV2Worker(WorkerCommandLine commandLine, string workerId)
    {
        var apiRoot = commandLine.ServerUrl.AbsoluteUri.TrimEnd('/') + "/";
        _workerId = workerId;
        _concurrency = commandLine.Concurrency;
        _pollUri = new Uri(
            apiRoot + $"tasks/poll/batch/{NoOpWorkers.TaskName}?workerid={Uri.EscapeDataString(workerId)}&count=1"
            + $"&timeout={((long)commandLine.PollTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}");
        _updateUri = new Uri(apiRoot + "tasks/update-v2");
    }

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, _concurrency).Select(_ => Task.Run(() => RunSlotAsync(stop), CancellationToken.None)));

    public void Dispose() => _http.Dispose();

    private async Task RunSlotAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            (string TaskId, string WorkflowId)? task;
            try
            {
                task = ReadTask(await _http.GetByteArrayAsync(_pollUri, stop), isArray: true);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            while (task is { } current)
            {
                task = await CompleteAsync(current.TaskId, current.WorkflowId);
            }
        }
    }

    private async Task<(string TaskId, string WorkflowId)?> CompleteAsync(string taskId, string workflowInstanceId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("taskId", taskId);
            json.WriteString("workflowInstanceId", workflowInstanceId);
            json.WriteString("workerId", _workerId);
            json.WriteString("status", "COMPLETED");
            json.WriteStartObject("outputData");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = JsonMediaType;
        using var response = await _http.PostAsync(_updateUri, content);
        response.EnsureSuccessStatusCode();
        return ReadTask(await response.Content.ReadAsByteArrayAsync(), isArray: false);
    }

    /// <summary>The first task of a poll answer, or the task of an update-v2 answer; null when there is none.</summary>
    private static (string TaskId, string WorkflowId)? ReadTask(byte[] body, bool isArray)
    {
        if (body.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (isArray)
        {
            if (root.GetArrayLength() == 0)
            {
                return null;
            }

            root = root[0];
        }

        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("taskId", out var taskId) && taskId.GetString() is { Length: > 0 } id
            ? (id, root.GetProperty("workflowInstanceId").GetString()!)
            : null;
    }
}
