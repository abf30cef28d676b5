using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conductor.Generated.Testing;

/// <summary>The workflow routes under <c>/api/workflow</c> (the real server's WorkflowResource).</summary>
internal sealed class WorkflowEndpoints(ConductorEngine engine)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/workflow", StartWithRequestAsync);
        routes.MapPost("/api/workflow/{name}", StartByNameAsync);
        routes.MapGet("/api/workflow/{workflowId}", GetWorkflowAsync);
        routes.MapDelete("/api/workflow/{workflowId}", TerminateAsync);
    }

    private async Task StartWithRequestAsync(HttpContext context)
    {
        var request = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.StartWorkflowRequest).ConfigureAwait(false)
            ?? throw ConductorApiException.Validation([new("startWorkflow.arg0", "StartWorkflowRequest cannot be null")]);
        var errors = new List<ValidationError>();
        if (string.IsNullOrEmpty(request.Name))
        {
            errors.Add(new("startWorkflow.arg0.name", "Workflow name cannot be null or empty", request.Name));
        }

        AddPriorityError(request, "startWorkflow.arg0.priority", errors);
        if (request.ExternalInputRefusal() is { } refusal)
        {
            errors.Add(new("startWorkflow.arg0.externalInputPayloadStoragePath", refusal, request.ExternalInputPayloadStoragePath));
        }

        DefinitionValidator.ThrowIfInvalid(errors);

        await HttpExchange.WriteTextAsync(context, Start(engine, request)).ConfigureAwait(false);
    }

    /// <summary>
    /// StartWorkflowRequest#priority's <c>@Min(0)</c> and <c>@Max(99)</c>, which the real server checks
    /// (WorkflowService#startWorkflow takes the request <c>@Valid</c>) before it queues a task with it.
    /// </summary>
    internal static void AddPriorityError(StartWorkflowRequest request, string path, List<ValidationError> errors)
    {
        if (request.Priority is { } priority and (< 0 or > 99))
        {
            var message = priority < 0 ? $"priority: {priority} should be minimum 0" : $"priority: {priority} should be maximum 99";
            errors.Add(new(path, message, priority.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Starts a run as <c>POST /api/workflow</c> does, from a request whose name is set.</summary>
    internal static string Start(ConductorEngine engine, StartWorkflowRequest request)
    {
        var name = request.Name ?? "";
        var definition = request.WorkflowDef
            ?? engine.FindWorkflowDef(name, request.Version)
            ?? throw ConductorApiException.NotFound($"No such workflow defined. name={request.Name}, version={ConductorNames.Version(request.Version)}");
        return engine.StartWorkflow(definition, request.Input, request.CorrelationId, request.Priority ?? 0, request.TaskToDomain);
    }

    private async Task StartByNameAsync(HttpContext context)
    {
        var name = HttpExchange.Route(context, "name");
        var version = HttpExchange.IntQuery(context, "version");
        var input = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.JsonObject).ConfigureAwait(false);
        // WorkflowService#startWorkflow(name, version, correlationId, priority, input): @Min(0) and @Max(99) on the priority.
        var priority = HttpExchange.IntQuery(context, "priority") ?? 0;
        if (priority is < 0 or > 99)
        {
            throw ConductorApiException.Validation([new(
                "startWorkflow.arg3",
                priority < 0 ? "0 is the minimum priority value" : "99 is the maximum priority value",
                priority.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        var definition = engine.FindWorkflowDef(name, version)
            ?? throw ConductorApiException.NotFound($"No such workflow found by name: {name}, version: {ConductorNames.Version(version)}");
        var workflowId = engine.StartWorkflow(
            definition,
            input ?? [],
            HttpExchange.Query(context, "correlationId"),
            priority,
            taskToDomain: null);
        await HttpExchange.WriteTextAsync(context, workflowId).ConfigureAwait(false);
    }

    private Task GetWorkflowAsync(HttpContext context)
    {
        var workflowId = HttpExchange.Route(context, "workflowId");
        var workflow = engine.GetWorkflow(workflowId, HttpExchange.BoolQuery(context, "includeTasks", defaultValue: true))
            ?? throw ConductorApiException.NotFound($"No such workflow found by id: {workflowId}");
        return HttpExchange.WriteJsonAsync(context, workflow, ServerJsonContext.Default.WorkflowExecution);
    }

    private Task TerminateAsync(HttpContext context)
    {
        engine.TerminateWorkflow(HttpExchange.Route(context, "workflowId"), HttpExchange.Query(context, "reason"));
        return HttpExchange.WriteEmptyAsync(context);
    }
}
