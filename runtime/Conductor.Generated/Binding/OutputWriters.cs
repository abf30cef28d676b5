using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Conductor.Generated.Binding;

/// <summary>
/// The writers generated invokers use for return values: one per supported scalar type, and
/// factories for nullable values, sequences, dictionaries, enums and types of a
/// <see cref="JsonSerializerContext"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Each writer is named after the type it handles, which is what generated code reads best.")]
public static class OutputWriters
{
    /// <summary>A JSON string.</summary>
    public static IOutputWriter<string?> String { get; } = new ScalarWriter<string?>(static (writer, value) => writer.WriteStringValue(value));

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static IOutputWriter<bool> Boolean { get; } = new ScalarWriter<bool>(static (writer, value) => writer.WriteBooleanValue(value));

    /// <summary>A JSON number.</summary>
    public static IOutputWriter<sbyte> SByte { get; } = new ScalarWriter<sbyte>(static (writer, value) => writer.WriteNumberValue(value));

    /// <inheritdoc cref="SByte"/>
    public static IOutputWriter<byte> Byte { get; } = new ScalarWriter<byte>(static (writer, value) => writer.WriteNumberValue(value));

    /// <inheritdoc cref="SByte"/>
    public static IOutputWriter<short> Int16 { get; } = new ScalarWriter<short>(static (writer, value) => writer.WriteNumberValue(value));

    /// <inheritdoc cref="SByte"/>
    public static IOutputWriter<ushort> UInt16 { get; } = new ScalarWriter<ushort>(static (writer, value) => writer.WriteNumberValue(value));

    /// <inheritdoc cref="SByte"/>
    public static IOutputWriter<int> Int32 { get; } = new ScalarWriter<int>(static (writer, value) => writer.WriteNumberValue(value));

    /// <inheritdoc cref="SByte"/>
    public static IOutputWriter<uint> UInt32 { get; } = new ScalarWriter<uint>(static (writer, value) => writer.WriteNumberValue(value));

    /// <inheritdoc cref="SByte"/>
    public static IOutputWriter<long> Int64 { get; } = new ScalarWriter<long>(static (writer, value) => writer.WriteNumberValue(value));

    /// <inheritdoc cref="SByte"/>
    public static IOutputWriter<ulong> UInt64 { get; } = new ScalarWriter<ulong>(static (writer, value) => writer.WriteNumberValue(value));

