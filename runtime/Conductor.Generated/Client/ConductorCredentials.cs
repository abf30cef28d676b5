namespace Conductor.Generated.Client;

/// <summary>
/// An application key of an Orkes Conductor server: the key id and secret exchanged for an
/// access token at <c>POST /api/token</c>. The secret is never shown: not by
/// <see cref="ToString"/>, not in logs, not in exception messages.
/// </summary>
public sealed class ConductorCredentials
{
    /// <summary>Other SDKs get a new token after about 45 minutes; tokens live longer than that.</summary>
    public static readonly TimeSpan DefaultTokenRefreshInterval = TimeSpan.FromMinutes(45);

    /// <summary>Creates credentials from an application key's id and secret.</summary>
    public ConductorCredentials(string keyId, string keySecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(keySecret);
        KeyId = keyId;
        KeySecret = keySecret;
    }

    /// <summary>The application key's id.</summary>
    public string KeyId { get; }

    /// <summary>
    /// How old a token may get before it is replaced before use, so requests rarely meet an
    /// expired one. 45 minutes by default; must be positive.
    /// </summary>
    public TimeSpan TokenRefreshInterval
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultTokenRefreshInterval;

    internal string KeySecret { get; }

    /// <summary>Names the key id only.</summary>
    public override string ToString() => $"Conductor application key {KeyId}";
}
