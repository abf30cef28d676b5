using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.Binding;

public enum Color
{
    Red,
    Green = 5,
    Blue = -1,
}

[Flags]
public enum Permissions
{
    None = 0,
    Read = 1,
    Write = 2,
}

public enum Size
{
    Small,
    [JsonStringEnumMemberName("x-large")]
    ExtraLarge,
}

public sealed record Shipment(string Id, Address Destination, int Parcels = 1);

public sealed record Address(string City, string? Street = null);

/// <summary>A type whose constructor refuses some input, as validating types do.</summary>
public sealed class Percentage
{
    public Percentage(int value)
    {
        Value = value is >= 0 and <= 100 ? value : throw new KeyNotFoundException($"{value} is not a percentage");
    }

    public int Value { get; }
}

/// <summary>Workers that hand back what they were given, so tests see the bound values in the output.</summary>
public static class EchoWorkers
{
    [WorkerTask("binding_echo_string")]
    public static string EchoString(string value) => value;

    [WorkerTask("binding_echo_bool")]
    public static bool EchoBool(bool value) => value;

    [WorkerTask("binding_echo_sbyte")]
    public static sbyte EchoSByte(sbyte value) => value;

    [WorkerTask("binding_echo_byte")]
    public static byte EchoByte(byte value) => value;

    [WorkerTask("binding_echo_int16")]
    public static short EchoInt16(short value) => value;

    [WorkerTask("binding_echo_uint16")]
    public static ushort EchoUInt16(ushort value) => value;

    [WorkerTask("binding_echo_int32")]
    public static int EchoInt32(int value) => value;

    [WorkerTask("binding_echo_uint32")]
    public static uint EchoUInt32(uint value) => value;

    [WorkerTask("binding_echo_int64")]
    public static long EchoInt64(long value) => value;

    [WorkerTask("binding_echo_uint64")]
    public static ulong EchoUInt64(ulong value) => value;

    [WorkerTask("binding_echo_double")]
    public static double EchoDouble(double value) => value;

    [WorkerTask("binding_echo_single")]
    public static float EchoSingle(float value) => value;

    [WorkerTask("binding_echo_decimal")]
    public static decimal EchoDecimal(decimal value) => value;

    [WorkerTask("binding_echo_guid")]
    public static Guid EchoGuid(Guid value) => value;

    [WorkerTask("binding_echo_date_time_offset")]
    public static DateTimeOffset EchoDateTimeOffset(DateTimeOffset value) => value;

    [WorkerTask("binding_describe_date_time")]
    public static string DescribeDateTime(DateTime value) => value.ToString("O", CultureInfo.InvariantCulture) + " " + value.Kind;

    [WorkerTask("binding_echo_time_span")]
    public static TimeSpan EchoTimeSpan(TimeSpan value) => value;

    [WorkerTask("binding_echo_color")]
    public static Color EchoColor(Color value) => value;

    [WorkerTask("binding_echo_size")]
    public static Size EchoSize(Size value) => value;

    [WorkerTask("binding_echo_permissions")]
    public static Permissions EchoPermissions(Permissions value) => value;

    [WorkerTask("binding_echo_nullable_int")]
    public static int? EchoNullableInt(int? value) => value;

    [WorkerTask("binding_echo_nullable_string")]
    public static string? EchoNullableString(string? value) => value;

    [WorkerTask("binding_echo_nullable_color")]
    public static Color? EchoNullableColor(Color? value) => value;

    [WorkerTask("binding_echo_nullable_address")]
    public static Address? EchoNullableAddress(Address? value) => value;

    [WorkerTask("binding_echo_int_array")]
    public static int[] EchoIntArray(int[] value) => value;

    [WorkerTask("binding_echo_string_list")]
    public static List<string> EchoStringList(List<string> value) => value;

    [WorkerTask("binding_echo_color_list")]
    public static IReadOnlyList<Color> EchoColorList(IReadOnlyList<Color> value) => value;

    [WorkerTask("binding_echo_nullable_elements")]
    public static List<string?> EchoNullableElements(List<string?> value) => value;

    [WorkerTask("binding_echo_grid")]
    public static List<List<int>> EchoGrid(List<List<int>> value) => value;

    [WorkerTask("binding_echo_counts")]
    public static Dictionary<string, int> EchoCounts(Dictionary<string, int> value) => value;

    [WorkerTask("binding_echo_groups")]
    public static IReadOnlyDictionary<string, List<Color>> EchoGroups(IReadOnlyDictionary<string, List<Color>> value) => value;

    [WorkerTask("binding_echo_addresses")]
    public static List<Address> EchoAddresses(List<Address> value) => value;

    [WorkerTask("binding_echo_percentage")]
    public static int EchoPercentage(Percentage value) => value.Value;

    [WorkerTask("binding_echo_element")]
    public static JsonElement EchoElement(JsonElement value) => value;

