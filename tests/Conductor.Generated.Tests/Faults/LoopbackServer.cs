using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// A bare HTTP server on Kestrel (127.0.0.1) that records every request it gets (method, path,
/// <c>X-Authorization</c>, body) and answers with whatever the test's handler writes: a stand-in
/// for an ingress, a redirect target, a misbehaving token endpoint.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();

    private LoopbackServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    /// <summary>Answers each request; the request is recorded first. Answers 404 when null.</summary>
    public Func<HttpContext, LoopbackRequest, Task>? Handler { get; set; }

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, LoopbackRequest, Task>? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app) { Handler = handler };
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Root = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

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
