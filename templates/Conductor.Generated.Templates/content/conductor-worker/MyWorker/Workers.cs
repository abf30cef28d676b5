using System.Text.Json;
using System.Text.Json.Serialization;
using Conductor.Generated;

// The owner of the task definitions registered at start (RegisterTaskDefinitions in Program.cs).
[assembly: TaskDefinitionOwner("workers@example.com")]

namespace MyWorker;

/// <summary>
/// The workers: static methods marked [WorkerTask]. The source generator binds each task's input
/// to their parameters and writes ConductorWorkers, the table Program.cs runs.
/// </summary>
public static class ShippingWorkers
{
    /// <summary>Prices a parcel: its input is a record with an enum inside ("speed": "express").</summary>
    [WorkerTask("quote_shipping")]
    [TaskDefinition(RetryCount = 2, RetryDelaySeconds = 1, ResponseTimeoutSeconds = 30)]
    public static Quote QuoteShipping(Parcel parcel)
    {
        if (parcel.WeightGrams <= 0)
        {
            // Retrying cannot help: the task fails for good (FAILED_WITH_TERMINAL_ERROR).
            throw new NonRetryableException($"weightGrams must be positive, got {parcel.WeightGrams}");
        }

        var centsPerKilogram = parcel.Speed == ShippingSpeed.Express ? 300 : 100;
        return new Quote(parcel.Destination, parcel.Speed, (parcel.WeightGrams * centsPerKilogram + 999) / 1000);
    }

    /// <summary>Prints the label; async, and stops early when the program shuts down.</summary>
    [WorkerTask("print_label", Concurrency = 4)]
    [TaskDefinition(RetryCount = 2, RetryDelaySeconds = 1, ResponseTimeoutSeconds = 30)]
    [return: OutputParam("label")]
    public static async Task<string> PrintLabel(Quote quote, TaskContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);   // the printer's API call
        context.Log($"Label printed for {quote.Destination}");
        return $"{quote.Destination.ToUpperInvariant()} {quote.Speed.ToString().ToUpperInvariant()} {quote.PriceCents}";
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
