using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Conductor.Generated.Binding;

/// <summary>
/// An enum met inside a type bound through a user's <see cref="JsonSerializerContext"/> (a record
/// property, a list element, a dictionary value), to be read and written by member name as the
/// generated schema declares, like an enum parameter. Generated code makes these.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EnumNames
{
    private EnumNames(Type enumType, JsonConverter converter)
    {
        EnumType = enumType;
        Converter = converter;
    }

    internal Type EnumType { get; }

    internal JsonConverter Converter { get; }

    /// <summary>
    /// <typeparamref name="TEnum"/> by the rule of enum parameters: a member name in any case, or
    /// its <c>[JsonStringEnumMemberName]</c>, or a defined member's number; written by name.
    /// </summary>
    public static EnumNames For<TEnum>()
        where TEnum : struct, Enum => new(typeof(TEnum), new DefinedEnumConverter<TEnum>());

    /// <summary>
    /// The metadata of <typeparamref name="T"/> from <paramref name="context"/>, with the enums
    /// given read and written by name, except those the context's own options convert already
    /// (the user's converters win).
    /// </summary>
    internal static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerContext context, EnumNames[] enums)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(enums);
        if (enums.Length == 0)
        {
            return JsonContexts.GetTypeInfo<T>(context);
        }

        var options = new JsonSerializerOptions(context.Options);
        foreach (var item in enums)
        {
            if (!context.Options.Converters.Any(existing => existing.CanConvert(item.EnumType)))
            {
                options.Converters.Add(item.Converter);
            }
        }

        options.MakeReadOnly();
        return options.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException(
                $"The JSON context {context.GetType().Name} has no metadata for {typeof(T).Name}; add [JsonSerializable(typeof({typeof(T).Name}))] to it.");
    }
}
