using System.Text.Json;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Microsoft.Extensions.DependencyInjection;
using TestServerModel = Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.Services;

/// <summary>
/// Generated workers with [FromServices] and [FromKeyedServices] parameters, run by the polling host
/// against the test server, with the root provider of a real ServiceCollection in
/// <see cref="ConductorWorkerOptions.Services"/>.
/// </summary>
public sealed class ServiceWorkersEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan WorkflowTimeout = TimeSpan.FromSeconds(60);

    private readonly ScopeTracker _tracker = new();
    private ServiceProvider _services = null!;
    private ConductorTestServer _server = null!;
    private ConductorWorkerHost _host = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_tracker);
        services.AddScoped<TaskScopedResource>();
        services.AddKeyedSingleton<ITaxRate>(ServiceWorkers.TaxRateKey, new FixedTaxRate(0.2m));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        _server = await ConductorTestServer.StartAsync();
        _server.RegisterTaskDefs(new TestServerModel.TaskDef
        {
            Name = "services_price",
            RetryCount = 0,
            ResponseTimeoutSeconds = 30,
            OwnerEmail = "tests@example.com",
        });
        _server.RegisterWorkflowDef(new TestServerModel.WorkflowDef
        {
            Name = "services_order",
            Version = 1,
            OwnerEmail = "tests@example.com",
            Tasks =
            [
                PriceTask("tea", "${workflow.input.tea}"),
                PriceTask("cake", "${workflow.input.cake}"),
            ],
        });

        var workers = ConductorWorkers.All.Where(worker => worker.TaskName.StartsWith(ServiceWorkers.Prefix, StringComparison.Ordinal));
        _host = new ConductorWorkerHost(
            new ConductorWorkerOptions { ServerUrl = _server.ApiUrl, WorkerId = "services-worker", Services = _services },
            workers);
        await _host.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Each_task_resolves_its_own_scoped_service_once_and_it_is_disposed_when_the_task_ends()
    {
        var workflowIds = Enumerable.Range(1, 3)
            .Select(_ => _server.StartWorkflow("services_order", new JsonObject { ["tea"] = 2, ["cake"] = 1 }))
            .ToList();
        var workflows = new List<TestServerModel.WorkflowExecution>();
        foreach (var workflowId in workflowIds)
        {
            workflows.Add(await _server.WaitForWorkflowAsync(workflowId, WorkflowTimeout));
        }

        Assert.All(workflows, workflow => Assert.Equal(TestServerModel.WorkflowStatus.Completed, workflow.Status));
        var tasks = workflows.SelectMany(workflow => workflow.Tasks).ToList();
        Assert.Equal(6, tasks.Count);

        // The keyed singleton was used: 2 x 10 plus 20 % tax.
        Assert.Equal(24m, (decimal?)tasks.First(task => (string?)task.OutputData["sku"] == "tea").OutputData["gross"]);

        // One scope per task: both parameters got the same instance, and no two tasks shared one.
        var resourceIds = tasks.Select(task => (int)task.OutputData["resourceId"]!).ToList();
        Assert.All(tasks, task => Assert.Equal((int)task.OutputData["resourceId"]!, (int)task.OutputData["secondResourceId"]!));
        Assert.Equal(6, resourceIds.Distinct().Count());
        Assert.All(tasks, task => Assert.False((bool)task.OutputData["resourceDisposedDuringTask"]!));

        // Six tasks, six instances created, each disposed exactly once when its task ended.
        Assert.Equal(6, _tracker.CreatedCount);
        Assert.Equal(resourceIds.Order(), _tracker.Created.Select(resource => resource.Id).Order());
        Assert.All(_tracker.Created, resource => Assert.Equal(1, resource.DisposeCount));
    }

    [Fact]
    public async Task Input_that_cannot_be_bound_fails_the_task_before_any_service_is_created()
    {
        var workflowId = _server.StartWorkflow("services_order", new JsonObject { ["tea"] = "lots", ["cake"] = 1 });
        var workflow = await _server.WaitForWorkflowAsync(workflowId, WorkflowTimeout);

        Assert.Equal(TestServerModel.WorkflowStatus.Failed, workflow.Status);
        var failed = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.FailedWithTerminalError, failed.Status);
        Assert.Contains("quantity", failed.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Equal(0, _tracker.CreatedCount);
    }

    [Fact]
    public void The_generated_definition_lists_the_services_and_keeps_them_out_of_the_input()
    {
        var worker = ConductorWorkers.PriceAsync;

        Assert.Equal(
            [
                new WorkerServiceDependency(typeof(TaskScopedResource), null, "resource"),
                new WorkerServiceDependency(typeof(ITaxRate), ServiceWorkers.TaxRateKey, "taxRate"),
                new WorkerServiceDependency(typeof(TaskScopedResource), null, "sameResource"),
            ],
            worker.ServiceDependencies);
        Assert.Equal(worker.ServiceDependencies, worker.WithSettings(worker.Settings with { Concurrency = 1 }).ServiceDependencies);

        using var definition = JsonDocument.Parse(worker.TaskDefinitionJson!);
        Assert.Equal(["sku", "quantity"], definition.RootElement.GetProperty("inputKeys").EnumerateArray().Select(key => key.GetString()));
        var inputProperties = definition.RootElement.GetProperty("inputSchema").GetProperty("data").GetProperty("properties");
        Assert.Equal(["sku", "quantity"], inputProperties.EnumerateObject().Select(property => property.Name));
    }

    private static TestServerModel.WorkflowTask PriceTask(string sku, string quantity) => new()
    {
        Name = "services_price",
        TaskReferenceName = "price_" + sku,
        InputParameters = new JsonObject { ["sku"] = sku, ["quantity"] = quantity },
    };
}
