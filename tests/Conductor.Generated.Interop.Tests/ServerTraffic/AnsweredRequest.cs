namespace Conductor.Generated.Interop.Tests.ServerTraffic;

/// <summary>One request the test server answered, as ASP.NET Core logged it when it finished.</summary>
/// <param name="Query">The query string with its leading '?', or "" when there is none.</param>
/// <param name="ContentType">The answer's content type; null when it had none.</param>
internal sealed record AnsweredRequest(string Method, string Path, string Query, int StatusCode, string? ContentType)
{
    public override string ToString() => $"{Method} {Path}{Query} -> {StatusCode} {ContentType ?? "(no content type)"}";
}
