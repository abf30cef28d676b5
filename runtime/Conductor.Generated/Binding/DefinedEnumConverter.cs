using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Binding;

/// <summary>
/// Reads an enum inside a type of the user's JSON context by the rule an enum parameter follows
/// (<see cref="EnumReader{T}"/>): a member's name in any case or its
/// <c>[JsonStringEnumMemberName]</c>, or the number of a <b>defined</b> member, as a JSON number
/// or a string holding one. A number of no member (<c>42</c> for an enum of three, a flag
/// combination) is refused. Writes as <see cref="JsonStringEnumConverter{TEnum}"/> does: by name.
/// </summary>
internal sealed class DefinedEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private readonly JsonStringEnumConverter<TEnum> _factory = new();
    private JsonConverter<TEnum>? _names;

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            throw new JsonException("Expected a member name or number of " + typeof(TEnum).Name + ".");
        }

        var text = reader.TokenType == JsonTokenType.Number
            ? (reader.TryGetDecimal(out var number) ? number.ToString(CultureInfo.InvariantCulture) : "the number")
            : reader.GetString();
        var value = Names(options).Read(ref reader, typeToConvert, options);
        if (!Enum.IsDefined(value))
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a defined member of {typeof(TEnum).Name}."));
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        Names(options).Write(writer, value, options);

    private JsonConverter<TEnum> Names(JsonSerializerOptions options) =>
        _names ??= (JsonConverter<TEnum>)_factory.CreateConverter(typeof(TEnum), options);
}
