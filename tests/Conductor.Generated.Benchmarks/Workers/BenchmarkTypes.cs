using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Benchmarks.Workers;

/// <summary>An order, the input of <see cref="BenchmarkWorkers.SummarizeOrder"/>.</summary>
public sealed record Order(string Id, string Customer, List<OrderLine> Lines);

/// <summary>One line of an <see cref="Order"/>.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>What <see cref="BenchmarkWorkers.SummarizeOrder"/> returns.</summary>
public sealed record OrderSummary(string OrderId, int LineCount, int Units, decimal Total);

/// <summary>One measurement, many of which make the input of <see cref="BenchmarkWorkers.AggregateReadings"/>.</summary>
public sealed record SensorReading(string Sensor, long Timestamp, double Value, string Unit);

/// <summary>What <see cref="BenchmarkWorkers.AggregateReadings"/> returns.</summary>
public sealed record ReadingStats(int Count, double Minimum, double Maximum, double Mean);

/// <summary>
/// The application's JSON context, which the generated binders read and write the records with:
/// web defaults, so camelCase names, as Conductor's JSON is.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderSummary))]
[JsonSerializable(typeof(List<SensorReading>))]
[JsonSerializable(typeof(ReadingStats))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
