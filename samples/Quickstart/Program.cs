using System.Text.Json;
using Conductor.Generated;
using Conductor.Generated.Client;
using Conductor.Generated.Testing;
using Microsoft.Extensions.Logging;
using Quickstart;

// The quickstart: register the workers' task definitions and a three-step workflow, start it,
// run the generated workers until it completes, print its output.
// With CONDUCTOR_SERVER_URL set it runs against that server; otherwise it starts the
// Conductor-compatible test server in this process.

using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; exit.Cancel(); };

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Warning));

var configuredUrl = Environment.GetEnvironmentVariable("CONDUCTOR_SERVER_URL");
await using var embeddedServer = string.IsNullOrWhiteSpace(configuredUrl) ? await ConductorTestServer.StartAsync() : null;
var serverUrl = embeddedServer?.ApiUrl ?? new Uri(configuredUrl!);
Console.WriteLine(embeddedServer is null
    ? $"Using the Conductor server at {serverUrl}"
    : $"Started the embedded Conductor test server at {serverUrl}");

using var client = new ConductorClient(serverUrl);
await QuickstartWorkflow.RegisterAsync(client, exit.Token);

// ConductorWorkers is generated from the [WorkerTask] methods in Workers.cs.
await using var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = serverUrl }, ConductorWorkers.All, loggerFactory);
await host.StartAsync(exit.Token);

var workflowId = await client.StartWorkflowAsync(QuickstartWorkflow.CreateStartRequest(), exit.Token);
Console.WriteLine($"Started workflow {QuickstartWorkflow.Name} as {workflowId}");

var workflow = await QuickstartWorkflow.WaitForCompletionAsync(client, workflowId, exit.Token);
await host.StopAsync(CancellationToken.None);

Console.WriteLine($"Workflow {workflowId} ended {workflow.Status}");
foreach (var task in workflow.Tasks ?? [])
{
    Console.WriteLine($"  {task.ReferenceTaskName,-14} {task.Status}");
}

Console.WriteLine("Output:");
Console.WriteLine(JsonSerializer.Serialize(workflow.Output, QuickstartOutputJsonContext.Default.JsonElement));
return workflow.Status == "COMPLETED" ? 0 : 1;
