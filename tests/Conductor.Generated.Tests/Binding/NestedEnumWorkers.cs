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

/// <summary>A record whose context's options convert enums: the user's converter decides, not the generated rule.</summary>
public sealed record TieredOrder(string Id, ShippingPriority Priority);

public static class OwnOptionsEnumWorkers
{
    [WorkerTask("binding_nested_enum_ship_own_options")]
    public static TieredOrder Ship(TieredOrder order) => order;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TieredOrder))]
internal sealed partial class OwnOptionsEnumJsonContext : JsonSerializerContext;

// Web defaults (camelCase, any case when read) but no string enum converter, as most users declare it.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ShippingOrder))]
[JsonSerializable(typeof(ShippingLabel))]
internal sealed partial class NestedEnumJsonContext : JsonSerializerContext;
