using System.Text.Json;
using Conductor.Generated;
using Conductor.Generated.Client;
using Conductor.Generated.Testing;
using Microsoft.Extensions.Logging;
using Quickstart;

// The quickstart: register the workers' task definitions and a three-step workflow, start it,
// run the generated workers until it completes, print its output.
// With CONDUCTOR_SERVER_URL set it runs against that server; otherwise it starts the
// Conductor-compatible test server in this process and prints the address of its web page.
// With --keep-open (or QUICKSTART_KEEP_OPEN=1) the test server and the workers stay up after the
// run, until Ctrl+C, so the page can be looked at and more workflows started.

var keepOpen = args.Contains("--keep-open", StringComparer.Ordinal)
    || Environment.GetEnvironmentVariable("QUICKSTART_KEEP_OPEN") is "1" or "true" or "TRUE" or "True";
var unknown = args.Where(arg => arg != "--keep-open").ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown argument(s): {string.Join(' ', unknown)}. The quickstart takes only --keep-open (keep the test server and its page open after the run, until Ctrl+C).");
    return 2;
}

using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
using var stayOpen = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    exit.Cancel();
    stayOpen.Cancel();
};

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Warning));

var configuredUrl = Environment.GetEnvironmentVariable("CONDUCTOR_SERVER_URL");
await using var embeddedServer = string.IsNullOrWhiteSpace(configuredUrl) ? await ConductorTestServer.StartAsync() : null;
var serverUrl = embeddedServer?.ApiUrl ?? new Uri(configuredUrl!);
Console.WriteLine(embeddedServer is null
    ? $"Using the Conductor server at {serverUrl}"
    : $"Started the embedded Conductor test server at {serverUrl}");
if (embeddedServer is not null)
{
    Console.WriteLine($"Watch the workflows, tasks and workers on its page: {embeddedServer.PageUrl}");
}
else if (keepOpen)
{
    Console.WriteLine("--keep-open keeps the embedded test server open; with CONDUCTOR_SERVER_URL set there is none, so the quickstart ends after the run.");
}

using var client = new ConductorClient(serverUrl);
await QuickstartWorkflow.RegisterAsync(client, exit.Token);

// ConductorWorkers is generated from the [WorkerTask] methods in Workers.cs.
await using var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = serverUrl }, ConductorWorkers.All, loggerFactory);
await host.StartAsync(exit.Token);

var workflowId = await client.StartWorkflowAsync(QuickstartWorkflow.CreateStartRequest(), exit.Token);
Console.WriteLine($"Started workflow {QuickstartWorkflow.Name} as {workflowId}");

var workflow = await QuickstartWorkflow.WaitForCompletionAsync(client, workflowId, exit.Token);

Console.WriteLine($"Workflow {workflowId} ended {workflow.Status}");
foreach (var task in workflow.Tasks ?? [])
{
    Console.WriteLine($"  {task.ReferenceTaskName,-14} {task.Status}");
}

Console.WriteLine("Output:");
Console.WriteLine(JsonSerializer.Serialize(workflow.Output, QuickstartOutputJsonContext.Default.JsonElement));

if (keepOpen && embeddedServer is not null)
{
    Console.WriteLine($"The test server and the workers stay up: open {embeddedServer.PageUrl} (start more workflows at {embeddedServer.ServerUrl}). Press Ctrl+C to stop.");
    using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
    {
        signal.Cancel = true;
        stayOpen.Cancel();
    });
    try
    {
        await Task.Delay(Timeout.Infinite, stayOpen.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopping.");
    }
}

await host.StopAsync(CancellationToken.None);
return workflow.Status == "COMPLETED" ? 0 : 1;
