using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Conductor.Generated.Binding;

/// <summary>Writes a type of the user's JSON context with its source-generated metadata.</summary>
internal sealed class JsonTypeInfoWriter<T>(JsonTypeInfo<T> typeInfo) : IOutputWriter<T>
{
    public bool IsJsonObject(T value) =>
        value is not null && typeInfo.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary;

    public void Write(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, typeInfo);
}
