using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Conductor.Generated.LoadHarness.Worker;

/// <summary>
/// The floor: the least a client must do, with HttpClient and nothing else. One loop asks for as
/// many tasks as it may run (a batch poll that waits on the server), completes each with an empty
/// output through <c>POST /api/tasks</c>, all at once, and polls again when they are reported.
/// No retries, no backoff, no metrics, no logging.
/// </summary>
internal sealed class RawHttpWorker : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http = new();
    private readonly Uri _pollUri;
    private readonly Uri _updateUri;
    private readonly string _workerId;

    public RawHttpWorker(WorkerCommandLine commandLine, string workerId)
    {
        var apiRoot = commandLine.ServerUrl.AbsoluteUri.TrimEnd('/') + "/";
        _workerId = workerId;
        _pollUri = new Uri(
            apiRoot + $"tasks/poll/batch/{NoOpWorkers.TaskName}?workerid={Uri.EscapeDataString(workerId)}"
            + $"&count={commandLine.Concurrency.ToString(CultureInfo.InvariantCulture)}"
            + $"&timeout={((long)commandLine.PollTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}");
        _updateUri = new Uri(apiRoot + "tasks");
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var updates = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            byte[] body;
            try
            {
                body = await _http.GetByteArrayAsync(_pollUri, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            if (body.Length == 0)
            {
                continue;
            }

            using (var tasks = JsonDocument.Parse(body))
            {
                foreach (var task in tasks.RootElement.EnumerateArray())
                {
                    updates.Add(CompleteAsync(task.GetProperty("taskId").GetString()!, task.GetProperty("workflowInstanceId").GetString()!));
                }
            }

            await Task.WhenAll(updates);
            updates.Clear();
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task CompleteAsync(string taskId, string workflowInstanceId)
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
    }
}
