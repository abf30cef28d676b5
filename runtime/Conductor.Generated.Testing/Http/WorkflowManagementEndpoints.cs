using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Conductor.Generated.Testing;

/// <summary>
/// The workflow management routes under <c>/api/workflow</c> beyond start, get and terminate
/// (the real server's WorkflowResource): lifecycle operations, status, search, correlation ids and
/// synchronous execution. Literal segments (<c>search</c>, <c>running</c>, <c>decide</c>,
/// <c>execute</c>) take precedence over a <c>{workflowId}</c> in the same place.
/// </summary>
internal sealed class WorkflowManagementEndpoints(ConductorEngine engine, CancellationToken serverStopping)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/workflow/search", SearchAsync);
        routes.MapGet("/api/workflow/search-v2", SearchV2Async);
        routes.MapGet("/api/workflow/search-by-tasks", RefuseSearchByTasks);
        routes.MapGet("/api/workflow/search-by-tasks-v2", RefuseSearchByTasks);
        routes.MapGet("/api/workflow/running/{name}", RunningAsync);
        routes.MapPut("/api/workflow/decide/{workflowId}", OnWorkflow(engine.DecideWorkflow));
        routes.MapPost("/api/workflow/execute/{name}/{version}", ExecuteAsync);
        routes.MapPost("/api/workflow/test", TestAsync);
        routes.MapGet("/api/workflow/{name}/correlated/{correlationId}", CorrelatedAsync);
        routes.MapPost("/api/workflow/{name}/correlated", CorrelatedBatchAsync);
        routes.MapGet("/api/workflow/{workflowId}/status", StatusAsync);
        routes.MapGet("/api/workflow/{workflowId}/tasks", TasksAsync);
        routes.MapPut("/api/workflow/{workflowId}/pause", OnWorkflow(engine.PauseWorkflow));
        routes.MapPut("/api/workflow/{workflowId}/resume", OnWorkflow(engine.ResumeWorkflow));
        routes.MapPost("/api/workflow/{workflowId}/retry", RetryAsync);
        routes.MapPost("/api/workflow/{workflowId}/restart", RestartAsync);
        routes.MapPost("/api/workflow/{workflowId}/rerun", RerunAsync);
        routes.MapPut("/api/workflow/{workflowId}/skiptask/{taskReferenceName}", SkipTaskAsync);
        routes.MapDelete("/api/workflow/{workflowId}/remove", RemoveAsync);
        routes.MapDelete("/api/workflow/{workflowId}/terminate-remove", TerminateRemoveAsync);
        routes.MapPost("/api/workflow/{workflowId}/resetcallbacks", OnWorkflow(engine.ResetCallbacks));

        // WorkflowBulkResource: each operation on every id of the body, one failure not stopping the others.
        routes.MapPut("/api/workflow/bulk/pause", OnEach(engine.PauseWorkflow));
        routes.MapPut("/api/workflow/bulk/resume", OnEach(engine.ResumeWorkflow));
        routes.MapPost("/api/workflow/bulk/retry", OnEach(workflowId => engine.RetryWorkflow(workflowId)));
        routes.MapPost("/api/workflow/bulk/restart", context =>
        {
            var useLatestDefinitions = HttpExchange.BoolQuery(context, "useLatestDefinitions", defaultValue: false);
            return OnEach(workflowId => engine.RestartWorkflow(workflowId, useLatestDefinitions))(context);
        });
        routes.MapPost("/api/workflow/bulk/terminate", context =>
        {
            var reason = HttpExchange.Query(context, "reason");
            return OnEach(workflowId => engine.TerminateWorkflow(workflowId, reason))(context);
        });
    }

    /// <summary>
    /// WorkflowBulkServiceImpl: applies <paramref name="operation"/> to each workflow id of the
    /// body; a success lists the id in <c>bulkSuccessfulResults</c>, a failure puts its message
    /// under the id in <c>bulkErrorResults</c>. An empty list or more than 1000 ids is refused
    /// (WorkflowBulkService's <c>@NotEmpty</c> and <c>@Size(max = 1000)</c>).
    /// </summary>
    private static RequestDelegate OnEach(Action<string> operation) => async context =>
    {
        var workflowIds = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.ListString).ConfigureAwait(false);
        if (workflowIds is null || workflowIds.Count == 0)
        {
            throw ConductorApiException.Validation([new("workflowIds", "WorkflowIds list cannot be null.")]);
        }

        if (workflowIds.Count > 1000)
        {
            throw ConductorApiException.Validation([new("workflowIds", "Cannot process more than 1000 workflows. Please use multiple requests.")]);
        }

        var response = new BulkResponse();
        foreach (var workflowId in workflowIds)
        {
            try
            {
                operation(workflowId);
                response.BulkSuccessfulResults.Add(workflowId);
            }
            catch (ConductorApiException exception)
            {
                response.BulkErrorResults[workflowId] = exception.Message;
            }
        }

        await HttpExchange.WriteJsonAsync(context, response, ServerJsonContext.Default.BulkResponse).ConfigureAwait(false);
    };

    /// <summary>A route that applies <paramref name="operation"/> to the run named by <c>{workflowId}</c> and answers 200 with no body.</summary>
    private static RequestDelegate OnWorkflow(Action<string> operation) => context =>
    {
        operation(HttpExchange.Route(context, "workflowId"));
        return HttpExchange.WriteEmptyAsync(context);
    };

    private Task SearchAsync(HttpContext context) =>
        WriteSearchAsync(context, engine.SearchWorkflows, ServerJsonContext.Default.SearchResultWorkflowSummary);

    private Task SearchV2Async(HttpContext context) =>
        WriteSearchAsync(context, engine.SearchWorkflowsV2, ServerJsonContext.Default.SearchResultWorkflowExecution);

    /// <summary>Searching workflows by their tasks' fields needs the real server's index; refused by name.</summary>
    private static Task RefuseSearchByTasks(HttpContext context) =>
        throw ConductorApiException.BadRequest("The test server does not implement search-by-tasks; use /api/tasks/search and read workflowId from the hits");

    /// <summary>
    /// Runs <paramref name="search"/> on start (default 0), size (default 100), sort, freeText
    /// (default *) and query, as WorkflowResource#search and TaskResource#search read them, and
    /// answers the page.
    /// </summary>
    internal static Task WriteSearchAsync<T>(HttpContext context, Func<int, int, string?, string?, string?, SearchResult<T>> search, JsonTypeInfo<SearchResult<T>> typeInfo)
    {
        var start = HttpExchange.IntQuery(context, "start") ?? 0;
        var size = HttpExchange.IntQuery(context, "size") ?? 100;
        var page = search(start, size, HttpExchange.Query(context, "sort"), HttpExchange.Query(context, "freeText") ?? "*", HttpExchange.Query(context, "query"));
        return HttpExchange.WriteJsonAsync(context, page, typeInfo);
    }

    private Task RunningAsync(HttpContext context)
    {
        var ids = engine.GetRunningWorkflowIds(
            HttpExchange.Route(context, "name"),
            HttpExchange.IntQuery(context, "version") ?? 1,
            HttpExchange.LongQuery(context, "startTime"),
            HttpExchange.LongQuery(context, "endTime"));
        return HttpExchange.WriteJsonAsync(context, ids, ServerJsonContext.Default.ListString);
    }

    /// <summary>
    /// Starts the workflow and answers once it has ended or is blocked, or after waitForSeconds
    /// (default 10, 0 meaning 10), as WorkflowResource#executeWorkflow does. Version 0 means the
    /// latest. returnStrategy: TARGET_WORKFLOW (default), BLOCKING_WORKFLOW, BLOCKING_TASK,
    /// BLOCKING_TASK_INPUT.
    /// </summary>
    private async Task ExecuteAsync(HttpContext context)
    {
        var name = HttpExchange.Route(context, "name");
        var versionText = HttpExchange.Route(context, "version");
        if (!int.TryParse(versionText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw HttpExchange.ConversionFailed("version", versionText, "java.lang.Integer");
        }

        var strategy = ReturnStrategy(context);
        var waitForSeconds = HttpExchange.IntQuery(context, "waitForSeconds") is { } seconds and not 0 ? seconds : 10;
        var requestId = HttpExchange.Query(context, "requestId") ?? Guid.NewGuid().ToString();
        var taskRefs = HttpExchange.Query(context, "waitUntilTaskRef")?.Split(',') ?? [];
        var request = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.StartWorkflowRequest).ConfigureAwait(false)
            ?? throw ConductorApiException.Validation([new("executeWorkflow.arg0", "StartWorkflowRequest cannot be null")]);
        request.Name = name;
        request.Version = version == 0 ? null : version;

        // WorkflowResource#executeWorkflow starts it through WorkflowService#startWorkflow(@Valid StartWorkflowRequest).
        var errors = new List<ValidationError>();
        WorkflowEndpoints.AddPriorityError(request, "startWorkflow.arg0.priority", errors);
        DefinitionValidator.ThrowIfInvalid(errors);
        var workflowId = WorkflowEndpoints.Start(engine, request);

        await AwaitAndWriteSignalResponseAsync(context, engine, workflowId, taskRefs, strategy, requestId, TimeSpan.FromSeconds(Math.Max(0, waitForSeconds)), serverStopping).ConfigureAwait(false);
    }

    /// <summary>
    /// WorkflowResource#testWorkflow -> WorkflowTestService#testWorkflow: runs the workflow on the
    /// request's mock results and answers the run. The literal <c>test</c> wins over
    /// <c>POST /{name}</c>, as on the real server.
    /// </summary>
    private async Task TestAsync(HttpContext context)
    {
        var request = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.WorkflowTestRequest).ConfigureAwait(false)
            ?? throw new ConductorApiException(500, "Required request body is missing");
        var name = request.Name ?? "";
        var definition = request.WorkflowDef
            ?? engine.FindWorkflowDef(name, request.Version)
            ?? throw ConductorApiException.NotFound($"No such workflow defined. name={request.Name}, version={ConductorNames.Version(request.Version)}");
        var workflow = engine.TestWorkflow(request, definition);
        await HttpExchange.WriteJsonAsync(context, workflow, ServerJsonContext.Default.WorkflowExecution).ConfigureAwait(false);
    }

    internal static string ReturnStrategy(HttpContext context)
    {
        var strategy = HttpExchange.Query(context, "returnStrategy") ?? "TARGET_WORKFLOW";
        return strategy is "TARGET_WORKFLOW" or "BLOCKING_WORKFLOW" or "BLOCKING_TASK" or "BLOCKING_TASK_INPUT"
            ? strategy
            : throw new ConductorApiException(500, $"Method parameter 'returnStrategy': Failed to convert value of type 'java.lang.String' to required type 'org.conductoross.conductor.model.WorkflowSignalReturnStrategy'; No enum constant for value [{strategy}]");
    }

    /// <summary>
    /// Waits (until <paramref name="wait"/> has passed, the client goes or the server stops) for
    /// the run's answer under <paramref name="strategy"/> and writes it; a null answer (a task
    /// strategy with nothing blocked) is 200 with no body, as an empty Mono.
    /// </summary>
    internal static async Task AwaitAndWriteSignalResponseAsync(
        HttpContext context, ConductorEngine engine, string workflowId, string[] taskRefs, string strategy, string requestId, TimeSpan wait, CancellationToken serverStopping)
    {
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var response = await engine.AwaitSignalResponseAsync(workflowId, taskRefs, strategy, requestId, wait, stopWaiting.Token).ConfigureAwait(false);
        await (response is null
            ? HttpExchange.WriteEmptyAsync(context)
            : HttpExchange.WriteJsonAsync(context, response, ServerJsonContext.Default.SignalResponse)).ConfigureAwait(false);
    }

    private Task CorrelatedAsync(HttpContext context)
    {
        var workflows = engine.GetWorkflowsByCorrelationId(
            HttpExchange.Route(context, "name"),
            HttpExchange.Route(context, "correlationId"),
            HttpExchange.BoolQuery(context, "includeClosed", defaultValue: false),
            HttpExchange.BoolQuery(context, "includeTasks", defaultValue: false));
        return HttpExchange.WriteJsonAsync(context, workflows, ServerJsonContext.Default.ListWorkflowExecution);
    }

    /// <summary>WorkflowServiceImpl#getWorkflows: correlation id to its runs, for each id given.</summary>
    private async Task CorrelatedBatchAsync(HttpContext context)
    {
        var correlationIds = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.ListString).ConfigureAwait(false)
            ?? throw new ConductorApiException(500, "Required request body is missing");
        var name = HttpExchange.Route(context, "name");
        var includeClosed = HttpExchange.BoolQuery(context, "includeClosed", defaultValue: false);
        var includeTasks = HttpExchange.BoolQuery(context, "includeTasks", defaultValue: false);
        var byCorrelationId = new Dictionary<string, List<WorkflowExecution>>(StringComparer.Ordinal);
        foreach (var correlationId in correlationIds)
        {
            byCorrelationId[correlationId] = engine.GetWorkflowsByCorrelationId(name, correlationId, includeClosed, includeTasks);
        }

        await HttpExchange.WriteJsonAsync(context, byCorrelationId, ServerJsonContext.Default.DictionaryStringListWorkflowExecution).ConfigureAwait(false);
    }

    private Task StatusAsync(HttpContext context)
    {
        var summary = engine.GetWorkflowStatusSummary(
            HttpExchange.Route(context, "workflowId"),
            HttpExchange.BoolQuery(context, "includeOutput", defaultValue: false),
            HttpExchange.BoolQuery(context, "includeVariables", defaultValue: false));
        return HttpExchange.WriteJsonAsync(context, summary, ServerJsonContext.Default.WorkflowStatusSummary);
    }

    /// <summary>
    /// WorkflowResource#getExecutionStatusTaskList: a page (start, default 0; count, default 15) of
    /// the run's tasks, filtered by status when given, with the total before paging.
    /// </summary>
    private Task TasksAsync(HttpContext context)
    {
        var start = HttpExchange.IntQuery(context, "start") ?? 0;
        var count = HttpExchange.IntQuery(context, "count") ?? 15;
        var statuses = context.Request.Query["status"].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        var tasks = engine.GetWorkflowTasks(HttpExchange.Route(context, "workflowId"))
            .Where(task => statuses.Count == 0 || statuses.Contains(ConductorNames.Of(task.Status)))
            .ToList();
        var page = new SearchResult<TaskExecution>
        {
            TotalHits = tasks.Count,
            Results = [.. tasks.Skip(Math.Max(0, start)).Take(Math.Max(0, count))],
        };
        return HttpExchange.WriteJsonAsync(context, page, ServerJsonContext.Default.SearchResultTaskExecution);
    }

    /// <summary>
    /// WorkflowResource#retry: with resumeSubworkflowTasks (a bad value is refused) the failed
    /// task inside the deepest failed child is retried in place (WorkflowExecutorOps#retry).
    /// </summary>
    private Task RetryAsync(HttpContext context)
    {
        engine.RetryWorkflow(HttpExchange.Route(context, "workflowId"), HttpExchange.BoolQuery(context, "resumeSubworkflowTasks", defaultValue: false));
        return HttpExchange.WriteEmptyAsync(context);
    }

    private Task RestartAsync(HttpContext context)
    {
        engine.RestartWorkflow(HttpExchange.Route(context, "workflowId"), HttpExchange.BoolQuery(context, "useLatestDefinitions", defaultValue: false));
        return HttpExchange.WriteEmptyAsync(context);
    }

    private async Task RerunAsync(HttpContext context)
    {
        var request = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.RerunWorkflowRequest).ConfigureAwait(false)
            ?? throw new ConductorApiException(500, "Required request body is missing");
        var workflowId = engine.RerunWorkflow(HttpExchange.Route(context, "workflowId"), request);
        await HttpExchange.WriteTextAsync(context, workflowId).ConfigureAwait(false);
    }

    private async Task SkipTaskAsync(HttpContext context)
    {
        SkipTaskRequest? request = null;
        if (context.Request.ContentLength is not 0 && (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0))
        {
            request = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.SkipTaskRequest).ConfigureAwait(false);
        }

        engine.SkipTask(HttpExchange.Route(context, "workflowId"), HttpExchange.Route(context, "taskReferenceName"), request);
        await HttpExchange.WriteEmptyAsync(context).ConfigureAwait(false);
    }

    /// <summary>archiveWorkflow is read and changes nothing: the test server keeps no archive.</summary>
    private Task RemoveAsync(HttpContext context)
    {
        _ = HttpExchange.BoolQuery(context, "archiveWorkflow", defaultValue: true);
        engine.RemoveWorkflow(HttpExchange.Route(context, "workflowId"));
        return HttpExchange.WriteEmptyAsync(context);
    }

    /// <summary>WorkflowServiceImpl#terminateRemove: terminates the run (409 for a COMPLETED one), then removes it.</summary>
    private Task TerminateRemoveAsync(HttpContext context)
    {
        var workflowId = HttpExchange.Route(context, "workflowId");
        _ = HttpExchange.BoolQuery(context, "archiveWorkflow", defaultValue: true);
        engine.TerminateWorkflow(workflowId, HttpExchange.Query(context, "reason"));
        engine.RemoveWorkflow(workflowId);
        return HttpExchange.WriteEmptyAsync(context);
    }
}
