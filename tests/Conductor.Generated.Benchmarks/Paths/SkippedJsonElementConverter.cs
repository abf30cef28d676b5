using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// Reads a <see cref="JsonElement"/> by skipping it and returning a placeholder (a JSON
/// <c>null</c>), so that the value is not copied; whoever reads with it puts the real element in
/// the placeholder's place. A property missing from the JSON stays <c>default</c> (Undefined),
/// which tells the two apart. Writes elements as they are.
/// </summary>
internal sealed class SkippedJsonElementConverter : JsonConverter<JsonElement>
{
    private static readonly JsonElement Placeholder = JsonDocument.Parse("null").RootElement;

    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return Placeholder;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.WriteTo(writer);
    }
}
