namespace Conductor.Generated.Client;

/// <summary>The body of <c>POST /api/token</c>.</summary>
internal sealed record TokenRequest(string KeyId, string KeySecret);

/// <summary>The answer of <c>POST /api/token</c>.</summary>
internal sealed record TokenResponse(string? Token);
