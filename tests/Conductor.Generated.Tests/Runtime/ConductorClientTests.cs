using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conductor.Generated.Client;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Conductor.Generated.Tests.Runtime;

public sealed class ConductorClientTests : IAsyncLifetime, IDisposable
{
    private FakeConductorServer _server = null!;
    private ConductorClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeConductorServer.StartAsync();
        _client = new ConductorClient(_server.ApiUrl);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _client?.Dispose();

    [Theory]
    [InlineData("http://conductor:8080/api", "http://conductor:8080/api/")]
    [InlineData("http://conductor:8080/api/", "http://conductor:8080/api/")]
    [InlineData("http://conductor:8080", "http://conductor:8080/api/")]
    [InlineData("http://conductor:8080/", "http://conductor:8080/api/")]
    [InlineData("https://example.test/conductor/api", "https://example.test/conductor/api/")]
    [InlineData("https://example.test/conductor", "https://example.test/conductor/api/")]
    public void Server_url_is_normalized_to_an_api_root_with_or_without_api(string given, string expected)
    {
        Assert.Equal(new Uri(expected), ConductorClient.NormalizeApiRoot(new Uri(given)));
    }

    [Theory]
    [InlineData("ftp://conductor/api")]
    [InlineData("/api")]
    [InlineData("http://conductor/api?x=1")]
    public void Server_url_that_is_not_absolute_http_is_rejected(string given)
    {
        var error = Assert.Throws<ArgumentException>(() => ConductorClient.NormalizeApiRoot(new Uri(given, UriKind.RelativeOrAbsolute)));
        Assert.Contains(given, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_poll_sends_worker_id_count_and_timeout_and_escapes_the_task_type()
    {
        await _client.PollBatchAsync("my task/v1", "host 1", domain: null, count: 3, pollTimeout: TimeSpan.FromMilliseconds(150));

        var request = Assert.Single(_server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/tasks/poll/batch/my%20task%2Fv1?workerid=host%201&count=3&timeout=150", request.RawTarget);
    }

    [Fact]
    public async Task Batch_poll_sends_the_domain_only_when_there_is_one()
    {
        await _client.PollBatchAsync("typed", "w", domain: "blue team", count: 1, pollTimeout: TimeSpan.Zero);
        await _client.PollBatchAsync("typed", "w", domain: null, count: 1, pollTimeout: TimeSpan.Zero);
        await _client.PollBatchAsync("typed", "w", domain: "", count: 1, pollTimeout: TimeSpan.Zero);

        var polls = _server.Polls;
        Assert.Equal(["blue team", null, null], polls.Select(poll => poll.Domain));
        Assert.Contains("&domain=blue%20team", _server.Requests[0].RawTarget, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Batch_poll_without_work_returns_an_empty_list_for_an_empty_array_and_for_no_content(bool answerNoContent)
    {
        _server.EmptyPollAnswersNoContent = answerNoContent;

        var tasks = await _client.PollBatchAsync("nothing_here", "w", null, 2, TimeSpan.Zero);

        Assert.Empty(tasks);
    }

    [Fact]
    public async Task Batch_poll_reads_tasks_and_ignores_fields_it_does_not_know()
    {
        _server.Enqueue("greet", "greet-1", """{"name":"Ada","nested":{"deep":[1,2]}}""");

        var task = Assert.Single(await _client.PollBatchAsync("greet", "w", null, 5, TimeSpan.Zero));

        Assert.Equal("greet-1", task.TaskId);
        Assert.Equal("greet", task.TaskType);
        Assert.Equal("wf-greet-1", task.WorkflowInstanceId);
        Assert.Equal("greet-1_ref", task.ReferenceTaskName);
        Assert.Equal(1, task.PollCount);
        Assert.Equal(3600, task.ResponseTimeoutSeconds);
        Assert.Equal("Ada", task.InputData.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Success_answer_with_a_body_that_is_not_the_expected_json_throws_naming_the_request()
    {
        _server.OtherRequests = async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"taskId": 12""");
        };

        var error = await Assert.ThrowsAsync<ConductorApiException>(() => _client.GetTaskAsync("t-1"));

        Assert.Contains("GET /api/tasks/t-1", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public void Task_result_reads_back_its_output_object_as_raw_json()
    {
        var result = JsonSerializer.Deserialize(
            """{"taskId":"t","workflowInstanceId":"wf","status":"IN_PROGRESS","callbackAfterSeconds":5,"outputData":{"a":[1,2]},"unknown":1}""",
            ConductorJsonContext.Default.TaskResult)!;

        Assert.Equal(TaskResultStatus.InProgress, result.Status);
        Assert.Equal(5, result.CallbackAfterSeconds);
        Assert.Equal("""{"a":[1,2]}""", System.Text.Encoding.UTF8.GetString(result.OutputData.Span));
    }

    [Fact]
    public async Task Update_posts_the_output_bytes_as_they_are_with_conductor_status_names_and_no_nulls()
    {
        var result = new TaskResult
        {
            TaskId = "t-1",
            WorkflowInstanceId = "wf-1",
            Status = TaskResultStatus.FailedWithTerminalError,
            OutputData = """{"total": 42, "items":["a","b"]}"""u8.ToArray(),
            WorkerId = "w",
            Logs = [new TaskExecutionLog { Log = "line", CreatedTime = 1700000000000, TaskId = "t-1" }],
        };

        var echoed = await _client.UpdateTaskAsync(result);

        Assert.Equal("t-1", echoed);
        var request = Assert.Single(_server.Requests);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        // The output is written verbatim: its spacing survives.
        Assert.Contains("""{"total": 42, "items":["a","b"]}""", request.Body, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("FAILED_WITH_TERMINAL_ERROR", root.GetProperty("status").GetString());
        Assert.Equal("wf-1", root.GetProperty("workflowInstanceId").GetString());
        Assert.False(root.TryGetProperty("reasonForIncompletion", out _));
        var log = Assert.Single(root.GetProperty("logs").EnumerateArray());
        Assert.Equal("line", log.GetProperty("log").GetString());
        Assert.Equal(1700000000000, log.GetProperty("createdTime").GetInt64());
        Assert.Equal("t-1", log.GetProperty("taskId").GetString());
    }

    [Fact]
    public async Task Update_without_output_sends_an_empty_object()
    {
        await _client.UpdateTaskAsync(new TaskResult { TaskId = "t", WorkflowInstanceId = "wf", Status = TaskResultStatus.Completed });

        using var body = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("outputData").ValueKind);
        Assert.Equal("COMPLETED", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Error_answer_throws_with_status_request_and_everything_the_server_said()
    {
        _server.UpdateFailure = (_, _) => (HttpStatusCode.BadRequest, """
            {"status":400,"code":"INVALID_INPUT","message":"Validation failed, check below errors for detail.","retryable":false,
             "instance":"conductor-1","validationErrors":[{"path":"updateTask.taskResult.taskId","message":"Task ID cannot be null or empty"}]}
            """);

        var error = await Assert.ThrowsAsync<ConductorApiException>(
            () => _client.UpdateTaskAsync(new TaskResult { WorkflowInstanceId = "wf", Status = TaskResultStatus.Completed }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/api/tasks", error.Path);
        Assert.False(error.IsTransient);
        Assert.Equal("INVALID_INPUT", error.Error?.Code);
        Assert.Equal("conductor-1", error.Error?.Instance);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /api/tasks", error.Message, StringComparison.Ordinal);
        Assert.Contains("INVALID_INPUT", error.Message, StringComparison.Ordinal);
        Assert.Contains("Validation failed, check below errors for detail.", error.Message, StringComparison.Ordinal);
        Assert.Contains("updateTask.taskResult.taskId: Task ID cannot be null or empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retryable_error_answer_is_transient()
    {
        _server.UpdateFailure = (_, _) => (HttpStatusCode.Conflict, """{"status":409,"code":"CONFLICT","message":"busy","retryable":true}""");

        var error = await Assert.ThrowsAsync<ConductorApiException>(
            () => _client.UpdateTaskAsync(new TaskResult { TaskId = "t", WorkflowInstanceId = "wf" }));

        Assert.True(error.IsTransient);
        Assert.Contains("(retryable)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_answer_that_is_not_the_error_shape_keeps_the_raw_body_in_the_message()
    {
        _server.OtherRequests = async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await context.Response.WriteAsync("upstream unavailable");
        };

        var error = await Assert.ThrowsAsync<ConductorApiException>(() => _client.GetTaskAsync("t-9"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.Error);
        Assert.True(error.IsTransient);
        Assert.Equal("GET", error.Method);
        Assert.Equal("/api/tasks/t-9", error.Path);
        Assert.Contains("upstream unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Network_failure_surfaces_as_http_request_exception()
    {
        using var client = new ConductorClient(new Uri($"http://127.0.0.1:{UnusedPort()}/api"));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PollBatchAsync("t", "w", null, 1, TimeSpan.Zero));
    }

    [Fact]
    public async Task Task_definitions_are_posted_as_an_array_without_unset_settings()
    {
        RespondWith(StatusCodes.Status200OK, "");

        await _client.RegisterTaskDefinitionsAsync([new TaskDefinition { Name = "greet", RetryCount = 0, ResponseTimeoutSeconds = 10, OwnerEmail = "a@b.c" }]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/metadata/taskdefs", request.Path);
        using var body = JsonDocument.Parse(request.Body);
        var definition = Assert.Single(body.RootElement.EnumerateArray());
        Assert.Equal("greet", definition.GetProperty("name").GetString());
        Assert.Equal(0, definition.GetProperty("retryCount").GetInt32());
        Assert.Equal(10, definition.GetProperty("responseTimeoutSeconds").GetInt64());
        Assert.False(definition.TryGetProperty("retryDelaySeconds", out _));
        Assert.False(definition.TryGetProperty("timeoutPolicy", out _));
    }

    [Fact]
    public async Task Workflow_definition_is_upserted_as_a_list_with_put_when_overwriting()
    {
        RespondWith(StatusCodes.Status200OK, "");
        var definition = new WorkflowDefinition
        {
            Name = "greeting",
            Version = 2,
            Tasks = [new WorkflowStep { Name = "greet", TaskReferenceName = "greet_ref", InputParameters = new JsonObject { ["name"] = "${workflow.input.name}" } }],
            OutputParameters = new JsonObject { ["message"] = "${greet_ref.output.message}" },
        };

        await _client.RegisterWorkflowAsync(definition, overwrite: true);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("PUT", "/api/metadata/workflow"), (request.Method, request.Path));
        using var body = JsonDocument.Parse(request.Body);
        var sent = Assert.Single(body.RootElement.EnumerateArray());
        Assert.Equal(2, sent.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(2, sent.GetProperty("version").GetInt32());
        var task = Assert.Single(sent.GetProperty("tasks").EnumerateArray());
        Assert.Equal("SIMPLE", task.GetProperty("type").GetString());
        Assert.Equal("${workflow.input.name}", task.GetProperty("inputParameters").GetProperty("name").GetString());
        Assert.Equal("${greet_ref.output.message}", sent.GetProperty("outputParameters").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Workflow_definition_is_created_with_post_when_not_overwriting_and_a_conflict_throws()
    {
        RespondWith(StatusCodes.Status409Conflict, """{"status":409,"code":"CONFLICT","message":"Workflow with greeting.1 already exists!","retryable":false}""");

        var error = await Assert.ThrowsAsync<ConductorApiException>(
            () => _client.RegisterWorkflowAsync(new WorkflowDefinition { Name = "greeting" }, overwrite: false));

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/api/metadata/workflow"), (request.Method, request.Path));
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(request.Body).RootElement.ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_larger_than_the_limit_is_refused_with_an_error_naming_the_limit(bool declaresLength)
    {
        const int limit = 4096;
        var body = "{\"workflowId\":\"" + new string('x', 3 * limit) + "\"}";
        _server.OtherRequests = async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            if (declaresLength)
            {
                context.Response.ContentLength = body.Length;
            }

            await context.Response.WriteAsync(body);
        };
        using var client = new ConductorClient(_server.ApiUrl) { MaxResponseBodyBytes = limit };

        var error = await Assert.ThrowsAsync<ConductorApiException>(() => client.GetWorkflowAsync("wf-1"));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        var expectedSize = declaresLength ? $"of {body.Length} bytes, more than" : "larger than";
        Assert.Equal($"Conductor answered GET /api/workflow/wf-1 with a body {expectedSize} the limit of {limit} bytes (MaxResponseBodyBytes); it was not read.", error.Message);
    }

    [Fact]
    public async Task An_answer_within_the_limit_is_read()
    {
        const int limit = 4096;
        RespondWith(StatusCodes.Status200OK, "{\"workflowId\":\"" + new string('x', limit - 100) + "\",\"status\":\"RUNNING\"}");
        using var client = new ConductorClient(_server.ApiUrl) { MaxResponseBodyBytes = limit };

        var workflow = await client.GetWorkflowAsync("wf-1");

        Assert.Equal(limit - 100, workflow.WorkflowId.Length);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(int.MaxValue + 1L)]
    public void A_limit_outside_what_can_be_buffered_is_refused(long limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConductorClient(_server.ApiUrl) { MaxResponseBodyBytes = limit });
    }

    [Fact]
    public async Task Starting_a_workflow_returns_the_id_the_server_answers_as_text()
    {
        RespondWith(StatusCodes.Status200OK, "3f1c2a9e-workflow", "text/plain");

        var workflowId = await _client.StartWorkflowAsync(new StartWorkflowRequest
        {
            Name = "greeting",
            CorrelationId = "order-7",
            Input = new JsonObject { ["name"] = "Ada" },
        });

        Assert.Equal("3f1c2a9e-workflow", workflowId);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/api/workflow"), (request.Method, request.Path));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("Ada", body.RootElement.GetProperty("input").GetProperty("name").GetString());
        Assert.Equal("order-7", body.RootElement.GetProperty("correlationId").GetString());
        Assert.False(body.RootElement.TryGetProperty("version", out _));
        Assert.False(body.RootElement.TryGetProperty("priority", out _));
    }

    [Fact]
    public async Task Reading_a_workflow_returns_its_status_output_and_tasks()
    {
        RespondWith(StatusCodes.Status200OK, """
            {"workflowId":"wf-1","workflowName":"greeting","workflowVersion":1,"status":"FAILED","correlationId":"c",
             "input":{"name":"Ada"},"output":{"message":"hi"},"reasonForIncompletion":"boom","startTime":1,"endTime":2,
             "workflowDefinition":{"name":"greeting","tasks":[]},"somethingNew":true,
             "tasks":[{"taskId":"t-1","taskType":"greet","status":"FAILED","reasonForIncompletion":"boom",
                       "outputData":{"partial":1},"workflowInstanceId":"wf-1","referenceTaskName":"greet_ref"}]}
            """);

        var workflow = await _client.GetWorkflowAsync("wf-1");

        Assert.Equal("/api/workflow/wf-1?includeTasks=true", Assert.Single(_server.Requests).RawTarget);
        Assert.Equal("greeting", workflow.WorkflowName);
        Assert.Equal("FAILED", workflow.Status);
        Assert.Equal("boom", workflow.ReasonForIncompletion);
        Assert.Equal("hi", workflow.Output.GetProperty("message").GetString());
        Assert.Equal("Ada", workflow.Input.GetProperty("name").GetString());
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal("FAILED", task.Status);
        Assert.Equal("boom", task.ReasonForIncompletion);
        Assert.Equal(1, task.OutputData.GetProperty("partial").GetInt32());
    }

    [Fact]
    public async Task Reading_an_unknown_task_throws_not_found()
    {
        RespondWith(StatusCodes.Status404NotFound, """{"status":404,"code":"NOT_FOUND","message":"No such task found by id: nope","retryable":false}""");

        var error = await Assert.ThrowsAsync<ConductorApiException>(() => _client.GetTaskAsync("nope"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("No such task found by id: nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_does_not_dispose_an_http_client_it_was_given()
    {
        using var httpClient = new HttpClient();
        new ConductorClient(_server.ApiUrl, httpClient).Dispose();

        // A disposed HttpClient would throw ObjectDisposedException here.
        using var response = await httpClient.GetAsync(new Uri(_server.ApiUrl, "api/anything"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RespondWith(int statusCode, string body, string contentType = "application/json") =>
        _server.OtherRequests = async (context, _) =>
        {
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        };
}
