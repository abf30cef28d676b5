using System.Net;
using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;
using PayloadHandler = Conductor.Generated.Polling.ExternalPayloads;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conductor.Generated.Tests.ExternalPayloads;

/// <summary>
/// The runtime's handling of external payloads against a stub that answers as the real server
/// (TaskResource#getExternalStorageLocation) and a storage host elsewhere (a presigned URL), as
/// the Java client uses them (TaskClient#populateTaskPayloads, PayloadStorage#download, #upload).
/// </summary>
public sealed class ExternalPayloadUnitTests : IDisposable
{
    private const string InputPath = "task/input/abc.json";
    private const string SignedInputUri = "https://storage.example/bucket/task/input/abc.json?X-Amz-Signature=s3cr3t";
    private readonly StubHandler _handler = new();
    private readonly HttpClient _httpClient;
    private readonly ConductorClient _client;

    public ExternalPayloadUnitTests()
    {
        _httpClient = new HttpClient(_handler);
        _client = new ConductorClient(new Uri("http://conductor.example/api"), _httpClient, new ConductorCredentials("key", "secret"));
        _handler.Answer("POST http://conductor.example/api/token", HttpStatusCode.OK, """{"token":"conductor-token"}""");
    }

    public void Dispose()
    {
        _client.Dispose();
        _httpClient.Dispose();
        _handler.Dispose();
    }

    [Fact]
    public async Task The_input_is_read_from_the_address_the_server_gives_and_the_conductor_token_never_goes_there()
    {
        _handler.Answer("GET http://conductor.example/api/tasks/externalstoragelocation?path=task%2Finput%2Fabc.json&operation=READ&payloadType=TASK_INPUT",
            HttpStatusCode.OK, $$"""{"uri":"{{SignedInputUri}}","path":"{{InputPath}}"}""");
        _handler.Answer("GET " + SignedInputUri, HttpStatusCode.OK, """{"name":"ada","times":3}""");
        var task = Task();

        var refusal = await Payloads().LoadInputAsync(task, "greet", CancellationToken.None);

        Assert.Null(refusal);
        Assert.Equal("ada", task.InputData.GetProperty("name").GetString());
        Assert.True(new TaskContext(task, "w").InputWasExternal);
        Assert.Equal("conductor-token", _handler.AuthorizationOf("GET http://conductor.example/api/tasks/externalstoragelocation"));
        Assert.Null(_handler.AuthorizationOf("GET https://storage.example/"));
    }

