using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>Reads JSON <c>null</c> as <see langword="null"/> and anything else with the reader of the underlying type.</summary>
internal sealed class NullableValueReader<T>(IInputReader<T> reader) : IInputReader<T?>
    where T : struct
{
    public string Expected => reader.Expected + " or null";

    public bool AcceptsNull => true;

    public T? Read(JsonElement value, InputLocation location, BindingErrors errors) =>
        value.ValueKind == JsonValueKind.Null ? null : reader.Read(value, location, errors);
}

/// <summary>Reads JSON <c>null</c> as <see langword="null"/> and anything else with the reader of the type.</summary>
internal sealed class NullableReferenceReader<T>(IInputReader<T> reader) : IInputReader<T?>
    where T : class
{
    public string Expected => reader.Expected + " or null";

    public bool AcceptsNull => true;

    public T? Read(JsonElement value, InputLocation location, BindingErrors errors) =>
        value.ValueKind == JsonValueKind.Null ? null : reader.Read(value, location, errors);
}

/// <summary>Reads a JSON array element by element, each at its own index, then builds the collection.</summary>
internal sealed class SequenceReader<TElement, TCollection>(IInputReader<TElement> elementReader, Func<List<TElement>, TCollection> create)
    : IInputReader<TCollection>
{
    public string Expected => "an array";

    public bool AcceptsNull => false;

    public TCollection Read(JsonElement value, InputLocation location, BindingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.AddMismatch(location, Expected, value);
            return default!;
        }

        var elements = new List<TElement>(value.GetArrayLength());

        // Elements of a type of the user's JSON context: one reader over the array when every
        // element binds; else element by element, which names each problem at its index.
        if (elementReader is JsonTypeInfoReader<TElement> json)
        {
            if (json.TryReadElements(value, elements))
            {
                return create(elements);
            }

            elements.Clear();
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            elements.Add(elementReader.Read(element, location.AtIndex(index), errors));
            index++;
        }

        return create(elements);
    }
}

/// <summary>Reads a JSON object value by value, each at its own key.</summary>
internal sealed class DictionaryReader<T>(IInputReader<T> valueReader) : IInputReader<Dictionary<string, T>>
{
    public string Expected => "an object";

    public bool AcceptsNull => false;

    public Dictionary<string, T> Read(JsonElement value, InputLocation location, BindingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.AddMismatch(location, Expected, value);
            return null!;
        }

        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            result[property.Name] = valueReader.Read(property.Value, location.AtKey(property.Name), errors);
        }

        return result;
    }
}
