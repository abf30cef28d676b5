using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Binding;

/// <summary>Writes a JSON value as it is.</summary>
internal sealed class JsonElementWriter : IOutputWriter<JsonElement>
{
    public bool IsJsonObject(JsonElement value) => value.ValueKind == JsonValueKind.Object;

    public void Write(Utf8JsonWriter writer, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}

/// <summary>Writes a JSON node as it is.</summary>
internal sealed class JsonNodeWriter : IOutputWriter<JsonNode?>
{
    public bool IsJsonObject(JsonNode? value) => value is JsonObject;

    public void Write(Utf8JsonWriter writer, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
