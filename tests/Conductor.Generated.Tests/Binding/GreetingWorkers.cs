using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.Binding;

public sealed record Greeting(string Message);

public sealed record Order(string Id, decimal Amount, IReadOnlyList<OrderLine>? Lines = null);

public sealed record OrderLine(string Sku, int Quantity);

public sealed record Receipt(string OrderId, decimal Charged, string Worker);

public static class GreetingWorkers
{
    [WorkerTask("binding_greet")]
    public static Greeting BindingGreet(string name, [InputParam("times")] int repeat = 1)
        => new(string.Join(" ", Enumerable.Repeat($"Hello {name}", repeat)));

    [WorkerTask("binding_charge_card", Concurrency = 8)]
    public static async Task<Receipt> Charge(Order order, TaskContext context, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        context.Log("charging " + order.Id);
        return new Receipt(order.Id, order.Amount, context.WorkerId);
    }

    [WorkerTask("binding_table_probe")]
    public static string BindingTableProbe() => "probed";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
internal sealed partial class BindingJsonContext : JsonSerializerContext;
