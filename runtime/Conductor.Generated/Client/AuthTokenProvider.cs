using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Conductor.Generated.Client;

/// <summary>
/// Gets, caches and renews the access token every request of one client carries. Renewal is
/// shared: however many requests find the token old or rejected at once, one
/// <c>POST /api/token</c> is sent and they all use its answer.
/// </summary>
internal sealed class AuthTokenProvider : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _httpClient;
    private readonly Uri _tokenUri;
    private readonly ConductorCredentials _credentials;
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile AuthToken? _current;

    public AuthTokenProvider(HttpClient httpClient, Uri apiRoot, ConductorCredentials credentials)
    {
        _httpClient = httpClient;
        _tokenUri = new Uri(apiRoot, "token");
        _credentials = credentials;
    }

    /// <summary>
    /// The token to send, renewed first when it is older than the refresh interval. Its
    /// <see cref="AuthToken.Value"/> is <see langword="null"/> when the server has no
    /// authentication (it answered <c>404</c> to <c>POST /api/token</c>).
    /// </summary>
    public ValueTask<AuthToken> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current is not null && !IsOld(current)
            ? ValueTask.FromResult(current)
            : new ValueTask<AuthToken>(RenewAsync(current, cancellationToken));
    }

    /// <summary>
    /// The server refused <paramref name="rejected"/> as expired or invalid: renews it, unless
    /// another request has renewed it since, and returns the token to repeat the request with.
    /// </summary>
    public Task<AuthToken> RenewAfterRejectionAsync(AuthToken rejected, CancellationToken cancellationToken) =>
        RenewAsync(rejected, cancellationToken);

    public void Dispose() => _renewal.Dispose();

    private bool IsOld(AuthToken token) =>
        token.Value is not null && Stopwatch.GetElapsedTime(token.ObtainedAt) >= _credentials.TokenRefreshInterval;

    private async Task<AuthToken> RenewAsync(AuthToken? seen, CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            if (current is not null && !ReferenceEquals(current, seen) && !IsOld(current))
            {
                return current; // renewed by another request while this one waited
            }

            var renewed = new AuthToken(await RequestTokenAsync(cancellationToken).ConfigureAwait(false), Stopwatch.GetTimestamp());
            _current = renewed;
            return renewed;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary><c>POST /api/token</c>; <see langword="null"/> for a server without authentication.</summary>
    private async Task<string?> RequestTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
            new TokenRequest(_credentials.KeyId, _credentials.KeySecret), ConductorJsonContext.Default.TokenRequest));
        request.Content.Headers.ContentType = JsonMediaType;
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (ConductorClient.NotFromServer(_tokenUri, request, response) is { } foreign)
        {
            throw foreign;
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            // The body of a refusal is the server's explanation, but a server (or a proxy) may
            // echo the request in it: the secret is redacted before the body goes anywhere.
            throw await ConductorClient.ErrorFromAsync(response, "POST", _tokenUri.AbsolutePath, cancellationToken, _credentials.KeySecret).ConfigureAwait(false);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        TokenResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, ConductorJsonContext.Default.TokenResponse);
        }
        catch (JsonException exception)
        {
            // Never the body: it is (nearly) a token.
            throw new ConductorApiException(response.StatusCode, "POST", _tokenUri.AbsolutePath, $"Conductor answered POST {_tokenUri.AbsolutePath} with a body that is not a token: {exception.Message}", exception);
        }

        return string.IsNullOrEmpty(answer?.Token)
            ? throw new ConductorApiException($"Conductor answered POST {_tokenUri.AbsolutePath} without a token.")
            : answer.Token;
    }
}

/// <summary>One access token and when it was obtained (a <see cref="Stopwatch"/> timestamp).</summary>
/// <param name="Value">The token, or <see langword="null"/> when the server needs none.</param>
internal sealed record AuthToken(string? Value, long ObtainedAt)
{
    /// <summary>Never the token itself.</summary>
    public override string ToString() => Value is null ? "no token" : "a token";
}
