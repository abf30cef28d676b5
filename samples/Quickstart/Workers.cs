using System.Text.Json;
using System.Text.Json.Serialization;
using Conductor.Generated;

namespace Quickstart;

/// <summary>The quickstart's workers: plain static methods, bound and dispatched by generated code.</summary>
public static class OrderWorkers
{
    /// <summary>A worker with primitive inputs: <c>name</c>, and <c>times</c> bound to <paramref name="repeat"/>.</summary>
    [WorkerTask("greet")]
    public static Greeting Greet(string name, [InputParam("times")] int repeat = 1)
        => new(string.Join(" ", Enumerable.Repeat($"Hello {name}!", repeat)));

    /// <summary>
    /// An async worker with a record input, the task context and a cancellation token, written to be
    /// safe to run twice: its ids come from the context, not from <see cref="Guid.NewGuid"/>.
    /// </summary>
    [WorkerTask("charge_card", Concurrency = 8)]
    public static async Task<Receipt> Charge(Order order, TaskContext context, CancellationToken cancellationToken)
    {
        if (order.Amount <= 0)
        {
            // Bad input stays bad however often it is retried: fail without retries.
            throw new NonRetryableException($"Order {order.OrderId}: amount must be positive, got {order.Amount}.");
        }

        // Conductor may run this step again (a retry, a lost result, a restarted worker). Both
        // values below are the same on every run of the step, so a payment provider that honours
        // the Idempotency-Key header charges once, and the receipt names the same charge.
        var idempotencyKey = context.IdempotencyKey;
        var chargeId = $"ch_{context.NewGuid():N}";

        // Stand-in for the payment call (a POST carrying the Idempotency-Key header); it observes
        // shutdown through the token.
        await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);

        context.Log($"Charged {order.Amount} {order.Currency} for order {order.OrderId} (idempotency key {idempotencyKey})");
        return new Receipt(chargeId, order.OrderId, order.Amount, order.Currency);
    }

    /// <summary>A worker whose non-object return value is reported as <c>{"message": ...}</c>.</summary>
    [WorkerTask("send_receipt")]
    [return: OutputParam("message")]
    public static string SendReceipt(string email, Receipt receipt, Greeting greeting)
        => $"{greeting.Message} Receipt {receipt.ChargeId} for {receipt.Amount} {receipt.Currency} sent to {email}.";
}

/// <summary>Output of <c>greet</c>.</summary>
public sealed record Greeting(string Message);

/// <summary>The order the workflow is started with.</summary>
public sealed record Order(string OrderId, decimal Amount, string Currency, string Email);

/// <summary>Output of <c>charge_card</c>.</summary>
public sealed record Receipt(string ChargeId, string OrderId, decimal Amount, string Currency);

/// <summary>
/// System.Text.Json source generation for the workers' own types: the generated binders take
/// their <c>JsonTypeInfo</c> from here, so nothing is serialized through reflection. The web
/// defaults give camelCase names, as Conductor inputs use.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
internal sealed partial class QuickstartJsonContext : JsonSerializerContext;
