using System.Text.Json;
using System.Text.Json.Serialization;
using Conductor.Generated;
using Microsoft.Extensions.DependencyInjection;

// The owner of the task definitions registered at start (RegisterTaskDefinitions in Program.cs).
[assembly: TaskDefinitionOwner("workers@example.com")]

namespace MyWorkerService;

/// <summary>
/// The workers: static methods marked [WorkerTask]. The source generator binds each task's input
/// to their parameters and resolves the [FromServices] ones from the task's service scope.
/// </summary>
public static class ShippingWorkers
{
    /// <summary>Prices a parcel: its input is a record with an enum inside ("speed": "express").</summary>
    [WorkerTask("quote_shipping")]
    [TaskDefinition(RetryCount = 2, RetryDelaySeconds = 1, ResponseTimeoutSeconds = 30)]
    public static Quote QuoteShipping(Parcel parcel, [FromServices] RateCard rates)
    {
        if (parcel.WeightGrams <= 0)
        {
            // Retrying cannot help: the task fails for good (FAILED_WITH_TERMINAL_ERROR).
            throw new NonRetryableException($"weightGrams must be positive, got {parcel.WeightGrams}");
        }

        return new Quote(parcel.Destination, parcel.Speed, rates.PriceCents(parcel.WeightGrams, parcel.Speed));
    }

    /// <summary>Prints the label; async, and stops early when the service shuts down.</summary>
    [WorkerTask("print_label")]
    [TaskDefinition(RetryCount = 2, RetryDelaySeconds = 1, ResponseTimeoutSeconds = 30)]
    [return: OutputParam("label")]
    public static async Task<string> PrintLabel(Quote quote, TaskContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);   // the printer's API call
        context.Log($"Label printed for {quote.Destination}");
        return $"{quote.Destination.ToUpperInvariant()} {quote.Speed.ToString().ToUpperInvariant()} {quote.PriceCents}";
    }
}

/// <summary>The prices: a service registered in Program.cs and taken by quote_shipping.</summary>
public sealed class RateCard
{
    public int PriceCents(int weightGrams, ShippingSpeed speed)
    {
        var centsPerKilogram = speed == ShippingSpeed.Express ? 300 : 100;
        return (weightGrams * centsPerKilogram + 999) / 1000;
    }
}

/// <summary>How fast a parcel travels; read from and written as its name ("express").</summary>
public enum ShippingSpeed
{
    Standard,
    Express,
}

/// <summary>The input of quote_shipping.</summary>
public sealed record Parcel(string Destination, int WeightGrams, ShippingSpeed Speed = ShippingSpeed.Standard);

/// <summary>The output of quote_shipping, the input of print_label.</summary>
public sealed record Quote(string Destination, ShippingSpeed Speed, int PriceCents);

/// <summary>JSON for the workers' own types, generated at compile time (camelCase, as Conductor's JSON is).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Parcel))]
[JsonSerializable(typeof(Quote))]
internal sealed partial class ShippingJsonContext : JsonSerializerContext;
