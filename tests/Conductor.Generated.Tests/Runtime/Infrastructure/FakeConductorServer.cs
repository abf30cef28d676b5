using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Conductor.Generated.Tests.Runtime.Infrastructure;

/// <summary>
/// A tiny Conductor server on Kestrel (127.0.0.1) for the runtime tests: per-type task queues with
/// long polls, a record of every request, polls and result updates, and hooks to make any call
/// fail. Routes not handled here answer 404 unless a test registers a handler for them.
/// </summary>
internal sealed class FakeConductorServer : IAsyncDisposable
{
    private LoopbackApp _app = null!;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _handedOut = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _updateAttempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _taskTypesById = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<RecordedPoll> _polls = new();
    private readonly ConcurrentQueue<RecordedUpdate> _updates = new();
    private readonly ConcurrentDictionary<string, string> _handedOutBy = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokensIssuedAt = new(StringComparer.Ordinal);
    private int _tokensIssued;
    private int _firstValidToken = 1;
    private int _tokenRejections;
    private readonly ConcurrentDictionary<string, int> _pollsInFlight = new(StringComparer.Ordinal);
    private int _disposed;

    private FakeConductorServer()
    {
    }

    /// <summary>The API root, <c>http://127.0.0.1:{port}/api</c>.</summary>
    public Uri ApiUrl => new($"http://127.0.0.1:{Port}/api");

    public int Port => _app.Port;

    /// <summary>
    /// How the server answers <c>POST /api/tasks/update-v2</c>: as a current server (the default),
    /// or as an old one without the route (<c>404</c>) or without the method (<c>405</c>).
    /// </summary>
    public UpdateV2Support UpdateV2 { get; set; } = UpdateV2Support.Supported;

    /// <summary>
    /// The application key <c>POST /api/token</c> accepts; when set, every other route needs a
    /// valid <c>X-Authorization</c> token. When null, <c>/api/token</c> answers 404 (no auth).
    /// </summary>
    public (string KeyId, string KeySecret)? ApplicationKey { get; set; }

    /// <summary>How long a token is valid; forever when null.</summary>
    public TimeSpan? TokenLifetime { get; set; }

    /// <summary>How long <c>POST /api/token</c> takes to answer (so concurrent renewals would overlap).</summary>
    public TimeSpan TokenDelay { get; set; }

    /// <summary>Polls for <paramref name="taskType"/> received and not answered yet (long polls waiting for work included).</summary>
    public int PollsInFlight(string taskType) => _pollsInFlight.GetValueOrDefault(taskType);

    /// <summary>Tokens handed out by <c>POST /api/token</c>.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Requests answered 401 because of their token.</summary>
    public int TokenRejections => Volatile.Read(ref _tokenRejections);

    /// <summary>Makes every token issued so far expired: the next request with one is answered 401 EXPIRED_TOKEN.</summary>
    public void ExpireTokens() => Volatile.Write(ref _firstValidToken, TokensIssued + 1);

    /// <summary>Answer an empty poll with 204 and no body (older servers) instead of 200 <c>[]</c>.</summary>
    public bool EmptyPollAnswersNoContent { get; set; }

    /// <summary>Hand out every queued task whatever the poll's <c>count</c> (a misbehaving server).</summary>
    public bool IgnorePollCount { get; set; }

    /// <summary>Return a status code to fail a poll with (given the poll and its 1-based number), or null to serve it.</summary>
    public Func<RecordedPoll, int, HttpStatusCode?>? PollFailure { get; set; }

    /// <summary>Return a status code and body to answer an update with (given the update and its attempt number for that task), or null for 200.</summary>
    public Func<RecordedUpdate, int, (HttpStatusCode Status, string Body)?>? UpdateFailure { get; set; }

    /// <summary>Awaited before a poll looks at its queue (to hold it), given the poll; its timeout counts from then.</summary>
    public Func<RecordedPoll, Task>? BeforePollAnswer { get; set; }

