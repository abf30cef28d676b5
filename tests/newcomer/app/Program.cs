using System.Text.Json.Nodes;
using Conductor.Generated;
using Conductor.Generated.Client;
using Newcomer;
// Only the server of the testing kit is needed here.
using ConductorTestServer = Conductor.Generated.Testing.ConductorTestServer;

// Starts the Conductor-compatible test server in this process, registers a two-step workflow,
// runs it with the generated workers and checks its output. Exit code 0 only when all matches.
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

await using var server = await ConductorTestServer.StartAsync(cancellationToken: timeout.Token);
using var client = new ConductorClient(server.ApiUrl);

// ConductorWorkers is generated from the [WorkerTask] methods in Workers.cs.
await client.RegisterTaskDefinitionsAsync(
    ConductorWorkers.All.Select(worker => new TaskDefinition
    {
        Name = worker.TaskName,
        OwnerEmail = "newcomer@example.com",
        RetryCount = 0,
    }),
    timeout.Token);
await client.RegisterWorkflowAsync(new WorkflowDefinition
{
    Name = "newcomer_shipping",
    Version = 1,
    OwnerEmail = "newcomer@example.com",
    Tasks =
    [
        new WorkflowStep
        {
            Name = "newcomer_quote",
            TaskReferenceName = "quote",
            InputParameters = new JsonObject { ["parcel"] = "${workflow.input.parcel}", ["express"] = "${workflow.input.express}" },
        },
        new WorkflowStep
        {
            Name = "newcomer_label",
            TaskReferenceName = "label",
            InputParameters = new JsonObject { ["quote"] = "${quote.output}" },
        },
    ],
    OutputParameters = new JsonObject { ["label"] = "${label.output.label}", ["priceCents"] = "${quote.output.priceCents}" },
}, overwrite: true, timeout.Token);

await using var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = server.ApiUrl }, ConductorWorkers.All);
await host.StartAsync(timeout.Token);

var workflowId = await client.StartWorkflowAsync(new StartWorkflowRequest
{
    Name = "newcomer_shipping",
    Version = 1,
    Input = new JsonObject
    {
        ["parcel"] = new JsonObject { ["destination"] = "Lisbon", ["weightGrams"] = 3200 },
        ["express"] = true,
    },
}, timeout.Token);

Workflow workflow;
do
{
    await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
    workflow = await client.GetWorkflowAsync(workflowId, includeTasks: true, timeout.Token);
}
while (workflow.Status is "RUNNING" or "PAUSED");
await host.StopAsync(CancellationToken.None);

var output = workflow.Output.GetRawText();
Console.WriteLine($"Workflow {workflowId} ended {workflow.Status} with output {output}");

var label = workflow.Output.TryGetProperty("label", out var labelValue) ? labelValue.ToString() : null;
var price = workflow.Output.TryGetProperty("priceCents", out var priceValue) ? priceValue.ToString() : null;
if (workflow.Status != "COMPLETED" || label != "LISBON 96" || price != "96")
{
    Console.Error.WriteLine($"MISMATCH: expected COMPLETED with label 'LISBON 96' and priceCents 96, got {workflow.Status} {output} ({workflow.ReasonForIncompletion})");
    return 1;
}

Console.WriteLine("Newcomer app: output as expected");
return 0;
