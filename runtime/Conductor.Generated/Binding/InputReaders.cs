using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Binding;

/// <summary>
/// The readers generated binders use: one per supported scalar type, and factories that compose
/// them for nullable values, arrays, lists, dictionaries, enums and types of a
/// <see cref="JsonSerializerContext"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Each reader is named after the type it handles, which is what generated code reads best.")]
public static class InputReaders
{
    /// <summary>A JSON string.</summary>
    public static IInputReader<string> String { get; } = new ScalarReader<string>("a string", JsonScalars.TryGetString);

    /// <summary><c>true</c>/<c>false</c>, or the strings <c>"true"</c>/<c>"false"</c> in any case.</summary>
    public static IInputReader<bool> Boolean { get; } = new ScalarReader<bool>("true or false", JsonScalars.TryGetBoolean);

    /// <summary>A whole number in range, as a number or a numeric string.</summary>
    public static IInputReader<sbyte> SByte { get; } = Integer(sbyte.MinValue, sbyte.MaxValue, static number => (sbyte)number);

    /// <inheritdoc cref="SByte"/>
    public static IInputReader<byte> Byte { get; } = Integer(byte.MinValue, byte.MaxValue, static number => (byte)number);

    /// <inheritdoc cref="SByte"/>
    public static IInputReader<short> Int16 { get; } = Integer(short.MinValue, short.MaxValue, static number => (short)number);

    /// <inheritdoc cref="SByte"/>
    public static IInputReader<ushort> UInt16 { get; } = Integer(ushort.MinValue, ushort.MaxValue, static number => (ushort)number);

    /// <inheritdoc cref="SByte"/>
    public static IInputReader<int> Int32 { get; } = Integer(int.MinValue, int.MaxValue, static number => (int)number);

    /// <inheritdoc cref="SByte"/>
    public static IInputReader<uint> UInt32 { get; } = Integer(uint.MinValue, uint.MaxValue, static number => (uint)number);

    /// <inheritdoc cref="SByte"/>
    public static IInputReader<long> Int64 { get; } = Integer(long.MinValue, long.MaxValue, static number => (long)number);

    /// <inheritdoc cref="SByte"/>
    public static IInputReader<ulong> UInt64 { get; } = Integer(ulong.MinValue, ulong.MaxValue, static number => (ulong)number);

    /// <summary>A number, or a string holding one (including <c>"NaN"</c> and <c>"Infinity"</c>).</summary>
    public static IInputReader<double> Double { get; } = new ScalarReader<double>("a number", JsonScalars.TryGetDouble);

    /// <summary>A number within the range of <see cref="float"/>, or a string holding one.</summary>
    public static IInputReader<float> Single { get; } = new ScalarReader<float>(
        string.Create(CultureInfo.InvariantCulture, $"a number from {float.MinValue} to {float.MaxValue}"), JsonScalars.TryGetSingle);

    /// <summary>A number within the range of <see cref="decimal"/>, or a string holding one.</summary>
    public static IInputReader<decimal> Decimal { get; } = new ScalarReader<decimal>("a decimal number", JsonScalars.TryGetDecimal);

    /// <summary>A GUID string.</summary>
    public static IInputReader<Guid> Guid { get; } = new ScalarReader<Guid>("a GUID string", JsonScalars.TryGetGuid);

    /// <summary>An ISO-8601 date and time string, or milliseconds since the Unix epoch.</summary>
    public static IInputReader<DateTimeOffset> DateTimeOffset { get; } = new ScalarReader<DateTimeOffset>(
        "an ISO-8601 date and time or epoch milliseconds", JsonScalars.TryGetDateTimeOffset);

    /// <inheritdoc cref="DateTimeOffset"/>
    public static IInputReader<DateTime> DateTime { get; } = new ScalarReader<DateTime>(
        "an ISO-8601 date and time or epoch milliseconds", JsonScalars.TryGetDateTime);

    /// <summary>A duration string: <c>"01:30:00"</c> (<c>[-][d.]hh:mm:ss[.fffffff]</c>) or ISO-8601 <c>"PT1H30M"</c>.</summary>
    public static IInputReader<TimeSpan> TimeSpan { get; } = new ScalarReader<TimeSpan>(
        "a duration such as \"01:30:00\" or \"PT1H30M\"", JsonScalars.TryGetTimeSpan);

    /// <summary>A string of exactly one character.</summary>
    public static IInputReader<char> Char { get; } = new ScalarReader<char>("a string of one character", JsonScalars.TryGetChar);

    /// <summary>A number within the range of <see cref="System.Half"/>, or a string holding one.</summary>
    public static IInputReader<Half> Half { get; } = new ScalarReader<Half>("a number from -65504 to 65504", JsonScalars.TryGetHalf);

    /// <summary>An ISO-8601 date string: <c>"2024-05-31"</c>.</summary>
    public static IInputReader<DateOnly> DateOnly { get; } = new ScalarReader<DateOnly>("an ISO-8601 date such as \"2024-05-31\"", JsonScalars.TryGetDateOnly);

    /// <summary>An ISO-8601 time of day string: <c>"13:45:30"</c>.</summary>
    public static IInputReader<TimeOnly> TimeOnly { get; } = new ScalarReader<TimeOnly>("a time of day such as \"13:45:30\"", JsonScalars.TryGetTimeOnly);

