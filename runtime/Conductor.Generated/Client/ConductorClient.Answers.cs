using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Conductor.Generated.Client;

// What counts as the Conductor server's answer, and how a poll answer is read task by task.
public sealed partial class ConductorClient
{
    /// <summary>
    /// How deep a poll answer may nest and still be stepped through element by element. The
    /// server never writes more than 1,000 levels (Jackson 2.18's StreamWriteConstraints default,
    /// ObjectMapperProvider#getObjectMapper keeps it); deeper elements than what
    /// <see cref="ConductorJsonContext"/> reads fail alone, as unreadable tasks.
    /// </summary>
    private const int PollAnswerStepDepth = 100_000;

    /// <summary>
    /// Reads a poll answer: <c>204</c>, an empty body and <c>null</c> are no tasks; otherwise it
    /// must be a JSON array, and each element is read on its own, so one task that cannot be read
    /// (too deep, a field of the wrong type, no id) costs only that task. An answer that is not
    /// an array, or not JSON at all, is unreadable as a whole.
    /// </summary>
    private async Task<PollAnswer> PollBatchCoreAsync(RequestTemplate template, bool keepAnswer, CancellationToken cancellationToken)
    {
        using var exchange = await SendAsync(template, cancellationToken).ConfigureAwait(false);
        var (request, response) = (exchange.Request, exchange.Response);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return PollAnswer.Empty;
        }

        var body = await ReadBoundedAsync(request, response, cancellationToken).ConfigureAwait(false);
        try
        {
            if (keepAnswer)
            {
                // Owns the body from here: it goes back to the pool with the answer's last task.
                return ReadPollAnswerKept(body.Array, body.Length);
            }

            using (body)
            {
                return ReadPollAnswer(body.Span);
            }
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

    /// <summary>Reads the tasks of a poll answer one element at a time; throws <see cref="JsonException"/> only for an answer unreadable as a whole.</summary>
    internal static PollAnswer ReadPollAnswer(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = PollAnswerStepDepth });
        if (!reader.Read() || reader.TokenType == JsonTokenType.Null)
        {
            return reader.Read() ? throw new JsonException("Text after the answer's null.") : PollAnswer.Empty;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array of tasks, found {Describe(reader.TokenType)}.");
        }

