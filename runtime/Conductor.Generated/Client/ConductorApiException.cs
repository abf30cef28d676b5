using System.Net;
using System.Text;

namespace Conductor.Generated.Client;

/// <summary>
/// The Conductor server answered a request with a status that is not a success. The message
/// names the request, the status and everything the server said about it.
/// </summary>
public sealed class ConductorApiException : Exception
{
    /// <summary>Creates the exception for the answer <paramref name="statusCode"/> to <paramref name="method"/> <paramref name="path"/>.</summary>
    public ConductorApiException(HttpStatusCode statusCode, string method, string path, ConductorErrorResponse? error, string? responseBody)
        : base(DescribeFailure(statusCode, method, path, error, responseBody))
    {
        StatusCode = statusCode;
        Method = method;
        Path = path;
        Error = error;
        ResponseBody = responseBody;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ConductorApiException()
        : this("The Conductor server refused the request.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ConductorApiException(string message)
        : base(message)
    {
        Method = "";
        Path = "";
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ConductorApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "";
        Path = "";
    }

    /// <summary>A success or failure answer whose body could not be understood.</summary>
    internal ConductorApiException(HttpStatusCode statusCode, string method, string path, string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Method = method;
        Path = path;
    }

    /// <summary>
    /// An answer that did not come from the Conductor server itself: a redirect (never followed),
    /// a request a handler redirected elsewhere, or a success answer of a shape the server never
    /// gives (an HTML page from a proxy). Nothing it says counts as the server's.
    /// </summary>
    internal ConductorApiException(HttpStatusCode statusCode, string method, string path, string message, Uri? redirectLocation)
        : base(message)
    {
        StatusCode = statusCode;
        Method = method;
        Path = path;
        IsNotFromServer = true;
        RedirectLocation = redirectLocation;
    }

    /// <summary>The HTTP status the server answered with (a success status when its body could not be read).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request's HTTP method.</summary>
    public string Method { get; }

    /// <summary>The request's path (without the query), for example <c>/api/tasks</c>.</summary>
    public string Path { get; }

    /// <summary>The server's error body, when it had the usual shape.</summary>
    public ConductorErrorResponse? Error { get; }

    /// <summary>The raw body of the answer (cut to a few kilobytes), when there was one.</summary>
    public string? ResponseBody { get; }

    /// <summary>
    /// Whether repeating the same request may succeed: the server said so, or the status is a
    /// server error, a request timeout, too many requests, or a <c>401</c> for an expired or
    /// invalid access token (a new token is fetched on the next try).
    /// </summary>
    public bool IsTransient =>
        Error?.Retryable == true
        || IsTokenRejection
        || (int)StatusCode >= 500
        || StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>
    /// The answer did not come from the Conductor server (a redirect, or a success answer of a
    /// shape the server never gives): a result it was the answer to was not delivered.
    /// </summary>
    internal bool IsNotFromServer { get; }

    /// <summary>Where a redirect answer pointed (without its query), when it was one.</summary>
    internal Uri? RedirectLocation { get; }

    /// <summary>
    /// <c>401</c> or <c>403</c>: the caller's key or token was refused, which says nothing about
    /// the request itself; it may succeed once the credentials or permissions are fixed.
    /// </summary>
    internal bool IsAuthenticationFailure => StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>A <c>401</c> saying the access token has expired or is not valid: renewing it and repeating may succeed.</summary>
    internal bool IsTokenRejection =>
        StatusCode == HttpStatusCode.Unauthorized && Error?.Error is "EXPIRED_TOKEN" or "INVALID_TOKEN";

    private static string DescribeFailure(HttpStatusCode statusCode, string method, string path, ConductorErrorResponse? error, string? responseBody)
    {
        var message = new StringBuilder()
            .Append("Conductor answered ").Append((int)statusCode).Append(' ').Append(statusCode)
            .Append(" to ").Append(method).Append(' ').Append(path);

        if (error is not null)
        {
            if (error.Code is not null)
            {
                message.Append(": code ").Append(error.Code);
            }

            if (error.Message is not null)
            {
                message.Append(": ").Append(error.Message);
            }

            if (error.Error is not null)
            {
                message.Append(": error ").Append(error.Error);
            }

            if (error.Error is null)
            {
                message.Append(error.Retryable ? " (retryable)" : " (not retryable)");
            }
            if (error.ValidationErrors is { Count: > 0 } validationErrors)
            {
                message.Append("; validation errors: ").AppendJoin("; ", validationErrors);
            }
        }
        else if (!string.IsNullOrWhiteSpace(responseBody))
        {
            message.Append(": ").Append(responseBody);
        }

        return message.ToString();
    }
}