    /// <summary>Awaited before an update is answered (to hold it), given the update.</summary>
    public Func<RecordedUpdate, Task>? BeforeUpdate { get; set; }

    /// <summary>A handler for any request the built-in routes do not serve (client tests).</summary>
    public Func<HttpContext, RecordedRequest, Task>? OtherRequests { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedPoll> Polls => [.. _polls];

    public IReadOnlyList<RecordedUpdate> Updates => [.. _updates];

    public static async Task<FakeConductorServer> StartAsync(int port = 0)
    {
        var server = new FakeConductorServer();
        server._app = await LoopbackApp.StartAsync(server.HandleAsync, port);
        return server;
    }

    /// <summary>Queues a task of <paramref name="taskType"/> with id <paramref name="taskId"/> and the given input object.</summary>
    public void Enqueue(string taskType, string taskId, string inputJson = "{}", int responseTimeoutSeconds = 3600)
    {
        var task = $$"""
            {"taskId":"{{taskId}}","taskType":"{{taskType}}","taskDefName":"{{taskType}}","status":"IN_PROGRESS",
             "referenceTaskName":"{{taskId}}_ref","workflowInstanceId":"wf-{{taskId}}","workflowType":"test_workflow",
             "inputData":{{inputJson}},"pollCount":1,"retryCount":0,"responseTimeoutSeconds":{{responseTimeoutSeconds}},
             "workflowTask":{"name":"{{taskType}}","taskReferenceName":"{{taskId}}_ref","type":"SIMPLE"},"someFieldFromTheFuture":[1,2,3]}
            """;
        _taskTypesById[taskId] = taskType;
        _queues.GetOrAdd(taskType, _ => new ConcurrentQueue<string>()).Enqueue(task);
    }

    /// <summary>Tasks handed out by polls minus tasks whose result the server accepted.</summary>
    public int TasksOutstanding(string taskType) =>
        _handedOut.GetValueOrDefault(taskType) - _reported.GetValueOrDefault(taskType);

    /// <summary>How a task was handed out: <c>poll</c> or <c>update-v2</c>; null when it never was.</summary>
    public string? HandedOutBy(string taskId) => _handedOutBy.GetValueOrDefault(taskId);

    /// <summary>The number of tasks of <paramref name="taskType"/> still queued.</summary>
    public int QueueLength(string taskType) => _queues.TryGetValue(taskType, out var queue) ? queue.Count : 0;

    public IReadOnlyList<RecordedUpdate> UpdatesOf(string taskId) => [.. _updates.Where(update => update.TaskId == taskId)];

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        var path = context.Request.Path.Value ?? "";
        if (path == "/api/token")
        {
            await ServeTokenAsync(context, request);
            return;
        }

        if (ApplicationKey is not null && !await IsAuthorizedAsync(context, request))
        {
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && path.StartsWith("/api/tasks/poll/batch/", StringComparison.Ordinal))
        {
            await ServePollAsync(context, request);
        }
        else if (HttpMethods.IsPost(context.Request.Method) && path == "/api/tasks")
        {
            await ServeUpdateAsync(context, request);
        }
        else if (path == "/api/tasks/update-v2" && UpdateV2 == UpdateV2Support.MethodNotAllowed)
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        }
        else if (HttpMethods.IsPost(context.Request.Method) && path == "/api/tasks/update-v2" && UpdateV2 is UpdateV2Support.Supported or UpdateV2Support.Unreadable)
        {
            await ServeUpdateV2Async(context, request);
        }
        else if (OtherRequests is not null)
        {
            await OtherRequests(context, request);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var authorization = context.Request.Headers.TryGetValue("X-Authorization", out var header) ? header.ToString() : null;
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", rawTarget, body, context.Request.ContentType, authorization);
        _requests.Enqueue(request);
        return request;
    }

    private async Task ServePollAsync(HttpContext context, RecordedRequest request)
    {
        var taskType = Uri.UnescapeDataString(request.Path["/api/tasks/poll/batch/".Length..]);
        _pollsInFlight.AddOrUpdate(taskType, 1, (_, count) => count + 1);
        try
        {
            await ServePollCoreAsync(context, request);
        }
        finally
        {
            _pollsInFlight.AddOrUpdate(taskType, 0, (_, count) => count - 1);
        }
    }

