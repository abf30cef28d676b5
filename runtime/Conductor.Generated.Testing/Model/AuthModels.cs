namespace Conductor.Generated.Testing;

/// <summary>The body of <c>POST /api/token</c>.</summary>
internal sealed class GenerateTokenRequest
{
    public string? KeyId { get; set; }
    public string? KeySecret { get; set; }
}

/// <summary>The answer of <c>POST /api/token</c>.</summary>
internal sealed class TokenResponse
{
    public string? Token { get; set; }
}

/// <summary>
/// Orkes' answer to a request it does not let through:
/// <c>{"message": "Token cannot be null or empty", "error": "INVALID_TOKEN", "timestamp": 1672808447076}</c>.
/// </summary>
internal sealed class UnauthorizedResponse
{
    public string? Message { get; set; }
    public string? Error { get; set; }
    public long Timestamp { get; set; }
}
