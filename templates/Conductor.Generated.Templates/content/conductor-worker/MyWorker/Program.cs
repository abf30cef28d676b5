using System.Runtime.InteropServices;
using Conductor.Generated;
using Microsoft.Extensions.Logging;
using MyWorker;

// Runs the workers of Workers.cs until Ctrl+C or SIGTERM, then lets running tasks finish.
// The server comes from CONDUCTOR_SERVER_URL (e.g. http://localhost:8080/api; the standalone test
// server: dotnet run --project samples/TestServer -- --port 8080 in the Conductor.Generated
// repository). For Orkes Conductor, also set CONDUCTOR_AUTH_KEY and CONDUCTOR_AUTH_SECRET.

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Information));
var logger = loggerFactory.CreateLogger("MyWorker");

using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;   // the process stays up until the running tasks are done
    stopping.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var options = new ConductorWorkerOptions
{
    // Registers the task definitions generated from the [TaskDefinition] attributes at start.
    RegisterTaskDefinitions = true,
};

// ConductorWorkers is generated from the [WorkerTask] methods in Workers.cs.
await using var host = new ConductorWorkerHost(options, ConductorWorkers.All, loggerFactory);
await host.RunAsync(stopping.Token);   // polls until stopped, then drains the running tasks
logger.LogInformation("Stopped");
