using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.Binding;

/// <summary>A record with a primary constructor and an init-only member.</summary>
public sealed record Customer(string Name, int Age)
{
    public string? Nickname { get; init; }
}

/// <summary>A class whose members are required and init-only.</summary>
public sealed class Invoice
{
    public required string Number { get; init; }

    public required decimal Total { get; init; }
}

public enum Level { Low, Medium, High }

/// <summary>Unusual but legal worker signatures, spread over partial declarations and nested types.</summary>
public static partial class SignatureWorkers
{
    [WorkerTask("binding_sig_scalars")]
    public static string Scalars(char letter, Half half, float ratio, DateOnly day, TimeOnly time, Uri link, Version version, byte[] bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{letter}|{half}|{ratio}|{day:yyyy-MM-dd}|{time:HH:mm:ss}|{link}|{version}|{Convert.ToHexString(bytes)}");

    [WorkerTask("binding_sig_echo_bytes")]
    public static byte[] EchoBytes(byte[] bytes) => bytes;

    [WorkerTask("binding_sig_echo_date")]
    public static DateOnly EchoDate(DateOnly day) => day;

    [WorkerTask("binding_sig_echo_time")]
    public static TimeOnly EchoTime(TimeOnly time) => time;

    [WorkerTask("binding_sig_echo_char")]
    public static char EchoChar(char letter) => letter;

    [WorkerTask("binding_sig_echo_uri")]
    public static Uri EchoUri(Uri link) => link;

    [WorkerTask("binding_sig_echo_version")]
    public static Version? EchoVersion(Version? version) => version;

    [WorkerTask("binding_sig_echo_half")]
    public static Half EchoHalf(Half half) => half;

    [WorkerTask("binding_sig_collections")]
    public static string Collections(
        IReadOnlyDictionary<string, int> counts, ImmutableArray<int> numbers, IEnumerable<string> words, HashSet<string> tags,
        IReadOnlySet<Level> levels, List<Dictionary<string, int[]>> nested) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{counts.Count}|{numbers.Sum()}|{string.Join(",", words)}|{tags.Count}|{levels.Count}|{nested.Sum(map => map.Values.Sum(array => array.Length))}");

    [WorkerTask("binding_sig_echo_set")]
    public static ISet<int> EchoSet(ISet<int> values) => values;

    [WorkerTask("binding_sig_echo_immutable")]
    public static ImmutableArray<Level> EchoImmutable(ImmutableArray<Level> levels) => levels;

    [WorkerTask("binding_sig_echo_optional_immutable")]
    public static ImmutableArray<int>? EchoOptionalImmutable(ImmutableArray<int>? numbers = null) => numbers;

    [WorkerTask("binding_sig_params")]
    public static int Params(params int[] values) => values.Sum();

    [WorkerTask("binding_sig_in")]
    public static string In(in DateOnly day, in int offset) =>
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "+" + offset.ToString(CultureInfo.InvariantCulture);

    [WorkerTask("binding_sig_defaults")]
    public static string Defaults(
        Level level = Level.High, Level? maybeLevel = null, int number = default, string? text = default, char letter = 'x',
        double ratio = double.NaN, Half half = default, DateOnly day = default, Uri? link = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{level}|{maybeLevel?.ToString() ?? "null"}|{number}|{text ?? "null"}|{letter}|{ratio}|{half}|{day:yyyy-MM-dd}|{link?.ToString() ?? "null"}");

    [WorkerTask("binding_sig_records")]
    public static string Records(Customer customer, Invoice invoice) =>
        $"{customer.Name}/{customer.Age}/{customer.Nickname ?? "-"}|{invoice.Number}/{invoice.Total.ToString(CultureInfo.InvariantCulture)}";

    [WorkerTask("binding_sig_same_key")]
    public static string SameKey([InputParam("amount")] int whole, [InputParam("amount")] decimal exact) =>
        string.Create(CultureInfo.InvariantCulture, $"{whole}|{exact}");

    [WorkerTask("binding_sig_keywords")]
    public static string Keywords(string @class, int @event, bool @params = false) => $"{@class}|{@event}|{@params}";

    [WorkerTask("binding_sig_overload_number")]
    public static string Describe(int value) => "number " + value.ToString(CultureInfo.InvariantCulture);

    [WorkerTask("binding_sig_overload_text")]
    public static string Describe(string value) => "text " + value;

    /// <summary>A worker in a nested type.</summary>
    public static class Nested
    {
        internal static class Deeper
        {
            [WorkerTask("binding_sig_nested")]
            internal static string Run(string value) => "nested " + value;
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(Invoice))]
internal sealed partial class SignatureJsonContext : JsonSerializerContext;
