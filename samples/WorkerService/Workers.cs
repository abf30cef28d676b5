using System.Text.Json;
using System.Text.Json.Serialization;
using Conductor.Generated;
using Microsoft.Extensions.DependencyInjection;

[assembly: TaskDefinitionOwner("samples@example.com")]

namespace WorkerService;

/// <summary>
/// The order fulfilment workers. Each is a static method: the generated code binds the task input
/// to its parameters and resolves the [FromServices] ones from the task's own service scope.
/// </summary>
public static class FulfilmentWorkers
{
    /// <summary>The name under which the HttpClient for the Conductor API is registered (a keyed service).</summary>
    public const string ConductorApiClient = "conductor-api";

    /// <summary>Reserves the order's items in the ledger (a scoped service: one per task).</summary>
    [WorkerTask("reserve_stock")]
    [TaskDefinition(RetryCount = 2, RetryDelaySeconds = 1, ResponseTimeoutSeconds = 30)]
    public static Reservation Reserve(Order order, [FromServices] OrderLedger ledger, TaskContext context)
    {
        ledger.Record(order.OrderId, $"reserved {order.Quantity} x {order.Sku}");
        return new Reservation($"rsv-{context.NewGuid():N}", order.Sku, order.Quantity);
    }

    /// <summary>Ships a reservation; async, and stops early when the host shuts down.</summary>
    [WorkerTask("ship_order")]
    [TaskDefinition(RetryCount = 2, RetryDelaySeconds = 1, ResponseTimeoutSeconds = 30)]
    public static async Task<Shipment> Ship(
        Order order, Reservation reservation, [FromServices] OrderLedger ledger, TaskContext context, CancellationToken cancellationToken)
    {
        // Stand-in for a carrier API call.
        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        ledger.Record(order.OrderId, $"shipped {reservation.ReservationId}");
        context.Log($"Order {order.OrderId} handed to the carrier");
        return new Shipment($"TRK-{context.NewGuid():N}"[..16], order.OrderId);
    }

    /// <summary>
    /// Reads the workflow's own history over HTTP with a client from IHttpClientFactory, to show
    /// an HttpClient taken as a service: it asks the Conductor server which steps have completed.
    /// </summary>
    [WorkerTask("audit_order")]
    [TaskDefinition(RetryCount = 2, RetryDelaySeconds = 1, ResponseTimeoutSeconds = 30)]
    public static async Task<AuditReport> Audit(
        [FromKeyedServices(ConductorApiClient)] HttpClient conductorApi, TaskContext context, CancellationToken cancellationToken)
    {
        using var response = await conductorApi.GetAsync($"workflow/{Uri.EscapeDataString(context.WorkflowInstanceId)}?includeTasks=true", cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var workflow = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var completed = workflow.RootElement.GetProperty("tasks").EnumerateArray()
            .Where(task => task.GetProperty("status").GetString() == "COMPLETED")
            .Select(task => task.GetProperty("referenceTaskName").GetString() ?? "")
            .ToList();
        return new AuditReport(completed.Count, completed);
    }
}

/// <summary>The order the workflow is started with.</summary>
public sealed record Order(string OrderId, string Sku, int Quantity);

/// <summary>Output of <c>reserve_stock</c>.</summary>
public sealed record Reservation(string ReservationId, string Sku, int Quantity);

/// <summary>Output of <c>ship_order</c>.</summary>
public sealed record Shipment(string TrackingNumber, string OrderId);

/// <summary>Output of <c>audit_order</c>: the steps completed before it.</summary>
public sealed record AuditReport(int CompletedSteps, IReadOnlyList<string> Steps);

/// <summary>Source-generated JSON for the workers' types (camelCase, as Conductor inputs are).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Reservation))]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(AuditReport))]
internal sealed partial class FulfilmentJsonContext : JsonSerializerContext;
