using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Binding;

internal sealed class NullableValueReader<T>(IInputReader<T> reader) : IInputReader<T?>
    where T : struct
{
    public string Expected => reader.Expected + " or null";

    public bool AcceptsNull => true;

    public T? Read(JsonElement value, InputLocation location, BindingErrors errors) =>
        value.ValueKind == JsonValueKind.Null ? null : reader.Read(value, location, errors);
}

internal sealed class NullableReferenceReader<T>(IInputReader<T> reader) : IInputReader<T?>
    where T : class
{
    public string Expected => reader.Expected + " or null";

    public bool AcceptsNull => true;

    public T? Read(JsonElement value, InputLocation location, BindingErrors errors) =>
        value.ValueKind == JsonValueKind.Null ? null : reader.Read(value, location, errors);
}

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
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            elements.Add(elementReader.Read(element, location.AtIndex(index), errors));
            index++;
        }

        return create(elements);
    }
}

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

internal sealed class JsonElementReader : IInputReader<JsonElement>
{
    public string Expected => "any JSON value";

    public bool AcceptsNull => true;

    public JsonElement Read(JsonElement value, InputLocation location, BindingErrors errors) => value.Clone();
}

internal sealed class JsonNodeReader : IInputReader<JsonNode>
{
    public string Expected => "a JSON value other than null";

    public bool AcceptsNull => false;

    public JsonNode Read(JsonElement value, InputLocation location, BindingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return JsonObject.Create(value.Clone())!;
            case JsonValueKind.Array:
                return JsonArray.Create(value.Clone())!;
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(value.Clone())!;
            default:
                errors.AddMismatch(location, Expected, value);
                return null!;
        }
    }
}
