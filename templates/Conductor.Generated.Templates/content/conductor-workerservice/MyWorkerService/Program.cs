using Conductor.Generated.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MyWorkerService;

// The workers of Workers.cs as a hosted service of the .NET Generic Host: settings from the
// "Conductor" section of appsettings.json (or Conductor__ServerUrl=... in the environment,
// --Conductor:ServerUrl=... on the command line), logs through the host, services for
// [FromServices] parameters from a scope per task, and a graceful stop on Ctrl+C or SIGTERM that
// lets running tasks finish.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    // appsettings.json is read from beside the binary, wherever the program is started from.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.Services.AddSingleton<RateCard>();

// ConductorWorkers is generated from the [WorkerTask] methods in Workers.cs. The task definitions
// generated from their [TaskDefinition] attributes are registered at start.
builder.AddConductorWorkers(ConductorWorkers.All, options => options.RegisterTaskDefinitions = true);
builder.Services.AddHealthChecks().AddConductorWorkersHealthCheck();

using var host = builder.Build();
await host.RunAsync();
