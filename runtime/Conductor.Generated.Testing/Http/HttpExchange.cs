using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Conductor.Generated.Testing;

/// <summary>Reading requests and writing answers the way the real server's controllers do.</summary>
internal static class HttpExchange
{
    /// <summary>
    /// The body as <typeparamref name="T"/>. A body that is not valid JSON (or holds a value of the
    /// wrong type, an unknown enum value) is a 500, as the real server's catch-all
    /// ApplicationExceptionMapper#handleAll answers Spring's HttpMessageNotReadableException.
    /// </summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new ConductorApiException(StatusCodes.Status500InternalServerError, $"JSON parse error: {exception.Message}");
        }
    }

    /// <summary>
    /// A path or query value Spring cannot convert (MethodArgumentTypeMismatchException): not in
    /// ApplicationExceptionMapper's table, so 500.
    /// </summary>
    public static ConductorApiException ConversionFailed(string name, string text, string javaType) =>
        new(
            StatusCodes.Status500InternalServerError,
            $"Method parameter '{name}': Failed to convert value of type 'java.lang.String' to required type '{javaType}'; For input string: \"{text}\"");

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
            : throw ConversionFailed(name, text, "java.lang.Integer");
    }

    /// <summary>A long query parameter; blank counts as absent.</summary>
    public static long? LongQuery(HttpContext context, string name)
    {
        var text = Query(context, name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ConversionFailed(name, text, "java.lang.Long");
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
            : throw ConversionFailed(name, text, "boolean");
    }

    /// <summary>A required query parameter; without it a 500, as ApplicationExceptionMapper answers MissingServletRequestParameterException.</summary>
    public static string RequiredQuery(HttpContext context, string name) =>
        Query(context, name) ?? throw new ConductorApiException(
            StatusCodes.Status500InternalServerError,
            $"Required request parameter '{name}' for method parameter type String is not present");
}
