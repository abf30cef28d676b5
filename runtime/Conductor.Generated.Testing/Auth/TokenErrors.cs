namespace Conductor.Generated.Testing;

/// <summary>The error codes of Orkes' 401 answers, which clients read to decide to fetch a new token.</summary>
internal static class TokenErrors
{
    public const string ExpiredToken = "EXPIRED_TOKEN";

    public const string InvalidToken = "INVALID_TOKEN";
}
