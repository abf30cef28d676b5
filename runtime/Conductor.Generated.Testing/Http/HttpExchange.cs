using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Conductor.Generated.Testing;

/// <summary>Reading requests and writing answers the way the real server's controllers do.</summary>
internal static class HttpExchange
{
    /// <summary>The body as <typeparamref name="T"/>; a body that is not valid JSON is a 400.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw ConductorApiException.BadRequest($"Unreadable request body: {exception.Message}");
        }
    }

    public static async Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        await context.Response.WriteAsJsonAsync(value, typeInfo, "application/json", context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteTextAsync(HttpContext context, string text)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain;charset=UTF-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>200 with no body, the answer of the real server's void endpoints.</summary>
    public static Task WriteEmptyAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }

    /// <summary>204 with no body and no content type: a JSON content type on it breaks the JavaScript SDK.</summary>
    public static Task WriteNoContentAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? "";

    /// <summary>A query parameter; blank counts as absent, as Spring's optional parameters do.</summary>
    public static string? Query(HttpContext context, string name)
    {
        var value = context.Request.Query[name].FirstOrDefault();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public static int? IntQuery(HttpContext context, string name)
    {
        var text = Query(context, name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ConductorApiException.BadRequest($"Invalid value '{text}' for query parameter '{name}'");
    }

    public static bool BoolQuery(HttpContext context, string name, bool defaultValue)
    {
        var text = Query(context, name);
        if (text is null)
        {
            return defaultValue;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw ConductorApiException.BadRequest($"Invalid value '{text}' for query parameter '{name}'");
    }

    public static string RequiredQuery(HttpContext context, string name) =>
        Query(context, name) ?? throw ConductorApiException.BadRequest($"Required request parameter '{name}' is not present");
}
