using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Conductor.Generated.Testing;

/// <summary>
/// The server's web page (test server only: the real server's UI is a separate application):
/// <c>GET /</c> and its script and style under <c>/ui/</c>, embedded in the assembly, and
/// <c>GET /ui/api/snapshot</c>, the JSON it refreshes itself from. First in the pipeline, so the
/// page is never hit by injected faults, never asks for a token and is not counted among the
/// requests of <see cref="ConductorTestServer.GetRequestCount"/>. Its list of workers is the
/// engine's record of polls.
/// </summary>
internal sealed class TestServerPage(ConductorEngine engine)
{
    public const string SnapshotPath = "/ui/api/snapshot";

    /// <summary>The most workflows one snapshot may list.</summary>
    public const int MaxSnapshotWorkflows = 1000;

    private static readonly Dictionary<string, (string Resource, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["/"] = ("page.html", "text/html; charset=utf-8"),
        ["/index.html"] = ("page.html", "text/html; charset=utf-8"),
        ["/ui/page.css"] = ("page.css", "text/css; charset=utf-8"),
        ["/ui/page.js"] = ("page.js", "text/javascript; charset=utf-8"),
    };

    private static readonly Dictionary<string, byte[]> AssetBytes = LoadAssets();

    public Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            if (Assets.TryGetValue(path, out var asset))
            {
                return WriteAssetAsync(context, AssetBytes[asset.Resource], asset.ContentType);
            }

            if (path == SnapshotPath)
            {
                return WriteSnapshotAsync(context);
            }
        }

        return next(context);
    }

    private async Task WriteSnapshotAsync(HttpContext context)
    {
        var limitText = context.Request.Query["limit"].FirstOrDefault();
        var limit = ConductorEngine.DefaultSnapshotWorkflows;
        if (!string.IsNullOrWhiteSpace(limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit > MaxSnapshotWorkflows))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                $"Invalid value '{limitText}' for query parameter 'limit': a number of workflows from 0 to {MaxSnapshotWorkflows}",
                context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(engine.Snapshot(limit), ServerJsonContext.Default.ServerSnapshot, "application/json", context.RequestAborted)
            .ConfigureAwait(false);
    }

    private static async Task WriteAssetAsync(HttpContext context, byte[] content, string contentType)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        context.Response.Headers.CacheControl = "no-cache";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(content, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, byte[]> LoadAssets()
    {
        var assembly = typeof(TestServerPage).Assembly;
        var assets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in Assets.Values.Select(asset => asset.Resource).Distinct(StringComparer.Ordinal))
        {
            var name = "Conductor.Generated.Testing.Page." + resource;
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The test server's page is missing from the assembly: no embedded resource {name}");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            assets[resource] = buffer.ToArray();
        }

        return assets;
    }
}