    private async Task ServePollCoreAsync(HttpContext context, RecordedRequest request)
    {
        var query = context.Request.Query;
        var taskType = Uri.UnescapeDataString(request.Path["/api/tasks/poll/batch/".Length..]);
        var poll = new RecordedPoll(
            taskType,
            int.Parse(query["count"].ToString(), CultureInfo.InvariantCulture),
            int.Parse(query["timeout"].ToString(), CultureInfo.InvariantCulture),
            query["workerid"].ToString(),
            query.ContainsKey("domain") ? query["domain"].ToString() : null,
            TasksOutstanding(taskType),
            DateTimeOffset.UtcNow);
        _polls.Enqueue(poll);

        if (PollFailure?.Invoke(poll, _polls.Count) is { } failure)
        {
            context.Response.StatusCode = (int)failure;
            await context.Response.WriteAsJsonAsync(
                new ErrorBody((int)failure, "INTERNAL_ERROR", "poll failed on purpose", Retryable: true),
                FakeServerJsonContext.Default.ErrorBody);
            return;
        }

        if (BeforePollAnswer is { } hold)
        {
            await hold(poll).WaitAsync(context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        var queue = _queues.GetOrAdd(taskType, _ => new ConcurrentQueue<string>());
        var deadline = DateTime.UtcNow.AddMilliseconds(poll.TimeoutMs);
        var claimed = new List<string>();
        while (true)
        {
            while ((IgnorePollCount || claimed.Count < poll.Count) && queue.TryDequeue(out var task))
            {
                claimed.Add(task);
            }

            if (claimed.Count > 0 || DateTime.UtcNow >= deadline || context.RequestAborted.IsCancellationRequested)
            {
                break;
            }

            await Task.Delay(20, CancellationToken.None);
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            // Put the tasks back: the poller is gone (a real server would let them time out).
            claimed.ForEach(queue.Enqueue);
            return;
        }

        _handedOut.AddOrUpdate(taskType, claimed.Count, (_, count) => count + claimed.Count);
        claimed.ForEach(task => _handedOutBy[TaskIdOf(task)] = "poll");
        if (claimed.Count == 0 && EmptyPollAnswersNoContent)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("[" + string.Join(",", claimed) + "]");
    }

    private async Task ServeUpdateAsync(HttpContext context, RecordedRequest request)
    {
        var update = await AcceptUpdateAsync(context, request);
        if (update is null)
        {
            return;
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(update.TaskId);
    }

    /// <summary>Takes the result, then hands the next queued task of the same type to the worker, as update-v2 does.</summary>
    private async Task ServeUpdateV2Async(HttpContext context, RecordedRequest request)
    {
        var update = await AcceptUpdateAsync(context, request);
        if (update is null)
        {
            return;
        }

        if (UpdateV2 == UpdateV2Support.Unreadable)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"taskId":"cut-off","inputData":{"password":"hunter2""");
            return;
        }

        var taskType = _taskTypesById.GetValueOrDefault(update.TaskId, "");
        if (update.Status is "IN_PROGRESS"
            || !_queues.TryGetValue(taskType, out var queue)
            || !queue.TryDequeue(out var next))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        _handedOut.AddOrUpdate(taskType, 1, (_, count) => count + 1);
        _handedOutBy[TaskIdOf(next)] = "update-v2";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(next);
    }

    /// <summary>Records an update and applies <see cref="UpdateFailure"/>; null when it answered with a failure.</summary>
    private async Task<RecordedUpdate?> AcceptUpdateAsync(HttpContext context, RecordedRequest request)
    {
        var update = new RecordedUpdate(JsonDocument.Parse(request.Body).RootElement.Clone(), request.Path, DateTimeOffset.UtcNow);
        _updates.Enqueue(update);
        var attempt = _updateAttempts.AddOrUpdate(update.TaskId, 1, (_, count) => count + 1);
        if (BeforeUpdate is { } beforeUpdate)
        {
            await beforeUpdate(update);
        }

        if (UpdateFailure?.Invoke(update, attempt) is { } failure)
        {
            context.Response.StatusCode = (int)failure.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(failure.Body);
            return null;
        }

        if (!update.ExtendLease)
        {
            var taskType = _taskTypesById.GetValueOrDefault(update.TaskId, "");
            _reported.AddOrUpdate(taskType, 1, (_, count) => count + 1);
        }

        return update;
    }

    private async Task ServeTokenAsync(HttpContext context, RecordedRequest request)
    {
        if (ApplicationKey is not { } key)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await Task.Delay(TokenDelay);
        using var body = JsonDocument.Parse(request.Body);
        if (body.RootElement.GetProperty("keyId").GetString() != key.KeyId || body.RootElement.GetProperty("keySecret").GetString() != key.KeySecret)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"status":401,"message":"Invalid application key","retryable":false}""");
            return;
        }

        var token = $"token-{Interlocked.Increment(ref _tokensIssued)}";
        _tokensIssuedAt[token] = DateTimeOffset.UtcNow;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"token":"{{token}}"}""");
    }

