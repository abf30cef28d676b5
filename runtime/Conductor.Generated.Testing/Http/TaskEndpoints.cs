using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TaskExecutionLog = Conductor.Generated.Client.TaskExecutionLog;

namespace Conductor.Generated.Testing;

/// <summary>The worker-facing routes under <c>/api/tasks</c> (the real server's TaskResource).</summary>
/// <param name="engine">The server's state.</param>
/// <param name="compatibility">Whether to answer like a current server or like one from before update-v2.</param>
/// <param name="serverStopping">Ends waiting long polls when the server stops, so that stopping does not wait for them.</param>
internal sealed class TaskEndpoints(ConductorEngine engine, ServerCompatibility compatibility, CancellationToken serverStopping)
{
    /// <summary>The real server's long poll for a single task.</summary>
    private static readonly TimeSpan SinglePollWait = TimeSpan.FromMilliseconds(100);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tasks/poll/batch/{taskType}", BatchPollAsync);
        routes.MapGet("/api/tasks/poll/{taskType}", PollAsync);
        routes.MapPost("/api/tasks", UpdateAsync);
        routes.MapPost("/api/tasks/update-v2", compatibility == ServerCompatibility.Legacy ? AnswerMissingRoute : UpdateAndPollAsync);
        routes.MapPost("/api/tasks/{workflowId}/{taskRefName}/{status}", UpdateByReferenceNameAsync);
        routes.MapPost("/api/tasks/{taskId}/log", AddLogAsync);
        routes.MapGet("/api/tasks/{taskId}/log", GetLogsAsync);
        routes.MapGet("/api/tasks/queue/size", QueueSizeAsync);
        routes.MapGet("/api/tasks/queue/sizes", QueueSizesAsync);
        routes.MapGet("/api/tasks/{taskId}", GetTaskAsync);
    }

    private async Task BatchPollAsync(HttpContext context)
    {
        var count = HttpExchange.IntQuery(context, "count") ?? 1;
        var timeout = HttpExchange.IntQuery(context, "timeout") ?? 100;
        if (timeout > ConductorEngine.MaxPollTimeoutMilliseconds)
        {
            throw ConductorApiException.BadRequest("Long Poll Timeout value cannot be more than 5 seconds");
        }

        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var tasks = await engine.PollAsync(
            HttpExchange.Route(context, "taskType"),
            HttpExchange.Query(context, "workerid"),
            HttpExchange.Query(context, "domain"),
            count,
            TimeSpan.FromMilliseconds(Math.Max(0, timeout)),
            stopWaiting.Token).ConfigureAwait(false);

        // Always a JSON array, [] when there is no work, as servers from v3.21.20 answer; older
        // ones answered 204 with no body.
        if (tasks.Count == 0 && compatibility == ServerCompatibility.Legacy)
        {
            await HttpExchange.WriteNoContentAsync(context).ConfigureAwait(false);
            return;
        }

        await HttpExchange.WriteJsonAsync(context, tasks, ServerJsonContext.Default.ListTaskExecution).ConfigureAwait(false);
    }

    private async Task PollAsync(HttpContext context)
    {
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var tasks = await engine.PollAsync(
            HttpExchange.Route(context, "taskType"),
            HttpExchange.Query(context, "workerid"),
            HttpExchange.Query(context, "domain"),
            count: 1,
            SinglePollWait,
            stopWaiting.Token).ConfigureAwait(false);
        await WriteTaskOrNoContentAsync(context, tasks).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context)
    {
        var result = await ReadResultAsync(context).ConfigureAwait(false);
        engine.UpdateTask(result);
        await HttpExchange.WriteTextAsync(context, result.TaskId!).ConfigureAwait(false);
    }

    /// <summary>Updates, then hands the same worker the next task of the same type and domain.</summary>
    private async Task UpdateAndPollAsync(HttpContext context)
    {
        var result = await ReadResultAsync(context).ConfigureAwait(false);
        var updated = engine.UpdateTask(result);
        if (updated is null || !updated.Status.IsTerminal())
        {
            await HttpExchange.WriteNoContentAsync(context).ConfigureAwait(false);
            return;
        }

        var next = engine.PollNow(updated.TaskType, result.WorkerId, updated.Domain, count: 1);
        await WriteTaskOrNoContentAsync(context, next).ConfigureAwait(false);
    }

    /// <summary>
    /// A server from before update-v2 has no such route. Mapping this answer explicitly keeps the
    /// path from matching <c>GET /api/tasks/{taskId}</c>, which would make it a 405.
    /// </summary>
    private static Task AnswerMissingRoute(HttpContext context) =>
        throw ConductorApiException.NotFound($"No static resource {context.Request.Path.Value?.TrimStart('/')}.");

    /// <summary>Completes (or fails...) a workflow step's pending task, for tools and tests that have no task id.</summary>
    private async Task UpdateByReferenceNameAsync(HttpContext context)
    {
        var status = TaskManagementEndpoints.ParseStatus(HttpExchange.Route(context, "status"));
        var output = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.JsonObject).ConfigureAwait(false);
        var updated = engine.UpdateTaskByReferenceName(
            HttpExchange.Route(context, "workflowId"),
            HttpExchange.Route(context, "taskRefName"),
            status,
            HttpExchange.Query(context, "workerid"),
            output);

        // Without a pending task the real server answers 200 with an empty body.
        await (updated is null ? HttpExchange.WriteEmptyAsync(context) : HttpExchange.WriteTextAsync(context, updated.TaskId)).ConfigureAwait(false);
    }

    private async Task AddLogAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        engine.AddTaskLog(HttpExchange.Route(context, "taskId"), LogText(body));
        await HttpExchange.WriteEmptyAsync(context).ConfigureAwait(false);
    }

    private async Task GetLogsAsync(HttpContext context)
    {
        var logs = engine.GetTaskLogs(HttpExchange.Route(context, "taskId"));
        if (logs.Count == 0)
        {
            await HttpExchange.WriteNoContentAsync(context).ConfigureAwait(false);
            return;
        }

        await HttpExchange.WriteJsonAsync(context, logs, ServerJsonContext.Default.ListTaskExecutionLog).ConfigureAwait(false);
    }

    private async Task GetTaskAsync(HttpContext context)
    {
        var taskId = HttpExchange.Route(context, "taskId");
        var task = engine.GetTask(taskId) ?? throw ConductorApiException.NotFound($"Task not found for taskId: {taskId}");
        await HttpExchange.WriteJsonAsync(context, task, ServerJsonContext.Default.TaskExecution).ConfigureAwait(false);
    }

    private async Task QueueSizeAsync(HttpContext context)
    {
        var size = engine.GetQueueSize(HttpExchange.RequiredQuery(context, "taskType"), HttpExchange.Query(context, "domain"));
        await HttpExchange.WriteJsonAsync(context, size, ServerJsonContext.Default.Int32).ConfigureAwait(false);
    }

    /// <summary>
    /// TaskResource#size: each name is a queue name (the task type, or <c>domain:taskType</c>),
    /// looked up as it is (ExecutionService#getTaskQueueSizes). Spring binds the
    /// <c>List&lt;String&gt;</c> parameter from one value by splitting it at commas and trimming
    /// the parts, from several values as they are.
    /// </summary>
    private async Task QueueSizesAsync(HttpContext context)
    {
        var values = context.Request.Query["taskType"];
        if (values.Count == 0)
        {
            // The real server dereferences the absent list and answers 500 (ApplicationExceptionMapper#handleAll).
            throw new ConductorApiException(
                StatusCodes.Status500InternalServerError,
                "GET /api/tasks/queue/sizes needs at least one taskType parameter (the real server fails on the absent list).");
        }

        string[] names;
        if (values.Count > 1)
        {
            names = [.. values.Select(value => value ?? "")];
        }
        else
        {
            // StringUtils#commaDelimitedListToStringArray: an empty value is no name at all.
            var single = values[0] ?? "";
            names = single.Length == 0 ? [] : single.Split(',', StringSplitOptions.TrimEntries);
        }
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queueName in names)
        {
            sizes[queueName] = engine.GetQueueSize(queueName, domain: null);
        }

        await HttpExchange.WriteJsonAsync(context, sizes, ServerJsonContext.Default.DictionaryStringInt32).ConfigureAwait(false);
    }

    private static async Task<TaskResult> ReadResultAsync(HttpContext context) =>
        await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.TaskResult).ConfigureAwait(false)
        ?? throw ConductorApiException.Validation([new("updateTask.arg0", "TaskResult cannot be null or empty.")]);

    private static Task WriteTaskOrNoContentAsync(HttpContext context, List<TaskExecution> tasks) =>
        tasks.Count == 0
            ? HttpExchange.WriteNoContentAsync(context)
            : HttpExchange.WriteJsonAsync(context, tasks[0], ServerJsonContext.Default.TaskExecution);

    /// <summary>
    /// Clients send the log line as a JSON string; its text is stored. A body that is not a JSON
    /// string is stored as it came.
    /// </summary>
    private static string LogText(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ServerJsonContext.Default.String) ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
