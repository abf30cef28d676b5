using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conductor.Generated.Testing;

/// <summary>The definition routes under <c>/api/metadata</c> (the real server's MetadataResource).</summary>
internal sealed class MetadataEndpoints(ConductorEngine engine)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/metadata/taskdefs", RegisterTaskDefsAsync);
        routes.MapPut("/api/metadata/taskdefs", UpdateTaskDefAsync);
        routes.MapGet("/api/metadata/taskdefs", GetTaskDefsAsync);
        routes.MapGet("/api/metadata/taskdefs/{name}", GetTaskDefAsync);
        routes.MapDelete("/api/metadata/taskdefs/{name}", DeleteTaskDefAsync);
        routes.MapPost("/api/metadata/workflow", CreateWorkflowDefAsync);
        routes.MapPut("/api/metadata/workflow", UpsertWorkflowDefsAsync);
        routes.MapGet("/api/metadata/workflow", GetWorkflowDefsAsync);
        routes.MapPost("/api/metadata/workflow/validate", ValidateWorkflowDefAsync);
        routes.MapGet("/api/metadata/workflow/names-and-versions", GetNamesAndVersionsAsync);
        routes.MapGet("/api/metadata/workflow/names", GetWorkflowNamesAsync);
        routes.MapGet("/api/metadata/workflow/latest-versions", GetLatestVersionsAsync);
        routes.MapGet("/api/metadata/workflow/{name}/versions", GetWorkflowVersionsAsync);
        routes.MapGet("/api/metadata/workflow/{name}", GetWorkflowDefAsync);
        routes.MapDelete("/api/metadata/workflow/{name}/{version}", DeleteWorkflowDefAsync);

        // EventResource: the test server runs no event handlers (no event queues to feed them),
        // so registering, updating, removing or listing them is refused by name rather than
        // answered as a route that does not exist.
        routes.Map("/api/event", RefuseEventHandlers);
        routes.Map("/api/event/{**rest}", RefuseEventHandlers);
    }

    private static Task RefuseEventHandlers(HttpContext context) =>
        throw ConductorApiException.BadRequest("The Conductor test server does not run event handlers (/api/event): it has no event queues to feed them");

    private async Task RegisterTaskDefsAsync(HttpContext context)
    {
        var taskDefs = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.ListTaskDef).ConfigureAwait(false)
            ?? throw ConductorApiException.Validation([new("registerTaskDef.arg0", "TaskDefList cannot be empty or null")]);
        if (taskDefs.Count == 0)
        {
            // MetadataService#registerTaskDef: @Size(min = 1, message = "TaskDefList is empty").
            throw ConductorApiException.Validation([new("registerTaskDef.arg0", "TaskDefList is empty", "[]")]);
        }

        engine.RegisterTaskDefs(taskDefs);
        await HttpExchange.WriteEmptyAsync(context).ConfigureAwait(false);
    }

    /// <summary>MetadataService#validateWorkflowDef: 200 with no body when the definition meets every constraint, else the 400 of a registration.</summary>
    private async Task ValidateWorkflowDefAsync(HttpContext context)
    {
        var workflowDef = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.WorkflowDef).ConfigureAwait(false)
            ?? throw ConductorApiException.Validation([new("validateWorkflowDef.arg0", "WorkflowDef cannot be null")]);
        ConductorEngine.ValidateWorkflowDef(workflowDef, "validateWorkflowDef.arg0");
        await HttpExchange.WriteEmptyAsync(context).ConfigureAwait(false);
    }

    /// <summary>MetadataServiceImpl#getWorkflowNamesAndVersions: name to its versions' summaries, by version.</summary>
    private Task GetNamesAndVersionsAsync(HttpContext context)
    {
        var byName = engine.GetWorkflowDefs()
            .GroupBy(def => def.Name!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(def => def.Version).Select(Summary).ToList(), StringComparer.Ordinal);
        return HttpExchange.WriteJsonAsync(context, byName, ServerJsonContext.Default.DictionaryStringListWorkflowDefSummary);
    }

    /// <summary>MetadataDAO#getWorkflowNames: each name once.</summary>
    private Task GetWorkflowNamesAsync(HttpContext context)
    {
        var names = engine.GetWorkflowDefs().Select(def => def.Name!).Distinct(StringComparer.Ordinal).ToList();
        return HttpExchange.WriteJsonAsync(context, names, ServerJsonContext.Default.ListString);
    }

    /// <summary>MetadataService#getWorkflowDefsLatestVersions: the highest version of each name.</summary>
    private Task GetLatestVersionsAsync(HttpContext context)
    {
        var latest = engine.GetWorkflowDefs()
            .GroupBy(def => def.Name!, StringComparer.Ordinal)
            .Select(group => group.MaxBy(def => def.Version)!)
            .ToList();
        return HttpExchange.WriteJsonAsync(context, latest, ServerJsonContext.Default.ListWorkflowDef);
    }

    /// <summary>MetadataDAO#getWorkflowVersions: the summaries of one name's versions, ascending; [] for an unknown name.</summary>
    private Task GetWorkflowVersionsAsync(HttpContext context)
    {
        var name = HttpExchange.Route(context, "name");
        var versions = engine.GetWorkflowDefs().Where(def => def.Name == name).OrderBy(def => def.Version).Select(Summary).ToList();
        return HttpExchange.WriteJsonAsync(context, versions, ServerJsonContext.Default.ListWorkflowDefSummary);
    }

    private static WorkflowDefSummary Summary(WorkflowDef def) =>
        new() { Name = def.Name, Version = def.Version, CreateTime = def.CreateTime, UpdateTime = def.UpdateTime };

    private async Task UpdateTaskDefAsync(HttpContext context)
    {
        var taskDef = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.TaskDef).ConfigureAwait(false)
            ?? throw ConductorApiException.Validation([new("updateTaskDef.arg0", "TaskDef cannot be null")]);
        engine.UpdateTaskDef(taskDef);
        await HttpExchange.WriteEmptyAsync(context).ConfigureAwait(false);
    }

    private Task GetTaskDefsAsync(HttpContext context) =>
        HttpExchange.WriteJsonAsync(context, engine.GetTaskDefs(), ServerJsonContext.Default.ListTaskDef);

    private Task GetTaskDefAsync(HttpContext context) =>
        HttpExchange.WriteJsonAsync(context, engine.GetTaskDef(HttpExchange.Route(context, "name")), ServerJsonContext.Default.TaskDef);

    private Task DeleteTaskDefAsync(HttpContext context)
    {
        engine.DeleteTaskDef(HttpExchange.Route(context, "name"));
        return HttpExchange.WriteEmptyAsync(context);
    }

    private async Task CreateWorkflowDefAsync(HttpContext context)
    {
        var workflowDef = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.WorkflowDef).ConfigureAwait(false)
            ?? throw ConductorApiException.Validation([new("registerWorkflowDef.arg0", "WorkflowDef cannot be null")]);
        engine.CreateWorkflowDef(workflowDef, HttpExchange.BoolQuery(context, "overwrite", defaultValue: false));
        await HttpExchange.WriteEmptyAsync(context).ConfigureAwait(false);
    }

    private async Task UpsertWorkflowDefsAsync(HttpContext context)
    {
        var workflowDefs = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.ListWorkflowDef).ConfigureAwait(false)
            ?? throw ConductorApiException.Validation([new("updateWorkflowDef.arg0", "WorkflowDef list name cannot be null or empty")]);
        var names = engine.UpsertWorkflowDefs(workflowDefs);
        var response = new BulkResponse { BulkSuccessfulResults = names };
        await HttpExchange.WriteJsonAsync(context, response, ServerJsonContext.Default.BulkResponse).ConfigureAwait(false);
    }

    private Task GetWorkflowDefsAsync(HttpContext context) =>
        HttpExchange.WriteJsonAsync(context, engine.GetWorkflowDefs(), ServerJsonContext.Default.ListWorkflowDef);

    private Task GetWorkflowDefAsync(HttpContext context)
    {
        var name = HttpExchange.Route(context, "name");
        var version = HttpExchange.IntQuery(context, "version");
        var workflowDef = engine.FindWorkflowDef(name, version)
            ?? throw ConductorApiException.NotFound($"No such workflow found by name: {name}, version: {ConductorNames.Version(version)}");
        return HttpExchange.WriteJsonAsync(context, workflowDef, ServerJsonContext.Default.WorkflowDef);
    }

    private Task DeleteWorkflowDefAsync(HttpContext context)
    {
        var versionText = HttpExchange.Route(context, "version");
        if (!int.TryParse(versionText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw HttpExchange.ConversionFailed("version", versionText, "java.lang.Integer");
        }

        engine.DeleteWorkflowDef(HttpExchange.Route(context, "name"), version);
        return HttpExchange.WriteEmptyAsync(context);
    }
}
