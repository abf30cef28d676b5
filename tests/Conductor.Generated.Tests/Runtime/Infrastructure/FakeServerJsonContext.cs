using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.Runtime.Infrastructure;

/// <summary>The Conductor error body the fake server answers with.</summary>
internal sealed record ErrorBody(int Status, string Code, string Message, bool Retryable);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class FakeServerJsonContext : JsonSerializerContext
{
}