    /// <summary>A JSON number; NaN and the infinities, which JSON has no number for, as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.</summary>
    public static IOutputWriter<double> Double { get; } = new ScalarWriter<double>(static (writer, value) =>
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    });

    /// <inheritdoc cref="Double"/>
    public static IOutputWriter<float> Single { get; } = new ScalarWriter<float>(static (writer, value) =>
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    });

    /// <summary>A JSON number.</summary>
    public static IOutputWriter<decimal> Decimal { get; } = new ScalarWriter<decimal>(static (writer, value) => writer.WriteNumberValue(value));

    /// <summary>A string of one character.</summary>
    public static IOutputWriter<char> Char { get; } = new ScalarWriter<char>(static (writer, value) => writer.WriteStringValue([value]));

    /// <summary>A JSON number; NaN and infinities as strings, as for <see cref="double"/>.</summary>
    public static IOutputWriter<Half> Half { get; } = new ScalarWriter<Half>(static (writer, value) => Double.Write(writer, (double)value));

    /// <summary>An ISO-8601 date string: <c>"2024-05-31"</c>.</summary>
    public static IOutputWriter<DateOnly> DateOnly { get; } = new ScalarWriter<DateOnly>(
        static (writer, value) => writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>An ISO-8601 time of day string: <c>"13:45:30.5"</c>.</summary>
    public static IOutputWriter<TimeOnly> TimeOnly { get; } = new ScalarWriter<TimeOnly>(
        static (writer, value) => writer.WriteStringValue(value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')));

    /// <summary>The URI as it was given (<see cref="System.Uri.OriginalString"/>).</summary>
    public static IOutputWriter<Uri?> Uri { get; } = new ScalarWriter<Uri?>(static (writer, value) => writer.WriteStringValue(value!.OriginalString));

    /// <summary>A version string.</summary>
    public static IOutputWriter<Version?> Version { get; } = new ScalarWriter<Version?>(static (writer, value) => writer.WriteStringValue(value!.ToString()));

    /// <summary>A base64 string, as System.Text.Json writes bytes.</summary>
    public static IOutputWriter<byte[]?> ByteArray { get; } = new ScalarWriter<byte[]?>(static (writer, value) => writer.WriteBase64StringValue(value));

    /// <summary>A GUID string (<c>"d"</c> format).</summary>
    public static IOutputWriter<Guid> Guid { get; } = new ScalarWriter<Guid>(static (writer, value) => writer.WriteStringValue(value));

    /// <summary>An ISO-8601 string.</summary>
    public static IOutputWriter<DateTimeOffset> DateTimeOffset { get; } = new ScalarWriter<DateTimeOffset>(static (writer, value) => writer.WriteStringValue(value));

    /// <summary>An ISO-8601 string.</summary>
    public static IOutputWriter<DateTime> DateTime { get; } = new ScalarWriter<DateTime>(static (writer, value) => writer.WriteStringValue(value));

    /// <summary>A <c>"c"</c>-format duration string: <c>"01:30:00"</c>.</summary>
    public static IOutputWriter<TimeSpan> TimeSpan { get; } = new ScalarWriter<TimeSpan>(
        static (writer, value) => writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture)));

    /// <summary>The JSON value as it is; an undefined element is written as <c>null</c>.</summary>
    public static IOutputWriter<JsonElement> JsonElement { get; } = new JsonElementWriter();

    /// <summary>The node as it is; a <see langword="null"/> node is written as <c>null</c>.</summary>
    public static IOutputWriter<JsonNode?> JsonNode { get; } = new JsonNodeWriter();

    /// <summary>A value of <typeparamref name="T"/>, or <c>null</c>.</summary>
    public static IOutputWriter<T?> Nullable<T>(IOutputWriter<T> writer)
        where T : struct => new NullableValueWriter<T>(writer);

    /// <summary>A JSON array of the elements, each written by <paramref name="elementWriter"/>.</summary>
    public static IOutputWriter<IEnumerable<T>?> SequenceOf<T>(IOutputWriter<T> elementWriter) => new SequenceWriter<T>(elementWriter);

    /// <summary>A JSON array of the elements of an immutable array; a default (uninitialized) one is written as null.</summary>
    public static IOutputWriter<ImmutableArray<T>> ImmutableArrayOf<T>(IOutputWriter<T> elementWriter) => new ImmutableArrayWriter<T>(elementWriter);

    /// <summary>A JSON object of the entries, each value written by <paramref name="valueWriter"/>.</summary>
    public static IOutputWriter<IEnumerable<KeyValuePair<string, T>>?> DictionaryOf<T>(IOutputWriter<T> valueWriter) => new DictionaryWriter<T>(valueWriter);

    /// <summary>The member's name; a value that is no single member (a flag combination) as its number.</summary>
    public static IOutputWriter<T> Enum<T>(EnumTable<T> table)
        where T : struct, Enum => new EnumWriter<T>(table);

    /// <summary>A value of <typeparamref name="T"/> written with the <see cref="JsonTypeInfo{T}"/> of <paramref name="context"/>.</summary>
    public static IOutputWriter<T> Json<T>(JsonSerializerContext context) =>
        new JsonTypeInfoWriter<T>(JsonContexts.GetTypeInfo<T>(context));

    /// <summary>
    /// A value of <typeparamref name="T"/> written with the metadata of <paramref name="context"/>,
    /// the enums inside it written by name as the output schema declares (see <see cref="EnumNames"/>).
    /// </summary>
    public static IOutputWriter<T> JsonWithEnumNames<T>(JsonSerializerContext context, params EnumNames[] enums) =>
        new JsonTypeInfoWriter<T>(EnumNames.TypeInfo<T>(context, enums));
}
