using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Conductor.Generated.Testing;

/// <summary>
/// The authentication state of a running server: the tokens it issued and what it refused.
/// Reach it through <see cref="ConductorTestServer.Auth"/> to check how a client authenticates.
/// </summary>
public sealed class TestServerAuth
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _keys;
    private readonly Dictionary<string, DateTimeOffset> _tokenExpiries = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _tokenLifetime;
    private int _tokensIssued;
    private int _refusedCredentials;
    private int _expiredTokenRejections;
    private int _invalidTokenRejections;

    internal TestServerAuth(TestServerAuthOptions? options, TimeProvider clock)
    {
        IsEnabled = options is not null;
        _keys = options is null ? [] : new Dictionary<string, string>(options.Keys, StringComparer.Ordinal);
        _tokenLifetime = options?.TokenLifetime ?? TimeSpan.Zero;
        _clock = clock;
        if (IsEnabled && _tokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The token lifetime must be positive.", nameof(options));
        }
    }

    /// <summary>Whether the server asks for tokens (<see cref="ConductorTestServerOptions.Auth"/> was set).</summary>
    public bool IsEnabled { get; }

    /// <summary>How many tokens <c>POST /api/token</c> has issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>How many <c>POST /api/token</c> calls were refused for an unknown key id or a wrong secret.</summary>
    public int RefusedCredentials => Volatile.Read(ref _refusedCredentials);

    /// <summary>How many requests were refused with 401 <c>EXPIRED_TOKEN</c> because their token had expired.</summary>
    public int ExpiredTokenRejections => Volatile.Read(ref _expiredTokenRejections);

    /// <summary>How many requests were refused with 401 <c>INVALID_TOKEN</c>: no token, or one this server did not issue.</summary>
    public int InvalidTokenRejections => Volatile.Read(ref _invalidTokenRejections);

    /// <summary>Makes every token issued so far expire now, as if their lifetime had passed.</summary>
    public void ExpireAllTokens()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            foreach (var token in _tokenExpiries.Keys.ToList())
            {
                _tokenExpiries[token] = now;
            }
        }
    }

    /// <summary>A new token for a known key with the right secret; null otherwise.</summary>
    internal string? IssueToken(string keyId, string keySecret)
    {
        if (!_keys.TryGetValue(keyId, out var expectedSecret) || !string.Equals(expectedSecret, keySecret, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refusedCredentials);
            return null;
        }

        var issuedAt = _clock.GetUtcNow();
        var expiresAt = issuedAt + _tokenLifetime;
        var token = CreateJwtShapedToken(keyId, issuedAt, expiresAt);
        lock (_gate)
        {
            _tokenExpiries[token] = expiresAt;
        }

        Interlocked.Increment(ref _tokensIssued);
        return token;
    }

    /// <summary>Null when the token is good; otherwise the error code of the 401 answer.</summary>
    internal string? Check(string? token)
    {
        var expiresAt = DateTimeOffset.MinValue;
        bool known;
        lock (_gate)
        {
            known = !string.IsNullOrEmpty(token) && _tokenExpiries.TryGetValue(token, out expiresAt);
        }

        if (!known)
        {
            Interlocked.Increment(ref _invalidTokenRejections);
            return TokenErrors.InvalidToken;
        }

        if (_clock.GetUtcNow() >= expiresAt)
        {
            Interlocked.Increment(ref _expiredTokenRejections);
            return TokenErrors.ExpiredToken;
        }

        return null;
    }

    /// <summary>
    /// A token shaped like the JWT Orkes issues (header, claims with <c>sub</c>, <c>iat</c> and
    /// <c>exp</c>, signature), so a client that reads the expiry from the token can. The
    /// signature is random: the server only looks tokens up, it never verifies them.
    /// </summary>
    private static string CreateJwtShapedToken(string keyId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        using var claims = new MemoryStream();
        using (var writer = new Utf8JsonWriter(claims))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", keyId);
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            writer.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            writer.WriteEndObject();
        }

        var header = """{"alg":"HS256","typ":"JWT"}"""u8;
        return Base64Url.EncodeToString(header) + "."
            + Base64Url.EncodeToString(claims.ToArray()) + "."
            + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
    }
}
