using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Testing;

/// <summary>
/// Turns a refused or failed request into the real server's error body
/// <c>{status, message, instance, retryable, validationErrors}</c> (its ApplicationExceptionMapper
/// and ValidationExceptionMapper). Unknown routes (404) and known routes with another method
/// (405) get the error body too, as Spring writes it for them.
/// </summary>
internal sealed class ErrorResponses(ILogger logger)
{
    private static readonly string Instance = Environment.MachineName;

    public async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            if (context.GetEndpoint() is null)
            {
                await WriteAsync(context, StatusCodes.Status404NotFound, $"No static resource {context.Request.Path.Value?.TrimStart('/')}.", null).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                await WriteAsync(context, StatusCodes.Status405MethodNotAllowed, $"Request method '{context.Request.Method}' is not supported", null).ConfigureAwait(false);
            }
        }
        catch (ConductorApiException exception) when (!context.Response.HasStarted)
        {
            ServerLog.RequestRefused(logger, context.Request.Method, context.Request.Path, exception.StatusCode, exception.Message);
            await WriteAsync(context, exception.StatusCode, exception.Message, exception.ValidationErrors).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            ServerLog.RequestRefused(logger, context.Request.Method, context.Request.Path, exception.StatusCode, exception.Message);
            await WriteAsync(context, exception.StatusCode, exception.Message, null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or the server is stopping): nobody is left to answer.
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            ServerLog.RequestFailed(logger, exception, context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, exception.Message, null).ConfigureAwait(false);
        }
    }

    /// <summary>The error body; <paramref name="retryable"/> tells clients that trying again may succeed.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string message, IReadOnlyList<ValidationError>? validationErrors, bool retryable = false)
    {
        var body = new ErrorResponse
        {
            Status = statusCode,
            Message = message,
            Instance = Instance,
            Retryable = retryable,
            ValidationErrors = validationErrors?.ToList(),
        };
        return HttpExchange.WriteJsonAsync(context, body, ServerJsonContext.Default.ErrorResponse, statusCode);
    }
}