    [WorkerTask("binding_echo_node")]
    public static JsonNode EchoNode(JsonNode value) => value;

    [WorkerTask("binding_echo_object")]
    public static JsonObject EchoObject(JsonObject value) => value;

    [WorkerTask("binding_echo_array")]
    public static JsonArray EchoArray(JsonArray value) => value;

    [WorkerTask("binding_echo_keyword")]
    public static string EchoKeyword(string @class) => @class;
}

/// <summary>Workers that show how defaults, nulls, whole-input binding and special parameters behave.</summary>
public static class ParameterWorkers
{
    [WorkerTask("binding_defaults")]
    public static string Defaults(int count = 3, string label = "none", Color color = Color.Green, int? maybe = 7, string? note = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count}|{label}|{color}|{maybe?.ToString(CultureInfo.InvariantCulture) ?? "null"}|{note ?? "null"}");

    [WorkerTask("binding_ship")]
    public static string Ship([TaskInput] Shipment shipment) =>
        $"{shipment.Id} to {shipment.Destination.City} in {shipment.Parcels}";

    [WorkerTask("binding_whole_input_as_dictionary")]
    public static int CountKeys([TaskInput] Dictionary<string, JsonElement> input) => input.Count;

    [WorkerTask("binding_special_parameters")]
    public static string Special([InputParam("label")] string name, TaskContext context, CancellationToken cancellationToken) =>
        $"{name}:{context.TaskId}:{cancellationToken.CanBeCanceled}";

    [WorkerTask("binding_many_numbers")]
    public static int ManyNumbers(List<int> values) => values.Count;

    [WorkerTask("binding_three_required")]
    public static string ThreeRequired(int first, Guid second, DateTimeOffset third) => $"{first}{second}{third}";
}

/// <summary>Workers of every return shape.</summary>
public static class ReturnWorkers
{
    private static int _calls;

    public static int Calls => Volatile.Read(ref _calls);

    [WorkerTask("binding_returns_void")]
    public static void ReturnsVoid() => Interlocked.Increment(ref _calls);

    [WorkerTask("binding_returns_task")]
    public static async Task ReturnsTask()
    {
        await Task.Yield();
        Interlocked.Increment(ref _calls);
    }

    [WorkerTask("binding_returns_value_task")]
    public static ValueTask ReturnsValueTask() => ValueTask.CompletedTask;

    [WorkerTask("binding_returns_value_task_of_int")]
    public static async ValueTask<int> ReturnsValueTaskOfInt()
    {
        await Task.Yield();
        return 42;
    }

    [WorkerTask("binding_returns_task_of_address")]
    public static Task<Address> ReturnsTaskOfAddress() => Task.FromResult(new Address("Lyon"));

    [WorkerTask("binding_returns_keyed_number")]
    [return: OutputParam("total")]
    public static int ReturnsKeyedNumber() => 7;

    [WorkerTask("binding_returns_keyed_object")]
    [OutputParam("address")]
    public static Address ReturnsKeyedObject() => new("Oslo");

    [WorkerTask("binding_returns_null_object")]
    public static Address? ReturnsNullObject() => null;

    [WorkerTask("binding_returns_null_string")]
    public static string? ReturnsNullString() => null;

    [WorkerTask("binding_returns_not_a_number")]
    public static double ReturnsNotANumber() => double.NaN;

    [WorkerTask("binding_returns_node_array")]
    public static JsonNode? ReturnsNodeArray() => new JsonArray(1, 2);

    [WorkerTask("binding_returns_element_number")]
    public static JsonElement ReturnsElementNumber() => JsonDocument.Parse("12").RootElement;
}

/// <summary>Workers that fail, or ask to be called back.</summary>
public static class OutcomeWorkers
{
    [WorkerTask("binding_throws")]
    public static int Throws(string message) => throw new InvalidOperationException(message);

    [WorkerTask("binding_throws_async")]
    public static async Task<int> ThrowsAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    [WorkerTask("binding_throws_non_retryable")]
    public static void ThrowsNonRetryable() => throw new NonRetryableException("card declined");

    [WorkerTask("binding_waits_for_cancellation")]
    public static async Task WaitsForCancellation(CancellationToken cancellationToken) =>
        await Task.Delay(Timeout.Infinite, cancellationToken);

    [WorkerTask("binding_asks_for_callback")]
    public static Dictionary<string, int> AsksForCallback(TaskContext context, int progress)
    {
        if (progress < 100)
        {
            context.CallbackAfter(TimeSpan.FromSeconds(30));
        }

        return new Dictionary<string, int> { ["progress"] = progress };
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(Address))]
[JsonSerializable(typeof(Percentage))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;

/// <summary>A worker whose enum output is a flag combination, which has no single member name.</summary>
public static class FlagWorkers
{
    [WorkerTask("binding_combine_permissions")]
    public static Permissions Combine() => Permissions.Read | Permissions.Write;
}
