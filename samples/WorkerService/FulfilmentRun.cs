using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Conductor.Generated.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkerService;

/// <summary>What the sample does once its workers run.</summary>
public sealed class SampleOptions
{
    /// <summary>How many orders to fulfil.</summary>
    public int Orders { get; set; } = 3;

    /// <summary>Stop the application once every workflow has ended (the <c>--once</c> flag).</summary>
    public bool ExitWhenDone { get; set; }
}

/// <summary>
/// Registers the task definitions and the workflow, starts one workflow per order and reports how
/// each ended. The workers themselves run in the Conductor hosted service, which started before
/// this one; they go on polling after it is done, until the application stops.
/// </summary>
internal sealed class FulfilmentRun(
    [FromKeyedServices(FulfilmentWorkers.ConductorApiClient)] HttpClient conductorApi,
    LedgerStatistics ledgerStatistics,
    HealthCheckService healthChecks,
    IOptions<SampleOptions> options,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    public const string WorkflowName = "fulfil_order";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await FulfilOrdersAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A sample that cannot reach its server says so and stops with a failure code.
            Console.Error.WriteLine($"The sample's workflows could not run: {exception.Message}");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private async Task FulfilOrdersAsync(CancellationToken stoppingToken)
    {
        // The generated definitions are one JSON array, the body the server takes as it is.
        using (var content = new StringContent(ConductorWorkers.TaskDefinitionsJson, Encoding.UTF8, "application/json"))
        using (var response = await conductorApi.PostAsync("metadata/taskdefs", content, stoppingToken))
        {
            response.EnsureSuccessStatusCode();
        }

        using var client = new ConductorClient(conductorApi.BaseAddress!, conductorApi);
        await client.RegisterWorkflowAsync(Definition(), overwrite: true, stoppingToken);

        var orders = options.Value.Orders;
        var runs = Enumerable.Range(1, orders).Select(number => RunOrderAsync(client, $"order-{number:D4}", stoppingToken));
        var ended = await Task.WhenAll(runs);
        var completed = ended.Count(status => status == "COMPLETED");

        Console.WriteLine($"Fulfilled {completed} of {orders} orders. Scoped OrderLedger instances: {ledgerStatistics.CreatedCount} created, {ledgerStatistics.DisposedCount} disposed (one per task).");
        var health = await healthChecks.CheckHealthAsync(stoppingToken);
        Console.WriteLine($"Health of the Conductor workers: {health.Status}");
        if (completed != orders)
        {
            Environment.ExitCode = 1;
        }

        if (options.Value.ExitWhenDone)
        {
            lifetime.StopApplication();
        }
        else
        {
            Console.WriteLine("The workers keep polling; press Ctrl+C (or send SIGTERM) to stop.");
        }
    }

    private static async Task<string> RunOrderAsync(ConductorClient client, string orderId, CancellationToken cancellationToken)
    {
        var workflowId = await client.StartWorkflowAsync(
            new StartWorkflowRequest
            {
                Name = WorkflowName,
                CorrelationId = orderId,
                Input = new JsonObject { ["order"] = new JsonObject { ["orderId"] = orderId, ["sku"] = "SKU-42", ["quantity"] = 2 } },
            },
            cancellationToken);

        while (true)
        {
            var workflow = await client.GetWorkflowAsync(workflowId, includeTasks: false, cancellationToken);
            if (workflow.Status is not ("RUNNING" or "PAUSED"))
            {
                Console.WriteLine($"Workflow {workflowId} ({orderId}) {workflow.Status}: {workflow.Output.GetRawText()}");
                return workflow.Status ?? "";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>
    /// The workflow, kept in fulfil_order.workflow.json (embedded in the assembly): the build checks
    /// that file against the workers (docs/diagnostics/CDG2000.md).
    /// </summary>
    private static WorkflowDefinition Definition()
    {
        using var stream = typeof(FulfilmentRun).Assembly.GetManifestResourceStream(DefinitionResource)
            ?? throw new InvalidOperationException($"The assembly has no embedded '{DefinitionResource}'.");
        return JsonSerializer.Deserialize(stream, WorkflowFileJsonContext.Default.WorkflowDefinition)
            ?? throw new InvalidOperationException($"'{DefinitionResource}' holds null, not a workflow definition.");
    }

    private const string DefinitionResource = "fulfil_order.workflow.json";
}

/// <summary>Reads the workflow definition file.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WorkflowDefinition))]
internal sealed partial class WorkflowFileJsonContext : JsonSerializerContext;
