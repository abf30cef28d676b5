using System.Globalization;
using System.Text.Json;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Polling;

/// <summary>
/// Reads task inputs the server kept in its external payload storage, and uploads outputs over
/// the threshold there, as the Java client does (conductor-java-sdk TaskClient#populateTaskPayloads,
/// TaskClient#evaluateAndUploadLargePayload, TaskRunner#updateTaskResult).
/// </summary>
/// <remarks>
/// Unlike the Java client, a failure never escapes as an exception that loses the task: an input
/// that cannot be read keeps the worker from running and fails the task so the server retries it
/// (storage faults are transient); an output that cannot be uploaded fails it the same way; an
/// output over the hard limit fails it for good, as the server would
/// (ExternalPayloadStorageUtils#verifyAndUpload, #failTask).
/// </remarks>
internal sealed class ExternalPayloads
{
    /// <summary>How many times a storage call is tried before the task is failed.</summary>
    public const int Attempts = 3;

    private readonly ConductorClient _client;
    private readonly ILogger _logger;
    private readonly TimeSpan _initialRetryDelay;
    private readonly TimeSpan _maxRetryDelay;

    public ExternalPayloads(ConductorClient client, long outputThresholdBytes, long outputMaxBytes, ILogger logger, TimeSpan initialRetryDelay, TimeSpan maxRetryDelay)
    {
        _client = client;
        OutputThresholdBytes = outputThresholdBytes;
        OutputMaxBytes = outputMaxBytes;
        _logger = logger;
        _initialRetryDelay = initialRetryDelay;
        _maxRetryDelay = maxRetryDelay;
    }

    public long OutputThresholdBytes { get; }

    public long OutputMaxBytes { get; }

    /// <summary>
    /// When the task's input is in external storage, reads it into <see cref="ConductorTask.InputData"/>.
    /// Returns <see langword="null"/> when the task may run (its input is there), or the reason
    /// it may not, naming the path and what went wrong.
    /// </summary>
    public async ValueTask<string?> LoadInputAsync(ConductorTask task, string taskType, CancellationToken cancellationToken)
    {
        var path = task.ExternalInputPayloadStoragePath;
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var backoff = new ExponentialBackoff(_initialRetryDelay, _maxRetryDelay);
        for (var attempt = 1; ; attempt++)
        {
            var (input, bytes, error, transient) = await TryReadInputAsync(path, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                task.InputData = input;
                WorkerLog.ExternalInputRead(_logger, task.TaskId, taskType, path, bytes);
                return null;
            }

            if (!transient || attempt >= Attempts)
            {
                return error;
            }

            var delay = backoff.NextDelay();
            WorkerLog.ExternalPayloadRetry(_logger, task.TaskId, taskType, attempt, (long)delay.TotalMilliseconds, error);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(JsonElement Input, int Bytes, string? Error, bool Transient)> TryReadInputAsync(string path, CancellationToken cancellationToken)
    {
        var prefix = $"The task input at external payload storage path '{path}' could not be read";
        ExternalStorageLocation location;
        try
        {
            location = await _client.GetExternalStorageLocationAsync(path, ExternalPayloadNames.Read, ExternalPayloadNames.TaskInput, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            return (default, 0, $"{prefix}: asking the server for its location (GET /api/tasks/externalstoragelocation) failed: {exception.Message}", true);
        }

        if (!Uri.TryCreate(location.Uri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (default, 0, $"{prefix}: the server gave an address that is not an absolute http or https URL.", false);
        }

        byte[] body;
        try
        {
            body = await _client.DownloadExternalPayloadAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            return (default, 0, $"{prefix}: {exception.Message}", true);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (default, 0, $"{prefix}: {ConductorClient.DescribeStorageUri(uri)} holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not the JSON object a task input is.", false);
            }

            return (document.RootElement.Clone(), body.Length, null, false);
        }
        catch (JsonException exception)
        {
            return (default, 0, $"{prefix}: {ConductorClient.DescribeStorageUri(uri)} does not hold JSON ({exception.Message}).", false);
        }
    }

    /// <summary>
    /// Sends the result's output by reference when it is over the threshold; fails the result for
    /// good when it is over the hard limit, and so the server retries it when the upload failed.
    /// </summary>
    public async ValueTask PrepareOutputAsync(TaskResult result, string taskType, CancellationToken cancellationToken)
    {
        var size = result.OutputData.Length;
        if (size <= OutputThresholdBytes)
        {
            return;
        }

        if (size > OutputMaxBytes)
        {
            // ExternalPayloadStorageUtils#verifyAndUpload fails the task so; the Java client too.
            Refuse(result, taskType, TaskResultStatus.FailedWithTerminalError, string.Create(CultureInfo.InvariantCulture,
                $"The task output is {size} bytes of JSON, more than the limit of {OutputMaxBytes} bytes (TaskOutputMaxPayloadKilobytes {OutputMaxBytes / 1024}); it was not sent."));
            return;
        }

        var backoff = new ExponentialBackoff(_initialRetryDelay, _maxRetryDelay);
        for (var attempt = 1; ; attempt++)
        {
            string error;
            try
            {
                var location = await _client.GetExternalStorageLocationAsync("", ExternalPayloadNames.Write, ExternalPayloadNames.TaskOutput, cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrEmpty(location.Path))
                {
                    error = "the server gave a location without a path to report the output by.";
                }
                else if (!Uri.TryCreate(location.Uri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    error = "the server gave an address that is not an absolute http or https URL.";
                }
                else
                {
                    await _client.UploadExternalPayloadAsync(uri, result.OutputData, cancellationToken).ConfigureAwait(false);
                    result.ExternalOutputPayloadStoragePath = location.Path;
                    result.OutputData = default;
                    WorkerLog.ExternalOutputUploaded(_logger, result.TaskId, taskType, location.Path, size);
                    return;
                }
            }
            catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
            {
                error = exception.Message;
            }

            if (attempt >= Attempts)
            {
                Refuse(result, taskType, TaskResultStatus.Failed, string.Create(CultureInfo.InvariantCulture,
                    $"The task output ({size} bytes, over the threshold of {OutputThresholdBytes} bytes for external storage) could not be uploaded: {error}"));
                return;
            }

            var delay = backoff.NextDelay();
            WorkerLog.ExternalPayloadRetry(_logger, result.TaskId, taskType, attempt, (long)delay.TotalMilliseconds, error);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Refuse(TaskResult result, string taskType, TaskResultStatus status, string reason)
    {
        result.Status = status;
        result.ReasonForIncompletion = reason;
        result.OutputData = default;
        result.CallbackAfterSeconds = 0;
        WorkerLog.ExternalOutputRefused(_logger, result.TaskId, taskType, result.WorkflowInstanceId, WorkerMetrics.StatusName(status), reason);
    }

    private static bool IsStorageFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is ConductorApiException or HttpRequestException or ArgumentException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested); // an HTTP timeout
}
