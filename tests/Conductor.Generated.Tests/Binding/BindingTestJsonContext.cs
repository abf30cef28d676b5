using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.Binding;

/// <summary>JSON metadata the tests themselves use to compare outputs.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class BindingTestJsonContext : JsonSerializerContext;
