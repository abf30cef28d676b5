using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conductor.Generated.Testing;

/// <summary>
/// The task routes under <c>/api/tasks</c> beyond polling and results (the real server's
/// TaskResource): search, queue details, poll data, signals and the synchronous update by
/// reference name. Literal segments (<c>search</c>, <c>queue</c>, <c>signal</c>) take precedence
/// over a <c>{taskId}</c> or <c>{taskRefName}</c> in the same place, as Spring's more specific
/// mapping does.
/// </summary>
internal sealed class TaskManagementEndpoints(ConductorEngine engine, CancellationToken serverStopping)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tasks/search", SearchAsync);
        routes.MapGet("/api/tasks/search-v2", SearchV2Async);
        routes.MapGet("/api/tasks/queue/all", AllQueuesAsync);
        routes.MapGet("/api/tasks/queue/all/verbose", AllQueuesVerboseAsync);
        routes.MapGet("/api/tasks/queue/polldata", PollDataAsync);
        routes.MapGet("/api/tasks/queue/polldata/all", AllPollDataAsync);
        routes.MapPost("/api/tasks/queue/requeue/{taskType}", RequeueAsync);
        routes.MapPost("/api/tasks/{workflowId}/{taskRefName}/{status}/sync", UpdateByReferenceNameSyncAsync);
        routes.MapPost("/api/tasks/{workflowId}/{status}/signal", SignalAsync);
        routes.MapPost("/api/tasks/{workflowId}/{status}/signal/sync", SignalSyncAsync);
    }

    /// <summary>
    /// A status path segment as Spring converts it to TaskResult.Status: a value outside the enum
    /// fails the conversion, which ApplicationExceptionMapper answers with 500.
    /// </summary>
    internal static TaskResultStatus ParseStatus(string text) => text switch
    {
        "IN_PROGRESS" => TaskResultStatus.InProgress,
        "COMPLETED" => TaskResultStatus.Completed,
        "FAILED" => TaskResultStatus.Failed,
        "FAILED_WITH_TERMINAL_ERROR" => TaskResultStatus.FailedWithTerminalError,
        "CANCELED" => TaskResultStatus.Canceled,
        _ => throw new ConductorApiException(
            500,
            $"Method parameter 'status': Failed to convert value of type 'java.lang.String' to required type 'com.netflix.conductor.common.metadata.tasks.TaskResult$Status'; No enum constant com.netflix.conductor.common.metadata.tasks.TaskResult.Status.{text}"),
    };

    private Task SearchAsync(HttpContext context) =>
        WorkflowManagementEndpoints.WriteSearchAsync(context, engine.SearchTasks, ServerJsonContext.Default.SearchResultTaskSummary);

    private Task SearchV2Async(HttpContext context) =>
        WorkflowManagementEndpoints.WriteSearchAsync(context, engine.SearchTasksV2, ServerJsonContext.Default.SearchResultTaskExecution);

    private Task AllQueuesAsync(HttpContext context) =>
        HttpExchange.WriteJsonAsync(context, engine.GetAllQueueSizes(), ServerJsonContext.Default.DictionaryStringInt64);

    private Task AllQueuesVerboseAsync(HttpContext context) =>
        HttpExchange.WriteJsonAsync(context, engine.GetAllQueueDetails(), ServerJsonContext.Default.DictionaryStringDictionaryStringDictionaryStringInt64);

    private Task PollDataAsync(HttpContext context) =>
        HttpExchange.WriteJsonAsync(context, engine.GetPollData(HttpExchange.RequiredQuery(context, "taskType")), ServerJsonContext.Default.ListPollData);

    private Task AllPollDataAsync(HttpContext context) =>
        HttpExchange.WriteJsonAsync(context, engine.GetAllPollData(), ServerJsonContext.Default.ListPollData);

    /// <summary>
    /// ExecutionService#requeuePendingTasks: every pending task of the type is in its queue
    /// already on the test server, so none needs requeueing; the answer is the count, 0.
    /// </summary>
    private static Task RequeueAsync(HttpContext context) => HttpExchange.WriteTextAsync(context, "0");

    /// <summary>TaskResource#updateTaskSync: updates the pending task, answers with the workflow; 404 without one.</summary>
    private async Task UpdateByReferenceNameSyncAsync(HttpContext context)
    {
        var workflowId = HttpExchange.Route(context, "workflowId");
        var taskRefName = HttpExchange.Route(context, "taskRefName");
        var (status, output) = await StatusAndOutputAsync(context).ConfigureAwait(false);
        var updated = engine.UpdateTaskByReferenceName(workflowId, taskRefName, status, HttpExchange.Query(context, "workerid"), output)
            ?? throw ConductorApiException.NotFound($"Found no running task {taskRefName} of workflow {workflowId} to update");
        var workflow = engine.GetWorkflow(updated.WorkflowInstanceId)
            ?? throw ConductorApiException.NotFound($"No such workflow found by id: {updated.WorkflowInstanceId}");
        await HttpExchange.WriteJsonAsync(context, workflow, ServerJsonContext.Default.WorkflowExecution).ConfigureAwait(false);
    }

    /// <summary>TaskResource#signalWorkflowTaskAsync: 200 with no body, whether or not a task was blocked.</summary>
    private async Task SignalAsync(HttpContext context)
    {
        var (status, output) = await StatusAndOutputAsync(context).ConfigureAwait(false);
        engine.SignalTask(HttpExchange.Route(context, "workflowId"), status, output);
        await HttpExchange.WriteEmptyAsync(context).ConfigureAwait(false);
    }

    /// <summary>TaskResource#signalWorkflowTaskSync: 404 when nothing is blocked, else the workflow's next blocking state.</summary>
    private async Task SignalSyncAsync(HttpContext context)
    {
        var workflowId = HttpExchange.Route(context, "workflowId");
        var status = ParseStatus(HttpExchange.Route(context, "status"));
        var strategy = WorkflowManagementEndpoints.ReturnStrategy(context);
        var timeoutMillis = HttpExchange.LongQuery(context, "timeoutMillis") ?? 5000L;

        var output = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.JsonObject).ConfigureAwait(false);
        _ = engine.SignalTask(workflowId, status, output)
            ?? throw ConductorApiException.NotFound($"Found no blocked task in workflow {workflowId} to signal");
        await WorkflowManagementEndpoints.AwaitAndWriteSignalResponseAsync(
            context, engine, workflowId, [], strategy, Guid.NewGuid().ToString(), TimeSpan.FromMilliseconds(Math.Max(0, timeoutMillis)), serverStopping).ConfigureAwait(false);
    }

    /// <summary>The <c>{status}</c> route segment and the output in the body, read in that order (a bad status is refused before the body is read).</summary>
    private static async Task<(TaskResultStatus Status, JsonObject? Output)> StatusAndOutputAsync(HttpContext context)
    {
        var status = ParseStatus(HttpExchange.Route(context, "status"));
        var output = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.JsonObject).ConfigureAwait(false);
        return (status, output);
    }
}
