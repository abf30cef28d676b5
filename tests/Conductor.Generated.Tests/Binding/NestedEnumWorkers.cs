using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.Binding;

public enum ShippingPriority
{
    Standard,
    Express,
    [JsonStringEnumMemberName("next-day")]
    NextDay,
}

/// <summary>An enum with a converter of its own: read as that converter says (numbers), not by name.</summary>
[JsonConverter(typeof(JsonNumberEnumConverter<Carrier>))]
public enum Carrier
{
    Post,
    Courier,
}

public sealed record ShippingOrder(
    string Id,
    ShippingPriority Priority,
    List<ShippingPriority>? Fallbacks = null,
    Dictionary<string, ShippingPriority>? ByRegion = null,
    ShippingPriority? Upgrade = null,
    Carrier Carrier = Carrier.Post);

public sealed record ShippingLabel(string Id, ShippingPriority Priority, int Fallbacks, Carrier Carrier);

/// <summary>Records holding enums, bound through a context that does not set UseStringEnumConverter.</summary>
public static class NestedEnumWorkers
{
    [WorkerTask("binding_nested_enum_ship")]
    public static ShippingLabel Ship(ShippingOrder order) =>
        new(order.Id, order.Upgrade ?? order.Priority, order.Fallbacks?.Count ?? 0, order.Carrier);
}

// Web defaults (camelCase, any case when read) but no string enum converter, as most users declare it.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ShippingOrder))]
[JsonSerializable(typeof(ShippingLabel))]
internal sealed partial class NestedEnumJsonContext : JsonSerializerContext;
