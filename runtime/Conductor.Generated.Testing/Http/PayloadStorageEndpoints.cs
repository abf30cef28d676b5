using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conductor.Generated.Testing;

/// <summary>
/// External payload storage: where a payload is read or written
/// (TaskResource#getExternalStorageLocation, ExecutionService#getExternalStorageLocation), and the
/// store's own addresses, outside <c>/api</c>, which want no Conductor token, as a presigned URL
/// of another host would not.
/// </summary>
internal sealed class PayloadStorageEndpoints(TestServerPayloadStorage storage)
{
    /// <summary>Where the store answers; every path under it is a payload's path.</summary>
    public const string StoragePrefix = "/external-payloads/";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tasks/externalstoragelocation", GetLocationAsync);
        routes.MapGet("/api/tasks/external-storage-location", GetLocationAsync);
        routes.MapGet(StoragePrefix + "{**path}", ReadAsync);
        routes.MapPut(StoragePrefix + "{**path}", WriteAsync);
    }

    private async Task GetLocationAsync(HttpContext context)
    {
        // Present but empty is a valid path (a write's, which the server picks): Spring's
        // @RequestParam only refuses a missing one.
        var path = context.Request.Query.TryGetValue("path", out var given)
            ? given.FirstOrDefault() ?? ""
            : throw ConductorApiException.BadRequest("Required request parameter 'path' is not present");
        var operation = HttpExchange.RequiredQuery(context, "operation");
        var payloadType = HttpExchange.RequiredQuery(context, "payloadType");
        var isRead = string.Equals(operation, "READ", StringComparison.OrdinalIgnoreCase);
        var isWrite = string.Equals(operation, "WRITE", StringComparison.OrdinalIgnoreCase);
        var type = payloadType.ToUpperInvariant();
        if ((!isRead && !isWrite) || type is not ("TASK_INPUT" or "TASK_OUTPUT" or "WORKFLOW_INPUT" or "WORKFLOW_OUTPUT"))
        {
            throw ConductorApiException.BadRequest($"Invalid input - Operation: {operation}, PayloadType: {payloadType}");
        }

        if (!storage.IsEnabled)
        {
            throw ConductorApiException.BadRequest(
                "External payload storage is not configured on this test server (set ConductorTestServerOptions.ExternalPayloadStorage).");
        }

        if (type is "WORKFLOW_INPUT" or "WORKFLOW_OUTPUT")
        {
            throw ConductorApiException.BadRequest(
                $"This test server keeps only task payloads in external storage, not {type}.");
        }

        var storagePath = isWrite
            ? storage.NewWritablePath(path + (type == "TASK_INPUT" ? "task/input/" : "task/output/"))
            : path;
        var location = new ExternalStorageLocationBody
        {
            Path = storagePath,
            Uri = $"{context.Request.Scheme}://{context.Request.Host}{StoragePrefix}{storagePath}",
        };
        await HttpExchange.WriteJsonAsync(context, location, ServerJsonContext.Default.ExternalStorageLocationBody).ConfigureAwait(false);
    }

    private async Task ReadAsync(HttpContext context)
    {
        CountCredentials(context);
        if (!storage.TryRead(HttpExchange.Route(context, "path"), out var bytes))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext context)
    {
        CountCredentials(context);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);

        // Only a path the server handed out for writing may be written, as with a presigned URL.
        context.Response.StatusCode = storage.TryWrite(HttpExchange.Route(context, "path"), body.ToArray())
            ? StatusCodes.Status200OK
            : StatusCodes.Status403Forbidden;
    }

    private void CountCredentials(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("X-Authorization") || context.Request.Headers.ContainsKey("Authorization"))
        {
            storage.CountCredentials();
        }
    }
}
