using System.Text.Json;
using System.Text.Json.Serialization;
using Conductor.Generated;

namespace Newcomer;

/// <summary>Two workers as a newcomer writes them after reading the package readme.</summary>
public static class ShippingWorkers
{
    [WorkerTask("newcomer_quote")]
    public static Quote QuoteShipping(Parcel parcel, [InputParam("express")] bool express = false)
        => new(parcel.Destination, parcel.WeightGrams * (express ? 3 : 1) / 100);

    [WorkerTask("newcomer_label", Concurrency = 2)]
    [return: OutputParam("label")]
    public static async Task<string> PrintLabel(Quote quote, TaskContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        context.Log($"Label printed for {quote.Destination}");
        return $"{quote.Destination.ToUpperInvariant()} {quote.PriceCents}";
    }
}

public sealed record Parcel(string Destination, int WeightGrams);

public sealed record Quote(string Destination, int PriceCents);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Parcel))]
[JsonSerializable(typeof(Quote))]
internal sealed partial class NewcomerJsonContext : JsonSerializerContext;
