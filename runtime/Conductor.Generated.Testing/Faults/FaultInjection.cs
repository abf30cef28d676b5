using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Testing;

/// <summary>The middleware that applies <see cref="ServerFaults"/> to each request, first in the pipeline.</summary>
/// <remarks>It also counts every request, before any fault acts on it.</remarks>
internal sealed class FaultInjection(ServerFaults faults, RequestCounts requestCounts, TimeProvider clock, ILogger logger)
{
    public async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var routePattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        requestCounts.Count(request.Method, routePattern, request.Path.Value ?? "/");
        var plan = faults.Plan(request.Method, routePattern, request.Path.Value ?? "/", AuthEndpoints.NeedsToken(request.Path));

        if (plan.Drop == DropMoment.BeforeHandling)
        {
            Drop(context, "dropped connection");
            return;
        }

        if (plan.Latency > TimeSpan.Zero)
        {
            faults.CountDelay();
            ServerLog.FaultInjected(logger, "latency", request.Method, request.Path);
            try
            {
                await Task.Delay(plan.Latency, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (plan.Error)
        {
            faults.CountError();
            ServerLog.FaultInjected(logger, "error", request.Method, request.Path);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, "Injected fault: the server could not handle the request, try again", null, retryable: true).ConfigureAwait(false);
            return;
        }

        if (plan.Unauthorized)
        {
            faults.CountUnauthorized();
            ServerLog.FaultInjected(logger, "401", request.Method, request.Path);
            await AuthEndpoints.WriteUnauthorizedAsync(context, clock, TokenErrors.ExpiredToken, "Token has expired").ConfigureAwait(false);
            return;
        }

        if (plan.Drop == DropMoment.AfterHandling)
        {
            // The answer goes into a buffer that is thrown away, so nothing of it reaches the
            // client before the connection is cut: the server acted, the client cannot know.
            var answer = context.Response.Body;
            await using var discarded = new MemoryStream();
            context.Response.Body = discarded;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                context.Response.Body = answer;
            }

            Drop(context, "dropped connection after handling");
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private void Drop(HttpContext context, string fault)
    {
        faults.CountDrop();
        ServerLog.FaultInjected(logger, fault, context.Request.Method, context.Request.Path);
        context.Abort();
    }
}
