using System.Collections.Immutable;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>Writes <c>null</c>, or the value with the writer of the underlying type.</summary>
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

/// <summary>Writes any sequence as a JSON array.</summary>
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

/// <summary>Writes an immutable array as a JSON array.</summary>
internal sealed class ImmutableArrayWriter<T>(IOutputWriter<T> elementWriter) : IOutputWriter<ImmutableArray<T>>
{
    private readonly SequenceWriter<T> _sequence = new(elementWriter);

    public bool IsJsonObject(ImmutableArray<T> value) => false;

    public void Write(Utf8JsonWriter writer, ImmutableArray<T> value) =>
        _sequence.Write(writer, value.IsDefault ? null : value);
}

/// <summary>Writes string-keyed entries as a JSON object.</summary>
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