    [Theory]
    [InlineData("[1,2]", "holds a JSON array, not the JSON object a task input is")]
    [InlineData("not json", "does not hold JSON")]
    public async Task A_body_that_is_not_a_json_object_keeps_the_worker_from_running_and_names_the_path(string body, string expected)
    {
        AnswerLocation();
        _handler.Answer("GET " + SignedInputUri, HttpStatusCode.OK, body);

        var refusal = await Payloads().LoadInputAsync(Task(), "greet", CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains($"path '{InputPath}'", refusal, StringComparison.Ordinal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
        Assert.Equal(1, _handler.CountOf("GET https://storage.example/")); // not transient: not tried again
    }

    [Fact]
    public async Task A_storage_error_is_tried_again_then_named_with_the_path_and_status_but_not_the_signature()
    {
        AnswerLocation();
        _handler.Answer("GET " + SignedInputUri, HttpStatusCode.ServiceUnavailable, "");

        var refusal = await Payloads().LoadInputAsync(Task(), "greet", CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains($"path '{InputPath}'", refusal, StringComparison.Ordinal);
        Assert.Contains("503", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", refusal, StringComparison.Ordinal);
        Assert.Equal(PayloadHandler.Attempts, _handler.CountOf("GET https://storage.example/"));
    }

    [Fact]
    public async Task A_refused_location_names_the_path_and_the_route()
    {
        _handler.Answer("GET http://conductor.example/api/tasks/externalstoragelocation?path=task%2Finput%2Fabc.json&operation=READ&payloadType=TASK_INPUT",
            HttpStatusCode.BadRequest, """{"status":400,"message":"Invalid input - Operation: READ, PayloadType: TASK_INPUT"}""");

        var refusal = await Payloads().LoadInputAsync(Task(), "greet", CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains($"path '{InputPath}'", refusal, StringComparison.Ordinal);
        Assert.Contains("GET /api/tasks/externalstoragelocation", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_over_the_threshold_is_put_to_the_write_address_without_the_token_and_sent_by_path()
    {
        _handler.Answer("GET http://conductor.example/api/tasks/externalstoragelocation?path=&operation=WRITE&payloadType=TASK_OUTPUT",
            HttpStatusCode.OK, """{"uri":"https://storage.example/bucket/task/output/def.json?sig=1","path":"task/output/def.json"}""");
        _handler.Answer("PUT https://storage.example/bucket/task/output/def.json?sig=1", HttpStatusCode.OK, "");
        var output = """{"text":"0123456789012345678901234567890123456789"}"""u8.ToArray();
        var result = new TaskResult { TaskId = "t", WorkflowInstanceId = "w", Status = TaskResultStatus.Completed, OutputData = output };

        await Payloads(thresholdBytes: 16, maxBytes: 1024).PrepareOutputAsync(result, "produce", CancellationToken.None);

        Assert.Equal(TaskResultStatus.Completed, result.Status);
        Assert.Equal("task/output/def.json", result.ExternalOutputPayloadStoragePath);
        Assert.True(result.OutputData.IsEmpty);
        Assert.Equal(output, _handler.BodyOf("PUT https://storage.example/"));
        Assert.Null(_handler.AuthorizationOf("PUT https://storage.example/"));
        using var sent = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(result, ConductorJsonContext.Default.TaskResult));
        Assert.Equal("task/output/def.json", sent.RootElement.GetProperty("externalOutputPayloadStoragePath").GetString());
    }

    [Fact]
    public async Task An_output_over_the_hard_limit_fails_for_good_naming_size_and_limit_without_any_request()
    {
        var result = new TaskResult { TaskId = "t", WorkflowInstanceId = "w", Status = TaskResultStatus.Completed, OutputData = new byte[3000] };

        await Payloads(thresholdBytes: 1024, maxBytes: 2048).PrepareOutputAsync(result, "produce", CancellationToken.None);

        Assert.Equal(TaskResultStatus.FailedWithTerminalError, result.Status);
        Assert.Equal("The task output is 3000 bytes of JSON, more than the limit of 2048 bytes (TaskOutputMaxPayloadKilobytes 2); it was not sent.", result.ReasonForIncompletion);
        Assert.True(result.OutputData.IsEmpty);
        Assert.Equal(0, _handler.CountOf("GET http://conductor.example/api/tasks/externalstoragelocation"));
    }

    [Fact]
    public async Task An_upload_that_keeps_failing_fails_the_task_retryable_naming_the_error()
    {
        _handler.Answer("GET http://conductor.example/api/tasks/externalstoragelocation?path=&operation=WRITE&payloadType=TASK_OUTPUT",
            HttpStatusCode.OK, """{"uri":"https://storage.example/bucket/out.json","path":"out.json"}""");
        _handler.Answer("PUT https://storage.example/bucket/out.json", HttpStatusCode.Forbidden, "");
        var result = new TaskResult { TaskId = "t", WorkflowInstanceId = "w", Status = TaskResultStatus.Completed, OutputData = """{"text":"0123456789012345678901234567890"}"""u8.ToArray() };

        await Payloads(thresholdBytes: 16, maxBytes: 1024).PrepareOutputAsync(result, "produce", CancellationToken.None);

        Assert.Equal(TaskResultStatus.Failed, result.Status);
        Assert.Contains("could not be uploaded", result.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Contains("403", result.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Null(result.ExternalOutputPayloadStoragePath);
        Assert.Equal(PayloadHandler.Attempts, _handler.CountOf("PUT https://storage.example/"));
    }

    [Theory]
    [InlineData(null, null, 3072 * 1024L, 10240 * 1024L)]
    [InlineData("100", "200", 100 * 1024L, 200 * 1024L)]
    public void The_output_limits_come_from_the_environment_when_not_set_in_code(string? threshold, string? max, long expectedThreshold, long expectedMax)
    {
        var options = new ConductorWorkerOptions();
        var environment = new Dictionary<string, string?>
        {
            [ConductorWorkerOptions.TaskOutputPayloadThresholdEnvironmentVariable] = threshold,
            [ConductorWorkerOptions.TaskOutputMaxPayloadEnvironmentVariable] = max,
        };

        Assert.Equal((expectedThreshold, expectedMax), options.ResolveOutputPayloadLimits(name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("lots", "10", "CONDUCTOR_TASK_OUTPUT_PAYLOAD_THRESHOLD_KB")]
    [InlineData("10", "-1", "CONDUCTOR_TASK_OUTPUT_MAX_PAYLOAD_THRESHOLD_KB")]
    [InlineData("20", "10", "must not be below")]
    public void Output_limits_that_cannot_be_used_stop_the_start_naming_them(string threshold, string max, string expected)
    {
        var options = new ConductorWorkerOptions();
        var environment = new Dictionary<string, string?>
        {
            [ConductorWorkerOptions.TaskOutputPayloadThresholdEnvironmentVariable] = threshold,
            [ConductorWorkerOptions.TaskOutputMaxPayloadEnvironmentVariable] = max,
        };

        var error = Assert.Throws<InvalidOperationException>(() => options.ResolveOutputPayloadLimits(name => environment.GetValueOrDefault(name)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private PayloadHandler Payloads(long thresholdBytes = 3072 * 1024, long maxBytes = 10240 * 1024) =>
        new(_client, thresholdBytes, maxBytes, NullLogger.Instance, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    private void AnswerLocation() =>
        _handler.Answer("GET http://conductor.example/api/tasks/externalstoragelocation?path=task%2Finput%2Fabc.json&operation=READ&payloadType=TASK_INPUT",
            HttpStatusCode.OK, $$"""{"uri":"{{SignedInputUri}}","path":"{{InputPath}}"}""");

    private static ConductorTask Task() => new()
    {
        TaskId = "task-1",
        TaskType = "greet",
        WorkflowInstanceId = "wf-1",
        InputData = JsonDocument.Parse("{}").RootElement,
        ExternalInputPayloadStoragePath = InputPath,
    };

    /// <summary>Answers requests by method and full address; records each with its token and body.</summary>
    private sealed class StubHandler : HttpMessageHandler
    {
        private readonly Dictionary<string, (HttpStatusCode Status, string Body)> _answers = new(StringComparer.Ordinal);
        private readonly List<(string Key, string? Authorization, byte[] Body)> _requests = [];

        public void Answer(string methodAndUri, HttpStatusCode status, string body) => _answers[methodAndUri] = (status, body);

        public int CountOf(string prefix)
        {
            lock (_requests)
            {
                return _requests.Count(request => request.Key.StartsWith(prefix, StringComparison.Ordinal));
            }
        }

        public string? AuthorizationOf(string prefix)
        {
            lock (_requests)
            {
                var found = _requests.Where(request => request.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                Assert.NotEmpty(found);
                return found[^1].Authorization;
            }
        }

        public byte[] BodyOf(string prefix)
        {
            lock (_requests)
            {
                return _requests.Last(request => request.Key.StartsWith(prefix, StringComparison.Ordinal)).Body;
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = request.Method.Method + " " + request.RequestUri!.OriginalString;
            var authorization = request.Headers.TryGetValues("X-Authorization", out var values) ? values.First()
                : request.Headers.Authorization?.ToString();
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            lock (_requests)
            {
                _requests.Add((key, authorization, body));
            }

            var (status, text) = _answers.TryGetValue(key, out var answer) ? answer : (HttpStatusCode.NotFound, "");
            return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        }
    }
}
