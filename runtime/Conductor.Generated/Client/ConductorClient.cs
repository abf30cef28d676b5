using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Runtime.CompilerServices;

namespace Conductor.Generated.Client;

/// <summary>
/// A small client of the Conductor HTTP API: polling and reporting tasks, registering
/// definitions, starting and reading workflows. Failures of the network surface as
/// <see cref="HttpRequestException"/>; answers that are not a success as
/// <see cref="ConductorApiException"/>. Nothing is retried here: callers decide.
/// </summary>
public sealed partial class ConductorClient : IDisposable
{
    /// <summary>How much of an error body is kept in a <see cref="ConductorApiException"/>.</summary>
    private const int MaxErrorBodyLength = 4096;

    /// <summary>The default of <see cref="MaxResponseBodyBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxResponseBodyBytes = 64L * 1024 * 1024;

    /// <summary>The header Orkes servers read the access token from.</summary>
    private const string AuthorizationHeader = "X-Authorization";

    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly AuthTokenProvider? _tokens;

    // Every result goes to one of these: built once rather than for each result.
    private readonly Uri _updateTaskUri;
    private readonly Uri _updateTaskV2Uri;

    /// <summary>
    /// Creates a client of the server at <paramref name="serverUrl"/>, for example
    /// <c>http://localhost:8080/api</c>. A URL whose path does not end in <c>/api</c> gets it
    /// appended, so <c>http://localhost:8080</c> works too.
    /// </summary>
    /// <param name="serverUrl">The server's API root, absolute, http or https.</param>
    /// <param name="httpClient">
    /// The client to send requests with; it is not disposed with this one. Its timeout must be
    /// longer than the longest long poll (5 s). Without it the client creates and owns one.
    /// </param>
    /// <param name="credentials">
    /// An Orkes application key: every request then carries an access token from
    /// <c>POST /api/token</c> in the <c>X-Authorization</c> header, renewed when it gets old and,
    /// once for all requests, when the server answers <c>401</c> with <c>EXPIRED_TOKEN</c> or
    /// <c>INVALID_TOKEN</c> (the request is then repeated). A server that answers <c>404</c> to
    /// <c>POST /api/token</c> has no authentication, and requests go without a token.
    /// </param>
    public ConductorClient(Uri serverUrl, HttpClient? httpClient = null, ConductorCredentials? credentials = null)
    {
        ApiRoot = NormalizeApiRoot(serverUrl);
        _updateTaskUri = new Uri(ApiRoot, "tasks");
        _updateTaskV2Uri = new Uri(ApiRoot, "tasks/update-v2");
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? CreateDefaultHttpClient();
        _tokens = credentials is null ? null : new AuthTokenProvider(_httpClient, ApiRoot, credentials);
    }

