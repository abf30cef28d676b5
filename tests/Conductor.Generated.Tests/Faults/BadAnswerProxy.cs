using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// A tiny proxy on Kestrel (127.0.0.1) in front of a real test server: it answers the next polls
/// from a script of bad answers (garbage, wrong shapes, huge or dripping bodies) and forwards
/// every other request, so the same host can go on to run real tasks once the script is used up.
/// </summary>
internal sealed class BadAnswerProxy : IAsyncDisposable
{
    private readonly Uri _target;
    private readonly HttpClient _forwarder = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<BadAnswer> _script = new();
    private int _badAnswersServed;

    private LoopbackApp _app = null!;

    private BadAnswerProxy(Uri target)
    {
        _target = target;
    }

    /// <summary>The API root to give the host, <c>http://127.0.0.1:{port}/api</c>.</summary>
    public Uri ApiUrl { get; private set; } = null!;

    /// <summary>How many polls were answered from the script.</summary>
    public int BadAnswersServed => Volatile.Read(ref _badAnswersServed);

    /// <summary>Polls still to be answered badly.</summary>
    public int BadAnswersLeft => _script.Count;

    public static async Task<BadAnswerProxy> StartAsync(Uri targetServerUrl)
    {
        var proxy = new BadAnswerProxy(targetServerUrl);
        proxy._app = await LoopbackApp.StartAsync(proxy.HandleAsync);
        proxy.ApiUrl = new Uri($"http://127.0.0.1:{proxy._app.Port}/api");
        return proxy;
    }

    /// <summary>Answers the next polls, one each, with these bad answers, in order.</summary>
    public void AnswerNextPolls(params BadAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _forwarder.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsGet(context.Request.Method) && path.StartsWith("/api/tasks/poll/batch/", StringComparison.Ordinal)
            && _script.TryDequeue(out var badAnswer))
        {
            Interlocked.Increment(ref _badAnswersServed);
            await badAnswer.WriteAsync(context);
            return;
        }

        await ForwardAsync(context);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var relative = (context.Request.Path.Value ?? "")["/api".Length..].TrimStart('/') + context.Request.QueryString.Value;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target.AbsoluteUri.TrimEnd('/') + "/" + relative));
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            request.Content = new StringContent(await reader.ReadToEndAsync(context.RequestAborted), Encoding.UTF8, "application/json");
        }

        using var response = await _forwarder.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}

/// <summary>One bad answer to a poll.</summary>
internal sealed record BadAnswer(string Name, Func<HttpContext, Task> Write)
{
    public Task WriteAsync(HttpContext context) => Write(context);

    public static BadAnswer Json(string name, string body) => new(name, async context =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    });

    /// <summary>A 200 JSON array holding one string of <paramref name="megabytes"/> MB, written in chunks.</summary>
    public static BadAnswer Huge(int megabytes) => new($"{megabytes} MB body", async context =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var chunk = Encoding.ASCII.GetBytes(new string('a', 1024 * 1024));
        try
        {
            await context.Response.Body.WriteAsync("[\""u8.ToArray(), context.RequestAborted);
            for (var i = 0; i < megabytes; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }

            await context.Response.Body.WriteAsync("\"]"u8.ToArray(), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up reading: that is an acceptable way to handle a huge body.
        }
    });

    /// <summary>A 200 that sends the start of a task one byte at a time and then breaks the connection.</summary>
    public static BadAnswer SlowDripThenAbort(TimeSpan duration) => new("slow drip, then the connection breaks", async context =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var partial = Encoding.ASCII.GetBytes("[{\"taskId\": \"drip-1\", \"taskType\": \"faults_bad_answers\", \"inputData\": {\"n\": ");
        var pause = duration / partial.Length;
        try
        {
            foreach (var b in partial)
            {
                await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(pause, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Abort();
    });
}