    /// <summary>An absolute or relative URI string.</summary>
    public static IInputReader<Uri> Uri { get; } = new ScalarReader<Uri>("a URI string", JsonScalars.TryGetUri);

    /// <summary>A version string such as <c>"1.2.3"</c>.</summary>
    public static IInputReader<Version> Version { get; } = new ScalarReader<Version>("a version such as \"1.2.3\"", JsonScalars.TryGetVersion);

    /// <summary>A base64 string, or an array of numbers from 0 to 255.</summary>
    public static IInputReader<byte[]> ByteArray { get; } = new ScalarReader<byte[]>("a base64 string or an array of bytes", JsonScalars.TryGetBytes);

    /// <summary>Any JSON value, as it arrived (a copy that outlives the task's document); JSON <c>null</c> is a <see cref="JsonValueKind.Null"/> element.</summary>
    public static IInputReader<JsonElement> JsonElement { get; } = new JsonElementReader();

    /// <summary>Any JSON value other than <c>null</c> as a mutable node.</summary>
    public static IInputReader<JsonNode> JsonNode { get; } = new JsonNodeReader();

    /// <summary>A JSON object as a mutable node.</summary>
    public static IInputReader<JsonObject> JsonObject { get; } = new ScalarReader<JsonObject>("an object", static (JsonElement value, out JsonObject result) =>
    {
        result = value.ValueKind == JsonValueKind.Object ? System.Text.Json.Nodes.JsonObject.Create(value.Clone())! : null!;
        return result is not null;
    });

    /// <summary>A JSON array as a mutable node.</summary>
    public static IInputReader<JsonArray> JsonArray { get; } = new ScalarReader<JsonArray>("an array", static (JsonElement value, out JsonArray result) =>
    {
        result = value.ValueKind == JsonValueKind.Array ? System.Text.Json.Nodes.JsonArray.Create(value.Clone())! : null!;
        return result is not null;
    });

    /// <summary>A value of <typeparamref name="T"/>, or JSON <c>null</c>.</summary>
    public static IInputReader<T?> Nullable<T>(IInputReader<T> reader)
        where T : struct => new NullableValueReader<T>(reader);

    /// <summary>A value of <typeparamref name="T"/>, or JSON <c>null</c>.</summary>
    public static IInputReader<T?> NullableReference<T>(IInputReader<T> reader)
        where T : class => new NullableReferenceReader<T>(reader);

    /// <summary>A JSON array whose elements <paramref name="elementReader"/> reads.</summary>
    public static IInputReader<T[]> ArrayOf<T>(IInputReader<T> elementReader) =>
        new SequenceReader<T, T[]>(elementReader, static elements => [.. elements]);

    /// <summary>A JSON array whose elements <paramref name="elementReader"/> reads.</summary>
    public static IInputReader<List<T>> ListOf<T>(IInputReader<T> elementReader) =>
        new SequenceReader<T, List<T>>(elementReader, static elements => elements);

    /// <summary>A JSON array whose elements <paramref name="elementReader"/> reads, as a set: repeated elements count once.</summary>
    public static IInputReader<HashSet<T>> SetOf<T>(IInputReader<T> elementReader) =>
        new SequenceReader<T, HashSet<T>>(elementReader, static elements => [.. elements]);

    /// <summary>A JSON array whose elements <paramref name="elementReader"/> reads, as an immutable array.</summary>
    public static IInputReader<ImmutableArray<T>> ImmutableArrayOf<T>(IInputReader<T> elementReader) =>
        new SequenceReader<T, ImmutableArray<T>>(elementReader, static elements => [.. elements]);

    /// <summary>A JSON object whose values <paramref name="valueReader"/> reads; keys are compared ordinally.</summary>
    public static IInputReader<Dictionary<string, T>> DictionaryOf<T>(IInputReader<T> valueReader) =>
        new DictionaryReader<T>(valueReader);

    /// <summary>A member of <typeparamref name="T"/> by name (any case) or by its defined number.</summary>
    public static IInputReader<T> Enum<T>(EnumTable<T> table)
        where T : struct, Enum => new EnumReader<T>(table);

    /// <summary>
    /// A value of <typeparamref name="T"/> read with the <see cref="System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}"/> of
    /// <paramref name="context"/>, so its naming policy and converters apply.
    /// </summary>
    public static IInputReader<T> Json<T>(JsonSerializerContext context) =>
        new JsonTypeInfoReader<T>(JsonContexts.GetTypeInfo<T>(context));

    /// <summary>
    /// A value of <typeparamref name="T"/> read with the metadata of <paramref name="context"/>,
    /// the enums inside it read by name as the schema declares (see <see cref="EnumNames"/>).
    /// </summary>
    public static IInputReader<T> JsonWithEnumNames<T>(JsonSerializerContext context, params EnumNames[] enums) =>
        new JsonTypeInfoReader<T>(EnumNames.TypeInfo<T>(context, enums));

    private static ScalarReader<T> Integer<T>(decimal minimum, decimal maximum, Func<decimal, T> narrow) =>
        new(string.Create(CultureInfo.InvariantCulture, $"an integer from {minimum} to {maximum}"),
            (JsonElement value, out T result) =>
            {
                if (JsonScalars.TryGetWholeNumber(value, minimum, maximum, out var number))
                {
                    result = narrow(number);
                    return true;
                }

                result = default!;
                return false;
            });
}
