using System.Globalization;

namespace Conductor.Generated.Benchmarks.Workers;

/// <summary>
/// The workers every dispatch path runs. The generator writes their binders, as it would in an
/// application. Their work is trivial on purpose, so that what is measured is the dispatch
/// around them.
/// </summary>
/// <remarks>
/// They are written so that the official C# SDK can run them too: parameters named after their
/// input keys and without attributes (the SDK binds such a parameter by its exact name, and fails
/// on a parameter attribute that is not its own <c>InputParam</c>), and a record result placed
/// under an output key (the SDK cannot return a record as the output object itself).
/// </remarks>
public static class BenchmarkWorkers
{
    /// <summary>A few primitive inputs; a string result, which goes under <c>result</c>.</summary>
    [WorkerTask("bench_primitives")]
    public static string DescribeShipment(string customer, int quantity, double weightKg, bool express) =>
        string.Create(CultureInfo.InvariantCulture, $"{quantity} parcels for {customer}, {weightKg} kg{(express ? ", express" : "")}");

    /// <summary>A record input with a nested list, read through <see cref="BenchmarkJsonContext"/>.</summary>
    [WorkerTask("bench_order")]
    [OutputParam("summary")]
    public static OrderSummary SummarizeOrder(Order order)
    {
        var units = 0;
        var total = 0m;
        foreach (var line in order.Lines)
        {
            units += line.Quantity;
            total += line.Quantity * line.UnitPrice;
        }

        return new OrderSummary(order.Id, order.Lines.Count, units, total);
    }

    /// <summary>About 100 KB of input: a long list of records.</summary>
    [WorkerTask("bench_readings")]
    [OutputParam("stats")]
    public static ReadingStats AggregateReadings(List<SensorReading> readings)
    {
        var minimum = double.MaxValue;
        var maximum = double.MinValue;
        var sum = 0.0;
        foreach (var reading in readings)
        {
            minimum = Math.Min(minimum, reading.Value);
            maximum = Math.Max(maximum, reading.Value);
            sum += reading.Value;
        }

        return new ReadingStats(readings.Count, minimum, maximum, readings.Count == 0 ? 0 : sum / readings.Count);
    }
}
