using System.ComponentModel;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Conductor.Generated.Binding;

/// <summary>Looks up the source-generated metadata of a type in a user's <see cref="JsonSerializerContext"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonContexts
{
    /// <summary>
    /// The <see cref="JsonTypeInfo{T}"/> of <typeparamref name="T"/> in <paramref name="context"/>.
    /// The generator checks at compile time that the context declares the type.
    /// </summary>
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException(
                $"The JSON context {context.GetType().Name} has no metadata for {typeof(T).Name}; add [JsonSerializable(typeof({typeof(T).Name}))] to it.");
    }
}
