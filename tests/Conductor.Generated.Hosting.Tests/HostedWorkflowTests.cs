using System.Text.Json.Nodes;
using Conductor.Generated.Hosting.Tests.Infrastructure;
using Conductor.Generated.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Conductor.Generated.Hosting.Tests.Infrastructure.TestHosts;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>Workers run by a real Generic Host through AddConductorWorkers, against the in-process Conductor server.</summary>
public sealed class HostedWorkflowTests
{
    [Fact]
    public async Task A_workflow_completes_through_the_hosted_service_with_workers_taking_services()
    {
        await using var server = await StartServerAsync("hosting_greet", "hosting_scoped");
        server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "hosting_workflow",
            Tasks =
            [
                new WorkflowTask { Name = "hosting_greet", TaskReferenceName = "greet", InputParameters = new JsonObject { ["name"] = "${workflow.input.name}" } },
                new WorkflowTask { Name = "hosting_scoped", TaskReferenceName = "scoped" },
            ],
            OutputParameters = new JsonObject { ["message"] = "${greet.output.message}", ["scopeId"] = "${scoped.output.firstId}" },
        });
        var builder = CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri)]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.Greet, ConductorWorkers.UseScopedResource]);

        using var host = builder.Build();
        await host.StartAsync();
        var workflowId = server.StartWorkflow("hosting_workflow", new JsonObject { ["name"] = "Ada" });
        var workflow = await server.WaitForWorkflowAsync(workflowId, TestTimeout);
        await host.StopAsync();

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal("Hello, Ada!", (string?)workflow.Output["message"]);
        Assert.Matches("^[0-9a-f]{32}$", (string?)workflow.Output["scopeId"]);
    }

    [Fact]
    public async Task Each_task_gets_one_scoped_instance_created_once_and_disposed_when_the_task_ends()
    {
        const int tasks = 6;
        await using var server = await StartServerAsync("hosting_scoped");
        var builder = CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri)]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.UseScopedResource]);
        using var host = builder.Build();
        var tracker = host.Services.GetRequiredService<ResourceTracker>();

        await host.StartAsync();
        var runs = await Task.WhenAll(Enumerable.Range(0, tasks).Select(_ => RunTaskAsync(server, "hosting_scoped")));
        await host.StopAsync();

        Assert.All(runs, run => Assert.Equal(TaskExecutionStatus.Completed, run.Status));
        var firstIds = runs.Select(run => (string)run.OutputData["firstId"]!).ToList();
        // Both parameters of one task got the same instance: one scope per task, not per parameter.
        Assert.All(runs, run => Assert.Equal((string?)run.OutputData["firstId"], (string?)run.OutputData["secondId"]));
        // Six tasks, six scopes: one instance per task, none shared between tasks.
        Assert.Equal(tasks, firstIds.Distinct().Count());
        Assert.Equal(tasks, tracker.Created);
        // Each scope was disposed when its task ended (before its result was reported).
        Assert.Equal(tasks, tracker.Disposed);
        Assert.All(firstIds, id => Assert.True(tracker.IsDisposed(Guid.ParseExact(id, "N")), $"instance {id} disposed"));
    }

    [Fact]
    public async Task Calling_AddConductorWorkers_twice_runs_the_workers_of_both_calls_in_one_host()
    {
        await using var server = await StartServerAsync("hosting_greet", "hosting_scoped");
        var builder = CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri)]);
        builder.Services.AddTestWorkerServices();
        builder.Services.AddConductorWorkers([ConductorWorkers.Greet]);
        builder.Services.AddConductorWorkers([ConductorWorkers.UseScopedResource]);
        using var host = builder.Build();

        await host.StartAsync();
        var greet = await RunTaskAsync(server, "hosting_greet", new JsonObject { ["name"] = "Grace" });
        var scoped = await RunTaskAsync(server, "hosting_scoped");
        await host.StopAsync();

        Assert.Equal(TaskExecutionStatus.Completed, greet.Status);
        Assert.Equal(TaskExecutionStatus.Completed, scoped.Status);
        // One hosted service runs both calls' workers.
        Assert.Single(host.Services.GetServices<IHostedService>(), service => service.GetType().Name == "ConductorWorkersHostedService");
    }
}
