using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Binding;

/// <summary>
/// Hands over the JSON value itself, without a copy: like <see cref="TaskContext.Input"/>, it
/// points into the poll answer and is valid until the worker returns (<c>Clone()</c> to keep it;
/// analyzer rule CDG1050).
/// </summary>
internal sealed class JsonElementReader : IInputReader<JsonElement>
{
    public string Expected => "any JSON value";

    public bool AcceptsNull => true;

    public JsonElement Read(JsonElement value, InputLocation location, BindingErrors errors) => value;
}

/// <summary>Turns any JSON value but <c>null</c> into a mutable node.</summary>
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
