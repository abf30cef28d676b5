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
        if (string.IsNullOrEmpty(request.Name))
        {
            throw ConductorApiException.Validation([new("startWorkflow.arg0.name", "Workflow name cannot be null or empty", request.Name)]);
        }

        await HttpExchange.WriteTextAsync(context, Start(engine, request)).ConfigureAwait(false);
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
        var definition = engine.FindWorkflowDef(name, version)
            ?? throw ConductorApiException.NotFound($"No such workflow found by name: {name}, version: {ConductorNames.Version(version)}");
        var workflowId = engine.StartWorkflow(
            definition,
            input ?? [],
            HttpExchange.Query(context, "correlationId"),
            HttpExchange.IntQuery(context, "priority") ?? 0,
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
