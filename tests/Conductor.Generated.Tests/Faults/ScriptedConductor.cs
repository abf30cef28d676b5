using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Just enough of a Conductor server, on a <see cref="LoopbackServer"/>, for answers the real
/// one never gives: polls answered from a script of raw bodies (then <c>[]</c>), results taken
/// as the real server takes them (TaskResource#updateTask echoes the task id as text,
/// TaskResource#updateTaskV2 answers 204 when it has no next task) unless
/// <see cref="AnswerResult"/> answers them otherwise, and a token for any key.
/// </summary>
internal sealed class ScriptedConductor : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _pollAnswers = new();
    private readonly ConcurrentQueue<(string TaskId, string Status, string? Reason)> _delivered = new();
    private int _polls;

    private ScriptedConductor(LoopbackServer server)
    {
        Server = server;
    }

    public LoopbackServer Server { get; }

    public Uri ApiUrl => new(Server.Root, "api");

    /// <summary>Polls received.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <summary>Results the script let through and answered as the real server does.</summary>
    public IReadOnlyList<(string TaskId, string Status, string? Reason)> Delivered => [.. _delivered];

    /// <summary>Result requests received, answered or not.</summary>
    public int ResultAttempts => Server.Requests.Count(request => request.IsResult);

    /// <summary>Answers a result request its own way (return true), or lets it be taken (false).</summary>
    public Func<HttpContext, LoopbackRequest, Task<bool>>? AnswerResult { get; set; }

    /// <summary>Answers a poll its own way (return true), or from the script (false).</summary>
    public Func<HttpContext, LoopbackRequest, Task<bool>>? AnswerPoll { get; set; }

    public static async Task<ScriptedConductor> StartAsync()
    {
        var server = await LoopbackServer.StartAsync();
        var conductor = new ScriptedConductor(server);
        server.Handler = conductor.HandleAsync;
        return conductor;
    }

    /// <summary>The next poll is answered with <paramref name="body"/> exactly.</summary>
    public void AnswerNextPoll(string body) => _pollAnswers.Enqueue(body);

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context, LoopbackRequest request)
    {
        if (request.Path == "/api/token")
        {
            await LoopbackServer.WriteAsync(context, 200, "application/json", """{"token":"tok-1"}""");
        }
        else if (request.Method == "GET" && request.Path.StartsWith("/api/tasks/poll/batch/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _polls);
            if (AnswerPoll is { } answerPoll && await answerPoll(context, request))
            {
                return;
            }

            if (!_pollAnswers.TryDequeue(out var body))
            {
                // A short long poll with no work.
                await System.Threading.Tasks.Task.Delay(50, CancellationToken.None);
                body = "[]";
            }

            await LoopbackServer.WriteAsync(context, 200, "application/json", body);
        }
        else if (request.IsResult)
        {
            if (AnswerResult is { } answerResult && await answerResult(context, request))
            {
                return;
            }

            var result = request.ReadResult();
            _delivered.Enqueue(result);
            if (request.Path == "/api/tasks")
            {
                await LoopbackServer.WriteAsync(context, 200, "text/plain;charset=UTF-8", result.TaskId);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>A task as the poll answer carries it, with <paramref name="inputJson"/> as its input.</summary>
    public static string Task(string taskId, string taskType, string inputJson = "{}", string extraFields = "") =>
        $$"""{"taskId":"{{taskId}}","taskType":"{{taskType}}","status":"IN_PROGRESS","workflowInstanceId":"wf-{{taskId}}","inputData":{{inputJson}},"pollCount":1,"retryCount":0,"responseTimeoutSeconds":3600{{extraFields}}}""";
}
