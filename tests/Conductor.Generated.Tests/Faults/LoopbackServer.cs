using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// A bare HTTP server on Kestrel (127.0.0.1) that records every request it gets (method, path,
/// <c>X-Authorization</c>, body) and answers with whatever the test's handler writes: a stand-in
/// for an ingress, a redirect target, a misbehaving token endpoint.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private LoopbackApp _app = null!;

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    /// <summary>Answers each request; the request is recorded first. Answers 404 when null.</summary>
    public Func<HttpContext, LoopbackRequest, Task>? Handler { get; set; }

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, LoopbackRequest, Task>? handler = null)
    {
        var server = new LoopbackServer { Handler = handler };
        server._app = await LoopbackApp.StartAsync(server.HandleAsync);
        server.Root = new Uri($"http://127.0.0.1:{server._app.Port}/");
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Writes a status, a content type and a body.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new LoopbackRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers.TryGetValue("X-Authorization", out var token) ? token.ToString() : null,
            body);
        _requests.Enqueue(request);
        if (Handler is { } handler)
        {
            await handler(context, request);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}

internal sealed record LoopbackRequest(string Method, string Path, string? Authorization, string Body)
{
    public bool IsResult => Method == "POST" && Path is "/api/tasks" or "/api/tasks/update-v2";

    /// <summary>The task id and status of a result body.</summary>
    public (string TaskId, string Status, string? Reason) ReadResult()
    {
        using var document = JsonDocument.Parse(Body);
        var root = document.RootElement;
        return (
            root.GetProperty("taskId").GetString()!,
            root.GetProperty("status").GetString()!,
            root.TryGetProperty("reasonForIncompletion", out var reason) ? reason.GetString() : null);
    }
}
