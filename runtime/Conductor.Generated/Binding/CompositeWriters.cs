using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Conductor.Generated.Binding;

internal sealed class NullableValueWriter<T>(IOutputWriter<T> writer) : IOutputWriter<T?>
    where T : struct
{
    public bool IsJsonObject(T? value) => value.HasValue && writer.IsJsonObject(value.Value);

    public void Write(Utf8JsonWriter jsonWriter, T? value)
    {
        ArgumentNullException.ThrowIfNull(jsonWriter);
        if (value.HasValue)
        {
            writer.Write(jsonWriter, value.Value);
        }
        else
        {
            jsonWriter.WriteNullValue();
        }
    }
}

internal sealed class SequenceWriter<T>(IOutputWriter<T> elementWriter) : IOutputWriter<IEnumerable<T>?>
{
    public bool IsJsonObject(IEnumerable<T>? value) => false;

    public void Write(Utf8JsonWriter writer, IEnumerable<T>? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var element in value)
        {
            elementWriter.Write(writer, element);
        }

        writer.WriteEndArray();
    }
}

internal sealed class DictionaryWriter<T>(IOutputWriter<T> valueWriter) : IOutputWriter<IEnumerable<KeyValuePair<string, T>>?>
{
    public bool IsJsonObject(IEnumerable<KeyValuePair<string, T>>? value) => value is not null;

    public void Write(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>>? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (key, entry) in value)
        {
            writer.WritePropertyName(key);
            valueWriter.Write(writer, entry);
        }

        writer.WriteEndObject();
    }
}

internal sealed class EnumWriter<T>(EnumTable<T> table) : IOutputWriter<T>
    where T : struct, Enum
{
    public bool IsJsonObject(T value) => false;

    public void Write(Utf8JsonWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (table.GetName(value) is { } name)
        {
            writer.WriteStringValue(name);
        }
        else
        {
            // A flag combination or an undeclared value: its number is the only faithful form.
            writer.WriteRawValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }
}

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

internal sealed class JsonTypeInfoWriter<T>(JsonTypeInfo<T> typeInfo) : IOutputWriter<T>
{
    public bool IsJsonObject(T value) =>
        value is not null && typeInfo.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary;

    public void Write(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, typeInfo);
}
