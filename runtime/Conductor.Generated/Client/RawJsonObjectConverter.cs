using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Client;

/// <summary>
/// Writes UTF-8 JSON bytes into a document as they are, so a worker's output produced by
/// generated code is never parsed and serialized a second time. Empty bytes stand for <c>{}</c>.
/// </summary>
internal sealed class RawJsonObjectConverter : JsonConverter<ReadOnlyMemory<byte>>
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public override ReadOnlyMemory<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return JsonSerializer.SerializeToUtf8Bytes(document.RootElement, ConductorJsonContext.Default.JsonElement);
    }

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value.IsEmpty ? EmptyObject : value.Span);
    }

    /// <summary>Whether <paramref name="json"/> holds exactly one complete, valid JSON object.</summary>
    public static bool IsJsonObject(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