    /// <summary>
    /// The largest success answer body read (<see cref="DefaultMaxResponseBodyBytes"/> unless set).
    /// A bigger one is not read whole: the call throws <see cref="ConductorApiException"/> naming
    /// the limit. Error answers are read only as far as the few kilobytes kept of them.
    /// </summary>
    public long MaxResponseBodyBytes
    {
        get => _maxResponseBodyBytes;
        init => _maxResponseBodyBytes = value is > 0 and <= int.MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"The limit must be from 1 to {int.MaxValue} bytes.");
    }

    private readonly long _maxResponseBodyBytes = DefaultMaxResponseBodyBytes;

    /// <summary>The API root every request path is resolved against; always ends in <c>/api/</c>.</summary>
    public Uri ApiRoot { get; }

    /// <summary>
    /// Returns <paramref name="serverUrl"/> as an API root ending in <c>/api/</c>; throws
    /// <see cref="ArgumentException"/> for a URL that is not absolute http or https.
    /// </summary>
    public static Uri NormalizeApiRoot(Uri serverUrl)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        if (!serverUrl.IsAbsoluteUri || (serverUrl.Scheme != Uri.UriSchemeHttp && serverUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The Conductor server URL must be an absolute http or https URL, such as http://localhost:8080/api; got '{serverUrl}'.", nameof(serverUrl));
        }

        if (!string.IsNullOrEmpty(serverUrl.Query) || !string.IsNullOrEmpty(serverUrl.Fragment))
        {
            throw new ArgumentException($"The Conductor server URL must not have a query or fragment; got '{serverUrl}'.", nameof(serverUrl));
        }

        var path = serverUrl.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            path += "/api";
        }

        return new UriBuilder(serverUrl) { Path = path + "/" }.Uri;
    }

    /// <summary>
    /// Claims up to <paramref name="count"/> tasks of <paramref name="taskType"/>
    /// (<c>GET /api/tasks/poll/batch/{taskType}</c>). The server waits up to
    /// <paramref name="pollTimeout"/> for work; an empty list means there was none.
    /// Every task returned is this worker's and its response timeout is running.
    /// </summary>
    /// <exception cref="ConductorApiException">
    /// The answer could not be read, or some of its tasks could not (they are named; the others
    /// are in no list either: the worker runtime, which reads such answers task by task, fails
    /// the unreadable ones back to the server and runs the others).
    /// </exception>
    public async Task<IReadOnlyList<ConductorTask>> PollBatchAsync(
        string taskType, string workerId, string? domain, int count, TimeSpan pollTimeout, CancellationToken cancellationToken = default)
    {
        var answer = await PollBatchAnswerAsync(taskType, workerId, domain, count, pollTimeout, keepAnswer: false, cancellationToken).ConfigureAwait(false);
        return answer.Unreadable.Count == 0 ? answer.Tasks : throw UnreadableTasks(answer, taskType);
    }

    /// <summary>
    /// <see cref="PollBatchAsync"/> read task by task: the tasks that could be read, and those
    /// that could not, each with what was wrong with it. With <paramref name="keepAnswer"/>, the
    /// answer is read once into pooled memory and each task's input points into it: the caller
    /// must call <see cref="ConductorTask.ReleaseAnswer"/> on each task once its worker has
    /// returned and its result is written. Without it, each task has a copy of its own.
    /// </summary>
    internal async Task<PollAnswer> PollBatchAnswerAsync(
        string taskType, string workerId, string? domain, int count, TimeSpan pollTimeout, bool keepAnswer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskType);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pollTimeout, TimeSpan.Zero);

        var query = new StringBuilder()
            .Append("workerid=").Append(Uri.EscapeDataString(workerId))
            .Append("&count=").Append(count.ToString(CultureInfo.InvariantCulture))
            .Append("&timeout=").Append(((long)pollTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(domain))
        {
            query.Append("&domain=").Append(Uri.EscapeDataString(domain));
        }

        var path = $"tasks/poll/batch/{Uri.EscapeDataString(taskType)}";
        return await PollBatchCoreAsync(Request(HttpMethod.Get, path, query.ToString()), keepAnswer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports a task's result (<c>POST /api/tasks</c>); returns the task id the server echoes.</summary>
    public async Task<string> UpdateTaskAsync(TaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var body = TaskResultJson.Serialize(result);
        var answer = await SendForTextAsync(new RequestTemplate(HttpMethod.Post, _updateTaskUri, body), cancellationToken).ConfigureAwait(false);
        return EchoedTaskId(answer, result.TaskId);
    }

    /// <summary>
    /// Reports a task's result and asks for the next task of the same type and domain in the same
    /// call (<c>POST /api/tasks/update-v2</c>, servers from v3.21.12 on). Returns that next task,
    /// which is already this worker's on the server, or <see langword="null"/> when the server
    /// had none (or the reported task is not finished). A server without the route answers
    /// <c>404</c> or <c>405</c>, surfacing as <see cref="ConductorApiException"/>. When the
    /// answer is a success but its body cannot be read, the result was taken: the exception then
    /// has <see cref="ConductorApiException.StatusCode"/> <see cref="HttpStatusCode.OK"/>.
    /// </summary>
    public async Task<ConductorTask?> UpdateTaskV2Async(TaskResult result, CancellationToken cancellationToken = default) =>
        await UpdateTaskV2CoreAsync(result, keepAnswer: false, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// <see cref="UpdateTaskV2Async"/> for the runtime's own result reporting, which sends one
    /// for every task: the returned value task's state is pooled, so it may be awaited once only.
    /// With <paramref name="keepAnswer"/>, the next task's input points into the pooled answer,
    /// as for <see cref="PollBatchAnswerAsync"/>.
    /// </summary>
    /// <remarks>
    /// The request is sent and its answer read in this one method, with the helpers
    /// <see cref="SendAsync"/> and <see cref="ReadBoundedAsync"/> are made of, rather than
    /// through them: the runtime sends one of these for every task, and each async method
    /// between the result and the socket is one more state machine compiled, tiered and run.
    /// Only an answer that is not a success goes through <see cref="AfterUnsuccessfulAsync"/>.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<ConductorTask?> UpdateTaskV2CoreAsync(TaskResult result, bool keepAnswer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var template = new RequestTemplate(HttpMethod.Post, _updateTaskV2Uri, TaskResultJson.Serialize(result));
        var token = _tokens is null ? null : await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var request = template.Create(token);
        HttpResponseMessage? response = null;
        byte[]? buffer = null;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!IsSuccessFromServer(template, request, response))
            {
                var repeated = await AfterUnsuccessfulAsync(template, request, response, token, cancellationToken).ConfigureAwait(false);
                response.Dispose();
                request.Dispose();
                (request, response) = (repeated.Request, repeated.Response);
            }

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return null;
            }

            buffer = RentBodyFor(request, response);
            var filled = 0;
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                    buffer = AfterRead(buffer, filled, request, response);
                }
            }

            if (filled > PooledBodyLimit)
            {
                NoteLargeBody(filled);
            }

            var array = buffer;
            buffer = null;
            if (keepAnswer)
            {
                // Owns the answer's array from here: returned with the task, or at once without one.
                return ReadUpdateV2AnswerKept(request, response, array, filled);
            }

            using (var body = new PooledBody(array, filled))
            {
                var next = ReadUpdateV2Answer(request, response, body.Span);
                return string.IsNullOrEmpty(next?.TaskId) ? null : next;
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ReturnBody(buffer);
            }

            response?.Dispose();
            request.Dispose();
        }
    }

    /// <summary>Reads a task by id (<c>GET /api/tasks/{taskId}</c>).</summary>
    public async Task<ConductorTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        var path = $"tasks/{Uri.EscapeDataString(taskId)}";
        return await SendForJsonAsync(Request(HttpMethod.Get, path), ConductorJsonContext.Default.ConductorTask, cancellationToken).ConfigureAwait(false)
            ?? throw EmptyAnswer(HttpMethod.Get, path);
    }

    /// <summary>
    /// Reads how many tasks wait in each of <paramref name="queueNames"/>, in one request
    /// (<c>GET /api/tasks/queue/sizes?taskType=…&amp;taskType=…</c>, the server's
    /// <c>TaskResource#size</c>). A queue name is the task type, or <c>domain:taskType</c> for a
    /// task domain (<c>QueueUtils#getQueueName</c>); the answer maps each name asked for to its
    /// size, 0 for a queue the server does not know.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> GetQueueSizesAsync(IEnumerable<string> queueNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queueNames);
        var names = queueNames.Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0 || names.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Queue sizes are read for at least one queue name, none of them empty.", nameof(queueNames));
        }

        // One taskType parameter per queue: the server binds them to its list as they are.
        var query = string.Join("&", names.Select(name => "taskType=" + Uri.EscapeDataString(name)));
        return await SendForJsonAsync(Request(HttpMethod.Get, "tasks/queue/sizes", query), ConductorJsonContext.Default.DictionaryStringInt32, cancellationToken).ConfigureAwait(false)
            ?? throw EmptyAnswer(HttpMethod.Get, "tasks/queue/sizes");
    }

    /// <summary>Registers task definitions, replacing those that exist (<c>POST /api/metadata/taskdefs</c>).</summary>
    public async Task RegisterTaskDefinitionsAsync(IEnumerable<TaskDefinition> definitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var body = JsonSerializer.SerializeToUtf8Bytes(definitions.ToList(), ConductorJsonContext.Default.ListTaskDefinition);
        await SendForTextAsync(Request(HttpMethod.Post, "metadata/taskdefs", content: body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers task definitions given as JSON (<c>POST /api/metadata/taskdefs</c>), such as the
    /// generated <c>ConductorWorkers.TaskDefinitionsJson</c>: a JSON array of definitions, sent as
    /// it is, with no serializer involved.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="definitionsJson"/> is not a JSON array.</exception>
    public async Task RegisterTaskDefinitionsJsonAsync(string definitionsJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionsJson);
        var body = Encoding.UTF8.GetBytes(definitionsJson);
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ArgumentException("Task definitions are registered as a JSON array of definitions.", nameof(definitionsJson));
        }

        await SendForTextAsync(Request(HttpMethod.Post, "metadata/taskdefs", content: body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers a workflow definition. With <paramref name="overwrite"/> it is upserted
    /// (<c>PUT /api/metadata/workflow</c>); without it, a definition of the same name and version
    /// that exists already makes the server answer <c>409</c> (<c>POST /api/metadata/workflow</c>).
    /// </summary>
    public async Task RegisterWorkflowAsync(WorkflowDefinition definition, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var body = overwrite
            ? JsonSerializer.SerializeToUtf8Bytes(new List<WorkflowDefinition> { definition }, ConductorJsonContext.Default.ListWorkflowDefinition)
            : JsonSerializer.SerializeToUtf8Bytes(definition, ConductorJsonContext.Default.WorkflowDefinition);
        var method = overwrite ? HttpMethod.Put : HttpMethod.Post;
        await SendForTextAsync(Request(method, "metadata/workflow", content: body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a workflow (<c>POST /api/workflow</c>); returns its id.</summary>
    public async Task<string> StartWorkflowAsync(StartWorkflowRequest startRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startRequest);
        var body = JsonSerializer.SerializeToUtf8Bytes(startRequest, ConductorJsonContext.Default.StartWorkflowRequest);
        return await SendForTextAsync(Request(HttpMethod.Post, "workflow", content: body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a workflow execution (<c>GET /api/workflow/{workflowId}</c>), with its tasks when <paramref name="includeTasks"/>.</summary>
    public async Task<Workflow> GetWorkflowAsync(string workflowId, bool includeTasks = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        var path = $"workflow/{Uri.EscapeDataString(workflowId)}";
        var query = includeTasks ? "includeTasks=true" : "includeTasks=false";
        return await SendForJsonAsync(Request(HttpMethod.Get, path, query), ConductorJsonContext.Default.Workflow, cancellationToken).ConfigureAwait(false)
            ?? throw EmptyAnswer(HttpMethod.Get, path);
    }

    /// <summary>Disposes the HTTP client if this client created it.</summary>
    public void Dispose()
    {
        _tokens?.Dispose();
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private static HttpClient CreateDefaultHttpClient()
    {
        // Recycle pooled connections now and then so DNS changes behind a load balancer are seen.
        // Redirects are never followed: a result must reach the server itself, and the access
        // token must not go to whatever host a redirect names (see ConductorClient.Answers.cs).
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    private ConductorApiException EmptyAnswer(HttpMethod method, string relativePath) =>
        new($"Conductor answered {method} {new Uri(ApiRoot, relativePath).AbsolutePath} with an empty body.");

    private RequestTemplate Request(HttpMethod method, string relativePath, string? query = null, byte[]? content = null) =>
        new(method, new Uri(ApiRoot, query is null ? relativePath : relativePath + "?" + query), content);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T?> SendForJsonAsync<T>(RequestTemplate template, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var exchange = await SendAsync(template, cancellationToken).ConfigureAwait(false);
        var (request, response) = (exchange.Request, exchange.Response);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default;
        }

        using var body = await ReadBoundedAsync(request, response, cancellationToken).ConfigureAwait(false);
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return default;
        }

        try
        {
            // Nothing deserialized refers to the rented buffer (JSON elements are copied out), so
            // it can go back to the pool as soon as this returns.
            return JsonSerializer.Deserialize(body.Span, typeInfo);
        }
        catch (JsonException exception)
        {
            // The message names where the JSON broke, never the body: it may carry task input.
            throw new ConductorApiException(
                response.StatusCode,
                request.Method.Method,
                request.RequestUri?.AbsolutePath ?? "",
                $"Conductor answered {request.Method} {request.RequestUri?.AbsolutePath} with a body that could not be read: {exception.Message}",
                exception);
        }
    }

    private async Task<string> SendForTextAsync(RequestTemplate template, CancellationToken cancellationToken)
    {
        using var exchange = await SendAsync(template, cancellationToken).ConfigureAwait(false);
        using var body = await ReadBoundedAsync(exchange.Request, exchange.Response, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(body.Span);
    }

    /// <summary>
    /// One step of reading an answer's body into <paramref name="buffer"/>: refuses a body past
    /// the limit, and gives a larger array once the buffer is full.
    /// </summary>
    private byte[] AfterRead(byte[] buffer, int filled, HttpRequestMessage request, HttpResponseMessage response)
    {
        if (filled > _maxResponseBodyBytes)
        {
            throw TooLarge(request, response, declaredLength: null);
        }

        return filled == buffer.Length ? Grow(buffer, filled) : buffer;
    }

    /// <summary>
    /// Reads a success answer's body, at most <see cref="MaxResponseBodyBytes"/>, into an array
    /// rented from the shared pool (every task's poll and update answers pass through here; a
    /// fresh array for each, grown in steps, was most of what a task allocated): a declared
    /// length above the limit is refused before reading, an undeclared one once it is passed.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<PooledBody> ReadBoundedAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = RentBodyFor(request, response);
        var filled = 0;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                    buffer = AfterRead(buffer, filled, request, response);
                }
            }

            if (filled > PooledBodyLimit)
            {
                NoteLargeBody(filled);
            }

            var body = new PooledBody(buffer, filled);
            buffer = null;
            return body;
        }
        finally
        {
            if (buffer is not null)
            {
                ReturnBody(buffer);
            }
        }
    }

    /// <summary>
    /// The array a success answer's body is read into: a declared length above
    /// <see cref="MaxResponseBodyBytes"/> is refused before reading; otherwise one byte more than
    /// declared, so the read that finds the end needs no bigger array.
    /// </summary>
    private byte[] RentBodyFor(HttpRequestMessage request, HttpResponseMessage response)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > _maxResponseBodyBytes)
        {
            throw TooLarge(request, response, declared);
        }

        return RentBody(declared is { } length ? (int)Math.Min(length + 1, Array.MaxLength) : 16 * 1024);
    }

    /// <summary>Counts a body above <see cref="PooledBodyLimit"/> toward the memory given back after large bodies (<see cref="TrimAfterLargeBodies"/>).</summary>
    private void NoteLargeBody(int size)
    {
        Interlocked.Add(ref _largeBodyBytesSinceTrim, size);
        NoteLargestBody(size);
    }

    /// <summary>A rented array twice as big holding the <paramref name="filled"/> bytes of <paramref name="full"/>, which goes back to the pool.</summary>
    private byte[] Grow(byte[] full, int filled)
    {
        var size = (int)Math.Min(Math.Min(2L * full.Length, MaxResponseBodyBytes + 1), Array.MaxLength);
        var bigger = RentBody(size);
        full.AsSpan(0, filled).CopyTo(bigger);
        ReturnBody(full);
        return bigger;
    }

    /// <summary>
    /// Bodies up to this size are read into arrays of the shared pool; bigger ones (large task
    /// inputs) into arrays of their own that the GC takes back, so that a burst of large inputs
    /// does not leave the pool holding their memory for good.
    /// </summary>
    private const int PooledBodyLimit = 1024 * 1024;

    private static byte[] RentBody(int size) =>
        size <= PooledBodyLimit ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    internal static void ReturnBody(byte[] array)
    {
        // Arrays from the pool have at most the limit's length (it is a power of two).
        if (array.Length <= PooledBodyLimit)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private ConductorApiException TooLarge(HttpRequestMessage request, HttpResponseMessage response, long? declaredLength)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var size = declaredLength is { } length
            ? string.Create(CultureInfo.InvariantCulture, $"of {length} bytes, more than")
            : "larger than";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Conductor answered {request.Method} {path} with a body {size} the limit of {MaxResponseBodyBytes} bytes (MaxResponseBodyBytes); it was not read.");
        return new ConductorApiException(response.StatusCode, request.Method.Method, path, message, new InvalidDataException(message));
    }

    /// <summary>
    /// Sends a request built from <paramref name="template"/> (with the access token when
    /// there are credentials) and returns the success answer; throws
    /// <see cref="ConductorApiException"/> for any other. A token the server refuses as expired
    /// or invalid is renewed (once for every request that met it) and the request built again
    /// and repeated, once.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Exchange> SendAsync(RequestTemplate template, CancellationToken cancellationToken)
    {
        var token = _tokens is null ? null : await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var request = template.Create(token);
        HttpResponseMessage? response = null;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!IsSuccessFromServer(template, request, response))
            {
                return await AfterUnsuccessfulAsync(template, request, response, token, cancellationToken).ConfigureAwait(false);
            }

            var exchange = new Exchange(request, response);
            request = null;
            response = null;
            return exchange;
        }
        finally
        {
            response?.Dispose();
            request?.Dispose();
        }
    }

    /// <summary>
    /// Whether <paramref name="response"/> is a success answer; throws
    /// <see cref="ConductorApiException"/> for one that did not come from the server (a redirect,
    /// or an answer from where the handler followed one).
    /// </summary>
    private static bool IsSuccessFromServer(RequestTemplate template, HttpRequestMessage request, HttpResponseMessage response)
    {
        if (NotFromServer(template.Uri, request, response) is { } foreign)
        {
            throw foreign;
        }

        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// The first attempt was answered with an error (<paramref name="request"/> and
    /// <paramref name="response"/> stay the caller's to dispose): throws it as
    /// <see cref="ConductorApiException"/>, unless the server refused the access token as expired
    /// or invalid. Then the token is renewed (once for every request that met it) and the request
    /// built again and repeated, once; its success answer is returned.
    /// </summary>
    private async Task<Exchange> AfterUnsuccessfulAsync(
        RequestTemplate template, HttpRequestMessage request, HttpResponseMessage response, AuthToken? token, CancellationToken cancellationToken)
    {
        var error = await ErrorFromAsync(response, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", cancellationToken, token?.Value).ConfigureAwait(false);
        if (token?.Value is null || !error.IsTokenRejection)
        {
            throw error;
        }

        token = await _tokens!.RenewAfterRejectionAsync(token, cancellationToken).ConfigureAwait(false);
        HttpRequestMessage? repeated = template.Create(token);
        HttpResponseMessage? answer = null;
        try
        {
            answer = await _httpClient.SendAsync(repeated, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!IsSuccessFromServer(template, repeated, answer))
            {
                throw await ErrorFromAsync(answer, repeated.Method.Method, repeated.RequestUri?.AbsolutePath ?? "", cancellationToken, token?.Value).ConfigureAwait(false);
            }

            var exchange = new Exchange(repeated, answer);
            repeated = null;
            answer = null;
            return exchange;
        }
        finally
        {
            answer?.Dispose();
            repeated?.Dispose();
        }
    }

    /// <summary>The exception for a non-success answer, with the server's error body (cut to a few kilobytes).</summary>
    /// <param name="secret">A secret the body must not carry on (the access token, the key secret): replaced by <c>***</c> wherever it appears.</param>
    internal static async Task<ConductorApiException> ErrorFromAsync(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken, string? secret = null)
    {
        var body = Redact(await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false), secret);

        return new ConductorApiException(
            response.StatusCode,
            method,
            path,
            ParseErrorResponse(body),
            string.IsNullOrEmpty(body) ? null : body);
    }

    /// <summary>The start of an error body: only what is kept is read, however much the server sends.</summary>
    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // UTF-8 takes at most 4 bytes per character: this many bytes hold the characters kept.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxErrorBodyLength * 4);
        try
        {
            var filled = 0;
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while (filled < MaxErrorBodyLength * 4 && (read = await stream.ReadAsync(buffer.AsMemory(filled, MaxErrorBodyLength * 4 - filled), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                }
            }

            var body = Encoding.UTF8.GetString(buffer, 0, filled);
            return body.Length > MaxErrorBodyLength ? body[..MaxErrorBodyLength] : body;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ConductorErrorResponse? ParseErrorResponse(string body)
    {
        if (!body.AsSpan().TrimStart().StartsWith("{"))
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, ConductorJsonContext.Default.ConductorErrorResponse);
            // Some other JSON object (a proxy's error page, say) is not the server's error shape.
            return error is { Message: not null } or { Code: not null } or { Error: not null } ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a request is made of; a new request is built from it for each attempt (a request
    /// message cannot be sent twice). A struct, so that sending allocates no closure.
    /// </summary>
    private readonly struct RequestTemplate(HttpMethod method, Uri uri, byte[]? content)
    {
        public Uri Uri => uri;

        /// <summary>A new request, with the access token when there is one.</summary>
        public HttpRequestMessage Create(AuthToken? token)
        {
            var request = new HttpRequestMessage(method, uri);
            if (token?.Value is { } value)
            {
                request.Headers.TryAddWithoutValidation(AuthorizationHeader, value);
            }

            if (content is not null)
            {
                request.Content = new ByteArrayContent(content);

                // The header's text as it goes on the wire: a parsed value would be formatted
                // again (through a StringBuilder) for every request.
                request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
            }

            return request;
        }
    }

    /// <summary>A response body in an array rented from the shared pool; disposing returns the array.</summary>
    private readonly struct PooledBody(byte[] array, int length) : IDisposable
    {
        public ReadOnlySpan<byte> Span => array.AsSpan(0, length);

        public byte[] Array => array;

        public int Length => length;

        public void Dispose() => ReturnBody(array);
    }

    /// <summary>A request and its success answer, disposed together.</summary>
    private sealed class Exchange(HttpRequestMessage request, HttpResponseMessage response) : IDisposable
    {
        public HttpRequestMessage Request { get; } = request;

        public HttpResponseMessage Response { get; } = response;

        public void Dispose()
        {
            Response.Dispose();
            Request.Dispose();
        }
    }
}
