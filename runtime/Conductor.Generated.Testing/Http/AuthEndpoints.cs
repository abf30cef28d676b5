using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conductor.Generated.Testing;

/// <summary>
/// Orkes' authentication: <c>POST /api/token</c>, and a token check in front of every other
/// route under <c>/api</c>. Without authentication the route is not mapped, so it answers 404,
/// which is how clients recognise a server that needs no token.
/// </summary>
internal sealed class AuthEndpoints(TestServerAuth auth, TimeProvider clock)
{
    public const string TokenPath = "/api/token";
    public const string TokenHeader = "X-Authorization";

    public void Map(IEndpointRouteBuilder routes)
    {
        if (auth.IsEnabled)
        {
            routes.MapPost(TokenPath, GenerateTokenAsync);
        }
    }

    /// <summary>The middleware that lets a request through only with a good token.</summary>
    public Task CheckTokenAsync(HttpContext context, RequestDelegate next)
    {
        if (!auth.IsEnabled || !NeedsToken(context.Request.Path))
        {
            return next(context);
        }

        var token = context.Request.Headers[TokenHeader].FirstOrDefault();
        return auth.Check(token) switch
        {
            null => next(context),
            TokenErrors.ExpiredToken => WriteUnauthorizedAsync(context, clock, TokenErrors.ExpiredToken, "Token has expired"),
            _ when string.IsNullOrEmpty(token) => WriteUnauthorizedAsync(context, clock, TokenErrors.InvalidToken, "Token cannot be null or empty"),
            _ => WriteUnauthorizedAsync(context, clock, TokenErrors.InvalidToken, "Invalid token"),
        };
    }

    /// <summary>Every route under <c>/api</c> but the one that hands out tokens.</summary>
    public static bool NeedsToken(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.Equals(TokenPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>401 with Orkes' body, which clients read to decide to fetch a new token.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, TimeProvider clock, string error, string message)
    {
        var body = new UnauthorizedResponse { Message = message, Error = error, Timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds() };
        return HttpExchange.WriteJsonAsync(context, body, ServerJsonContext.Default.UnauthorizedResponse, StatusCodes.Status401Unauthorized);
    }

    private async Task GenerateTokenAsync(HttpContext context)
    {
        var request = await HttpExchange.ReadJsonAsync(context, ServerJsonContext.Default.GenerateTokenRequest).ConfigureAwait(false);
        var errors = new List<ValidationError>();
        if (string.IsNullOrEmpty(request?.KeyId))
        {
            errors.Add(new("generateToken.arg0.keyId", "keyId cannot be null or empty"));
        }

        if (string.IsNullOrEmpty(request?.KeySecret))
        {
            errors.Add(new("generateToken.arg0.keySecret", "keySecret cannot be null or empty"));
        }

        if (errors.Count > 0)
        {
            throw ConductorApiException.Validation(errors);
        }

        var token = auth.IssueToken(request!.KeyId!, request.KeySecret!);
        if (token is null)
        {
            var body = new UnauthorizedResponse { Message = "Invalid access key or secret", Timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds() };
            await HttpExchange.WriteJsonAsync(context, body, ServerJsonContext.Default.UnauthorizedResponse, StatusCodes.Status401Unauthorized).ConfigureAwait(false);
            return;
        }

        await HttpExchange.WriteJsonAsync(context, new TokenResponse { Token = token }, ServerJsonContext.Default.TokenResponse).ConfigureAwait(false);
    }
}