        var tasks = new List<ConductorTask>();
        List<UnreadableTask>? unreadable = null;
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            var start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            var element = body[start..checked((int)reader.BytesConsumed)];
            if (ReadTask(element) is { } task)
            {
                tasks.Add(task);
            }
            else
            {
                (unreadable ??= []).Add(DescribeUnreadable(element, index));
            }
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("The array of tasks is not closed, or text follows it.");
        }

        return new PollAnswer(tasks, unreadable ?? []);
    }

    /// <summary>
    /// Reads a poll answer once into a pooled document over <paramref name="array"/> (which it
    /// owns from the call on): each task's input points into it, and the array and the
    /// document's metadata go back to the pool when the last task releases the answer. An
    /// answer the document cannot take (not an array, deeper than the serializer reads a task,
    /// not JSON) and each element the fast reader declines are read as
    /// <see cref="ReadPollAnswer"/> reads them, with the same tasks and the same failures.
    /// </summary>
    internal static PollAnswer ReadPollAnswerKept(byte[] array, int length)
    {
        var document = ParseKept(array, length, inArray: true);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Array)
        {
            try
            {
                return ReadPollAnswer(array.AsSpan(0, length));
            }
            finally
            {
                document?.Dispose();
                ReturnBody(array);
            }
        }

        var answer = new PolledAnswer(array, document);
        try
        {
            var root = document.RootElement;
            var tasks = new List<ConductorTask>(root.GetArrayLength());
            List<UnreadableTask>? unreadable = null;
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (PolledTaskReader.TryRead(element, out var task))
                {
                    task.HoldAnswer(answer);
                    tasks.Add(task);
                }
                else
                {
                    var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
                    if (ReadTask(raw) is { } copied)
                    {
                        tasks.Add(copied);
                    }
                    else
                    {
                        (unreadable ??= []).Add(DescribeUnreadable(raw, index));
                    }
                }

                index++;
            }

            return new PollAnswer(tasks, unreadable ?? []);
        }
        finally
        {
            answer.Release();
        }
    }

    /// <summary>
    /// A pooled document over the answer, nesting at most as deep as the serializer reads a task
    /// (one level more for the array of a poll answer); <see langword="null"/> when it cannot be
    /// parsed so.
    /// </summary>
    private static JsonDocument? ParseKept(byte[] array, int length, bool inArray)
    {
        try
        {
            var maxDepth = ConductorJsonContext.MaxDepth + (inArray ? 1 : 0);
            return JsonDocument.Parse(array.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConductorTask? ReadTask(ReadOnlySpan<byte> element)
    {
        try
        {
            var task = JsonSerializer.Deserialize(element, ConductorJsonContext.Default.ConductorTask);
            return task is { TaskId.Length: > 0 } ? task : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What is wrong with a poll answer's element, and its ids when they can be read.</summary>
    private static UnreadableTask DescribeUnreadable(ReadOnlySpan<byte> element, int index)
    {
        string reason;
        try
        {
            var task = JsonSerializer.Deserialize(element, ConductorJsonContext.Default.ConductorTask);
            reason = task is null ? "it is null, not a task" : "it has no taskId";
        }
        catch (JsonException exception)
        {
            // System.Text.Json names the path and the expected type, never the value.
            reason = exception.Message;
        }

        var (taskId, workflowId) = ReadIds(element);
        return new UnreadableTask(index, taskId, workflowId, reason);
    }

    /// <summary>The string <c>taskId</c> and <c>workflowInstanceId</c> of an element that is an object, else nulls.</summary>
    private static (string? TaskId, string? WorkflowInstanceId) ReadIds(ReadOnlySpan<byte> element)
    {
        string? taskId = null;
        string? workflowId = null;
        try
        {
            var reader = new Utf8JsonReader(element, new JsonReaderOptions { MaxDepth = PollAnswerStepDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTaskId = reader.ValueTextEquals("taskId"u8);
                var isWorkflowId = reader.ValueTextEquals("workflowInstanceId"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && (isTaskId || isWorkflowId))
                {
                    var value = reader.GetString();
                    if (isTaskId)
                    {
                        taskId = value;
                    }
                    else
                    {
                        workflowId = value;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Whatever could be read is kept.
        }

        return (string.IsNullOrEmpty(taskId) ? null : taskId, string.IsNullOrEmpty(workflowId) ? null : workflowId);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => token.ToString(),
    };

    private static ConductorApiException UnreadableTasks(PollAnswer answer, string taskType) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"Conductor answered a poll for '{taskType}' with {answer.Unreadable.Count} task(s) that could not be read (and {answer.Tasks.Count} that could): {string.Join("; ", answer.Unreadable)}"));

    /// <summary>
    /// <c>POST /api/tasks</c> answers the task id as text (TaskResource#updateTask). Any other
    /// success answer is not the server's (an ingress page, a redirected request): the result
    /// was not delivered.
    /// </summary>
    private string EchoedTaskId(string answer, string taskId)
    {
        var echoed = answer.Trim().Trim('"');
        if (echoed == taskId)
        {
            return echoed;
        }

        var path = _updateTaskUri.AbsolutePath;
        throw new ConductorApiException(HttpStatusCode.OK, "POST", path,
            $"The answer to POST {path} is not the task id the Conductor server echoes ({answer.Length} characters of something else); it did not come from the server, and the result of task {taskId} is not taken as delivered.",
            redirectLocation: null);
    }

    /// <summary>
    /// A success answer of <c>POST /api/tasks/update-v2</c> is a task as JSON or nothing
    /// (TaskResource#updateTaskV2). A body of another media type, or one that is not a JSON
    /// object, is not the server's: the result was not delivered. A JSON object that cannot be
    /// read is the server's (the result was taken; only the next task is lost).
    /// </summary>
    private static ConductorTask? ReadUpdateV2Answer(HttpRequestMessage request, HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        var trimmed = body.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return null;
        }

        var path = request.RequestUri?.AbsolutePath ?? "";
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if ((mediaType is not null && !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)) || trimmed[0] != (byte)'{')
        {
            throw new ConductorApiException(response.StatusCode, request.Method.Method, path,
                $"The answer to {request.Method} {path} is not a task in JSON ({mediaType ?? "no media type"}, {body.Length} bytes); it did not come from the Conductor server, and the result is not taken as delivered.",
                redirectLocation: null);
        }

        try
        {
            return JsonSerializer.Deserialize(trimmed, ConductorJsonContext.Default.ConductorTask);
        }
        catch (JsonException exception)
        {
            throw new ConductorApiException(response.StatusCode, request.Method.Method, path,
                $"Conductor answered {request.Method} {path} with a body that could not be read: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// <see cref="ReadUpdateV2Answer"/> with the next task read once into a pooled document over
    /// the answer's array (owned from the call on), as <see cref="ReadPollAnswerKept"/> reads a
    /// poll answer; <see langword="null"/> without a task.
    /// </summary>
    private static ConductorTask? ReadUpdateV2AnswerKept(HttpRequestMessage request, HttpResponseMessage response, byte[] array, int length)
    {
        var document = ParseKept(array, length, inArray: false);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object
            || !PolledTaskReader.TryRead(document.RootElement, out var task))
        {
            try
            {
                var next = ReadUpdateV2Answer(request, response, array.AsSpan(0, length));
                return string.IsNullOrEmpty(next?.TaskId) ? null : next;
            }
            finally
            {
                document?.Dispose();
                ReturnBody(array);
            }
        }

        var answer = new PolledAnswer(array, document);
        try
        {
            if (!IsPlainJsonContentType(response) && response.Content.Headers.ContentType?.MediaType is { } mediaType && !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
            {
                // Not the server's answer: the checks and the failure are ReadUpdateV2Answer's.
                return ReadUpdateV2Answer(request, response, array.AsSpan(0, length));
            }

            task.HoldAnswer(answer);
            return task;
        }
        finally
        {
            answer.Release();
        }
    }

    /// <summary>
    /// Whether the answer's <c>Content-Type</c> is plainly <c>application/json</c> (alone, or
    /// followed by parameters), read from the header's text without parsing it: what the server
    /// sends with every task, so the parsed header is needed only for anything else.
    /// </summary>
    private static bool IsPlainJsonContentType(HttpResponseMessage response)
    {
        if (!response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) || values.Count != 1)
        {
            return false;
        }

        // The one value (read without an enumerator: fewer methods on every task's path).
        var value = values.ToString();
        return value.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && (value.Length == "application/json".Length || value["application/json".Length] == ';');
    }

    /// <summary>
    /// A redirect answer, or an answer to a request the HTTP handler sent somewhere else than
    /// <paramref name="requested"/> (an <see cref="HttpClient"/> passed in that follows
    /// redirects): neither is the Conductor server's answer. <see langword="null"/> for any other.
    /// </summary>
    internal static ConductorApiException? NotFromServer(Uri requested, HttpRequestMessage request, HttpResponseMessage response)
    {
        var method = request.Method.Method;
        var path = requested.AbsolutePath;
        var status = (int)response.StatusCode;
        if (status is >= 300 and <= 399)
        {
            var location = response.Headers.Location is { } target ? WithoutQuery(target.IsAbsoluteUri ? target : new Uri(requested, target)) : null;
            return new ConductorApiException(response.StatusCode, method, path, string.Create(CultureInfo.InvariantCulture,
                $"Conductor answered {method} {path} with {status} {response.StatusCode}, a redirect to {(location is null ? "nowhere (no Location)" : $"'{location}'")}. Redirects are not followed: a result must reach the server itself and the access token must stay with it. If that is where the Conductor server is, configure it as the server URL."),
                location);
        }

        // The handler keeps the request's URI unless it followed a redirect: the same instance
        // needs no comparison (which formats both into new strings, for every request).
        if (request.RequestUri is { } sentTo && !ReferenceEquals(sentTo, requested) && !UriEquals(sentTo, requested))
        {
            var location = WithoutQuery(sentTo);
            return new ConductorApiException(response.StatusCode, method, path,
                $"The HTTP client followed a redirect of {method} {path} to '{location}' (status {status} there); an answer from elsewhere is not taken as the Conductor server's. Give the worker an HttpClient whose handler does not follow redirects (AllowAutoRedirect = false).",
                location);
        }

        return null;
    }

    private static bool UriEquals(Uri a, Uri b) =>
        string.Equals(a.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped), b.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped), StringComparison.Ordinal);

    /// <summary>Scheme, host, port and path only: a query may carry what a log should not.</summary>
    private static Uri WithoutQuery(Uri uri) =>
        new(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));

    /// <summary>Bytes of large answer bodies (task inputs above 1 MiB) read since memory was last given back.</summary>
    private long _largeBodyBytesSinceTrim;

    /// <summary>The largest of those bodies.</summary>
    private long _largestBodySinceTrim;

    private void NoteLargestBody(long size)
    {
        var largest = Interlocked.Read(ref _largestBodySinceTrim);
        while (size > largest)
        {
            var seen = Interlocked.CompareExchange(ref _largestBodySinceTrim, size, largest);
            if (seen == largest)
            {
                return;
            }

            largest = seen;
        }
    }

    /// <summary>When the follow-up collection after a trim is due (<see cref="Environment.TickCount64"/>), 0 when none is.</summary>
    private long _followUpTrimDue;

    /// <summary>
    /// How long after a trim the follow-up collection waits: the shared array pool lets go of an
    /// array it keeps for a thread at a full collection at least 60 s after the one that first
    /// saw it there (its per-thread caches' trimming at low memory pressure).
    /// </summary>
    private const long FollowUpTrimDelayMs = 65_000;

    /// <summary>
    /// After large bodies (at least <paramref name="threshold"/> bytes of them since the last
    /// time), gives their memory back: an idle process allocates nothing, so the GC would never
    /// run and the heap would keep the size of the burst. The large arrays the shared array pool
    /// kept from the burst are taken out of it (<see cref="DrainSharedArrayPool"/>), then one
    /// aggressive full collection compacts the heap, large object heap included, and decommits
    /// what it freed, so resident memory falls too. A minute later (called again while still
    /// idle) a follow-up frees what the pool kept for other threads. Made when the caller is
    /// idle. Returns whether it collected.
    /// </summary>
    internal bool TrimAfterLargeBodies(long threshold)
    {
        if (Interlocked.Read(ref _largeBodyBytesSinceTrim) >= threshold)
        {
            Interlocked.Exchange(ref _largeBodyBytesSinceTrim, 0);
            DrainSharedArrayPool(Interlocked.Exchange(ref _largestBodySinceTrim, 0));
            CollectAggressively();
            Volatile.Write(ref _followUpTrimDue, Environment.TickCount64 + FollowUpTrimDelayMs);
            return true;
        }

        var due = Volatile.Read(ref _followUpTrimDue);
        if (due == 0 || Environment.TickCount64 < due || Interlocked.CompareExchange(ref _followUpTrimDue, 0, due) != due)
        {
            return false;
        }

        // The pool trims its per-thread caches after each full collection, on the finalizer
        // thread: one collection lets it drop the arrays, the next frees them.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        GC.WaitForPendingFinalizers();
        CollectAggressively();
        return true;
    }

    private static void CollectAggressively()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>
    /// Takes out of <see cref="System.Buffers.ArrayPool{T}.Shared"/> the byte arrays above 1 MiB,
    /// up to the size class of twice <paramref name="largestBody"/>, that it keeps in its per-core
    /// stacks and for the calling thread, and drops them, so the next collection frees them.
    /// This runtime rents no such arrays itself, but System.Text.Json does while it reads a large
    /// input (a document's metadata is rented at the size of its JSON, an escaped string's text at
    /// its size) and gives them back to the shared pool, which keeps up to eight of each size per
    /// core and lets one go a minute after its last use, at a full collection: in an idle
    /// process, never. A rent that had to allocate shows that size is empty (that array is dropped
    /// too). Arrays the pool keeps for other threads are not reached; the pool lets them go a
    /// minute later, at a collection. Returns how many arrays were taken out.
    /// </summary>
    internal static int DrainSharedArrayPool(long largestBody)
    {
        var drained = 0;
        var ceiling = Math.Min(2 * largestBody, 1L << 30);
        for (long size = 2L * PooledBodyLimit; size <= ceiling; size *= 2)
        {
            // At most what the pool can keep of one size on a big machine; it stops at the first
            // rent that allocates.
            for (var taken = 0; taken < 8 * Environment.ProcessorCount + 1; taken++)
            {
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                _ = System.Buffers.ArrayPool<byte>.Shared.Rent((int)size);
                if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore >= size)
                {
                    break;
                }

                drained++;
            }
        }

        return drained;
    }

    /// <summary><paramref name="text"/> with every occurrence of <paramref name="secret"/> (as is and as escaped in JSON) replaced by <c>***</c>.</summary>
    internal static string Redact(string text, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text))
        {
            return text;
        }

        var redacted = text.Replace(secret, "***", StringComparison.Ordinal);
        var escaped = JsonEncodedText.Encode(secret).ToString();
        return escaped == secret ? redacted : redacted.Replace(escaped, "***", StringComparison.Ordinal);
    }
}

/// <summary>A poll answer read task by task.</summary>
internal sealed record PollAnswer(IReadOnlyList<ConductorTask> Tasks, IReadOnlyList<UnreadableTask> Unreadable)
{
    public static readonly PollAnswer Empty = new([], []);
}

/// <summary>An element of a poll answer that is not a readable task: where it was, its ids if readable, and what was wrong.</summary>
internal sealed record UnreadableTask(int Index, string? TaskId, string? WorkflowInstanceId, string Reason)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"element {Index}{(TaskId is null ? " (no readable taskId)" : $" (task {TaskId})")}: {Reason}");
}
