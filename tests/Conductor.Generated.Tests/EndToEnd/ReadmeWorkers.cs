using System.Text.Json;
using System.Text.Json.Serialization;
using Conductor.Generated;

namespace Conductor.Generated.Tests.EndToEnd;

public static class OrderWorkers
{
    // Binds inputData.name, and inputData.times to `repeat` (1 when the key is absent).
    [WorkerTask("greet")]
    public static Greeting Greet(string name, [InputParam("times")] int repeat = 1)
        => new(string.Join(" ", Enumerable.Repeat($"Hello {name}!", repeat)));

    // Async, with a record input, the task's context and a token cancelled on shutdown.
    [WorkerTask("charge_card", Concurrency = 8)]
    public static async Task<Receipt> Charge(Order order, TaskContext context, CancellationToken cancellationToken)
    {
        if (order.Amount <= 0)
            throw new NonRetryableException("amount must be positive");   // FAILED_WITH_TERMINAL_ERROR
        // Conductor runs a task at least once. NewGuid() and IdempotencyKey are the same on every
        // run of this workflow step, so a retried charge names the same charge.
        var chargeId = $"ch_{context.NewGuid():N}";
        await Task.Delay(20, cancellationToken);   // the payment call, sending context.IdempotencyKey
        context.Log($"Charged {order.Amount} {order.Currency}");
        return new Receipt(chargeId, order.OrderId, order.Amount, order.Currency);
    }
}

public sealed record Greeting(string Message);
public sealed record Order(string OrderId, decimal Amount, string Currency);
public sealed record Receipt(string ChargeId, string OrderId, decimal Amount, string Currency);

// Your own types are (de)serialized through System.Text.Json source generation.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
