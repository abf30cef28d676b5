using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Conductor.Generated.Binding;

/// <summary>Reads a type of the user's JSON context; JSON errors become binding errors with their path.</summary>
internal sealed class JsonTypeInfoReader<T>(JsonTypeInfo<T> typeInfo) : IInputReader<T>
{
    public string Expected { get; } = typeInfo.Kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object (" + typeInfo.Type.Name + ")",
        JsonTypeInfoKind.Enumerable => "an array (" + typeInfo.Type.Name + ")",
        _ => "a value of " + typeInfo.Type.Name,
    };

    public bool AcceptsNull => false;

    public T Read(JsonElement value, InputLocation location, BindingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value.ValueKind == JsonValueKind.Null)
        {
            errors.AddMismatch(location, Expected, value);
            return default!;
        }

        try
        {
            var result = value.Deserialize(typeInfo);
            if (result is null)
            {
                errors.AddMismatch(location, Expected, value);
                return default!;
            }

            return result;
        }
        catch (Exception exception)
        {
            // Whatever a converter or constructor of the type throws, the input is what did not fit:
            // binding reports it with the others instead of failing the task as a worker error.
            errors.Add(location, DescribeFailure(exception, value));
            return default!;
        }
    }

    /// <summary>
    /// Reads every element of <paramref name="array"/> with one reader over its bytes, instead of
    /// one deserialization per element, adding them to <paramref name="elements"/>. Returns
    /// <see langword="false"/> as soon as an element would not bind on its own (null, a failure
    /// of the serializer or of a converter, or no value): the caller then reads the elements one
    /// by one, which names the problem exactly as before.
    /// </summary>
    internal bool TryReadElements(JsonElement array, List<T> elements)
    {
        var options = typeInfo.Options;
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(array), new JsonReaderOptions
        {
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.ReadCommentHandling,
            MaxDepth = options.MaxDepth,
        });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null || JsonSerializer.Deserialize(ref reader, typeInfo) is not { } element)
                {
                    return false;
                }

                elements.Add(element);
            }

            return reader.TokenType == JsonTokenType.EndArray;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return false;
        }
    }

    private string DescribeFailure(Exception exception, JsonElement value)
    {
        var message = exception.Message;
        var pathStart = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (pathStart >= 0)
        {
            message = message[..pathStart];
        }

        var where = exception is JsonException { Path: { Length: > 1 } path } ? " at '" + path + "'" : "";
        message = message.TrimEnd();
        if (!message.EndsWith('.'))
        {
            message += ".";
        }

        return "expected " + Expected + ", got " + JsonValueDescription.Describe(value) + " that does not fit it" + where + ": " + message;
    }
}
