using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Conductor.Generated.Client;

namespace Quickstart;

/// <summary>The quickstart's workflow: greet the customer, charge the card, send the receipt.</summary>
internal static class QuickstartWorkflow
{
    public const string Name = "quickstart_order";

    public static async Task RegisterAsync(ConductorClient client, CancellationToken cancellationToken)
    {
        var taskDefinitions = ConductorWorkers.All.Select(worker => new TaskDefinition
        {
            Name = worker.TaskName,
            Description = $"Quickstart worker {worker.TaskName}",
            RetryCount = 2,
            RetryDelaySeconds = 1,
            ResponseTimeoutSeconds = 30,
            TimeoutSeconds = 60,
            OwnerEmail = "quickstart@example.com",
        });
        await client.RegisterTaskDefinitionsAsync(taskDefinitions, cancellationToken);

        var workflow = Definition();
        await client.RegisterWorkflowAsync(workflow, overwrite: true, cancellationToken);
    }

    /// <summary>
    /// The workflow, kept in quickstart.workflow.json (embedded in the assembly): the build checks
    /// that file against the workers (docs/diagnostics/CDG2000.md), so a typo in an input key or an
    /// output reference is a build error, not a failed run.
    /// </summary>
    public static WorkflowDefinition Definition()
    {
        using var stream = typeof(QuickstartWorkflow).Assembly.GetManifestResourceStream(DefinitionResource)
            ?? throw new InvalidOperationException($"The assembly has no embedded '{DefinitionResource}'.");
        return JsonSerializer.Deserialize(stream, QuickstartWorkflowJsonContext.Default.WorkflowDefinition)
            ?? throw new InvalidOperationException($"'{DefinitionResource}' holds null, not a workflow definition.");
    }

    private const string DefinitionResource = "quickstart.workflow.json";

    public static StartWorkflowRequest CreateStartRequest() => new()
    {
        Name = Name,
        Version = 1,
        CorrelationId = "quickstart-order-1001",
        Input = new JsonObject
        {
            ["customer"] = "Ada",
            ["order"] = new JsonObject
            {
                ["orderId"] = "o-1001",
                ["amount"] = 42.50m,
                ["currency"] = "EUR",
                ["email"] = "ada@example.com",
            },
        },
    };

    public static async Task<Workflow> WaitForCompletionAsync(ConductorClient client, string workflowId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var workflow = await client.GetWorkflowAsync(workflowId, includeTasks: true, cancellationToken);
            if (workflow.Status is not ("RUNNING" or "PAUSED"))
            {
                return workflow;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}

/// <summary>Reads the workflow definition file.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WorkflowDefinition))]
internal sealed partial class QuickstartWorkflowJsonContext : JsonSerializerContext;

/// <summary>Serializes the workflow output for printing.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class QuickstartOutputJsonContext : JsonSerializerContext;
