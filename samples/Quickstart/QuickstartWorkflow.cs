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

        var workflow = new WorkflowDefinition
        {
            Name = Name,
            Version = 1,
            Description = "Greets a customer, charges the order and sends the receipt.",
            OwnerEmail = "quickstart@example.com",
            Tasks =
            [
                Simple("greet", "greet", new JsonObject
                {
                    ["name"] = "${workflow.input.customer}",
                    ["times"] = 2,
                }),
                Simple("charge_card", "charge", new JsonObject
                {
                    ["order"] = "${workflow.input.order}",
                }),
                Simple("send_receipt", "send_receipt", new JsonObject
                {
                    ["email"] = "${workflow.input.order.email}",
                    ["receipt"] = "${charge.output}",
                    ["greeting"] = "${greet.output}",
                }),
            ],
            OutputParameters = new JsonObject
            {
                ["message"] = "${send_receipt.output.message}",
                ["chargeId"] = "${charge.output.chargeId}",
            },
        };
        await client.RegisterWorkflowAsync(workflow, overwrite: true, cancellationToken);
    }

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

    private static WorkflowTask Simple(string taskName, string referenceName, JsonObject inputParameters) => new()
    {
        Name = taskName,
        TaskReferenceName = referenceName,
        Type = "SIMPLE",
        InputParameters = inputParameters,
    };
}

/// <summary>Serializes the workflow output for printing.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class QuickstartOutputJsonContext : JsonSerializerContext;
