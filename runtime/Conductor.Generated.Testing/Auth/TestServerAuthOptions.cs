namespace Conductor.Generated.Testing;

/// <summary>
/// Turns on Orkes-style authentication: <c>POST /api/token</c> trades a key id and secret for a
/// token, and every other route under <c>/api</c> wants it in the <c>X-Authorization</c> header.
/// </summary>
public sealed class TestServerAuthOptions
{
    /// <summary>The accepted application keys: key id to key secret.</summary>
    public IDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// How long a token is accepted after it is issued, on the server's clock
    /// (<see cref="ConductorTestServerOptions.TimeProvider"/>). Default: one hour.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Adds an accepted key; returns these options, for chaining.</summary>
    public TestServerAuthOptions AddKey(string keyId, string keySecret)
    {
        Keys[keyId] = keySecret;
        return this;
    }
}
