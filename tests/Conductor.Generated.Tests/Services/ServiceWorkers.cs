using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Conductor.Generated.Tests.Services;

/// <summary>
/// Workers that take services next to their input, context and token, run end to end with a
/// service scope per task. Their task names start with <c>services_</c>.
/// </summary>
public static class ServiceWorkers
{
    public const string Prefix = "services_";

    public const string TaxRateKey = "vat";

    /// <summary>
    /// Prices a line with a keyed tax rate; reports which scoped resource it got, twice, so a test
    /// can tell that one task sees one instance and another task another.
    /// </summary>
    [WorkerTask("services_price", Concurrency = 2)]
    public static async Task<PricedLine> PriceAsync(
        [FromServices] TaskScopedResource resource,
        [InputParam("sku")] string sku,
        TaskContext context,
        [FromKeyedServices(TaxRateKey)] ITaxRate taxRate,
        int quantity,
        [FromServices] TaskScopedResource sameResource,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        context.Log($"priced {quantity} x {sku} with resource {resource.Id}");
        var net = quantity * 10m;
        return new PricedLine(sku, net + (net * taxRate.Rate), resource.Id, sameResource.Id, resource.IsDisposed);
    }
}

/// <summary>A tax rate registered as a keyed singleton.</summary>
public interface ITaxRate
{
    decimal Rate { get; }
}

public sealed record FixedTaxRate(decimal Rate) : ITaxRate;

public sealed record PricedLine(string Sku, decimal Gross, int ResourceId, int SecondResourceId, bool ResourceDisposedDuringTask);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PricedLine))]
internal sealed partial class ServiceWorkersJsonContext : JsonSerializerContext;