    private async Task<bool> IsAuthorizedAsync(HttpContext context, RecordedRequest request)
    {
        string? rejection = null;
        if (request.Authorization is not { } token || !_tokensIssuedAt.TryGetValue(token, out var issuedAt))
        {
            rejection = "INVALID_TOKEN";
        }
        else if (int.Parse(token["token-".Length..], CultureInfo.InvariantCulture) < Volatile.Read(ref _firstValidToken)
            || (TokenLifetime is { } lifetime && DateTimeOffset.UtcNow - issuedAt > lifetime))
        {
            rejection = "EXPIRED_TOKEN";
        }

        if (rejection is null)
        {
            return true;
        }

        Interlocked.Increment(ref _tokenRejections);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"error":"{{rejection}}"}""");
        return false;
    }

    private static string TaskIdOf(string taskJson)
    {
        using var document = JsonDocument.Parse(taskJson);
        return document.RootElement.GetProperty("taskId").GetString()!;
    }
}

/// <summary>Whether and how the fake server serves <c>POST /api/tasks/update-v2</c>.</summary>
public enum UpdateV2Support
{
    Supported,
    NotFound,
    MethodNotAllowed,

    /// <summary>Takes the result, then answers 200 with a cut-off task.</summary>
    Unreadable,
}

/// <summary>A request as the fake server saw it; <see cref="RawTarget"/> is the path and query as sent, still escaped.</summary>
internal sealed record RecordedRequest(string Method, string Path, string RawTarget, string Body, string? ContentType, string? Authorization = null);

/// <summary>A batch poll; <see cref="OutstandingAtPoll"/> counts tasks handed out and not yet reported when it arrived.</summary>
internal sealed record RecordedPoll(string TaskType, int Count, int TimeoutMs, string WorkerId, string? Domain, int OutstandingAtPoll, DateTimeOffset ReceivedAt);

/// <summary>A result update body and the path it was sent to.</summary>
internal sealed record RecordedUpdate(JsonElement Body, string Path = "/api/tasks", DateTimeOffset ReceivedAt = default)
{
    public bool ViaUpdateV2 => Path == "/api/tasks/update-v2";

    public bool ExtendLease => Body.TryGetProperty("extendLease", out var extendLease) && extendLease.GetBoolean();

    public string TaskId => Body.GetProperty("taskId").GetString()!;

    public string Status => Body.GetProperty("status").GetString()!;

    public string? Reason => Body.TryGetProperty("reasonForIncompletion", out var reason) ? reason.GetString() : null;

    public JsonElement Output => Body.GetProperty("outputData");

    public IReadOnlyList<string> Logs =>
        Body.TryGetProperty("logs", out var logs) ? [.. logs.EnumerateArray().Select(line => line.GetProperty("log").GetString()!)] : [];
}
