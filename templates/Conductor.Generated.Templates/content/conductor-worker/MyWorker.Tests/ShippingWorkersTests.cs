using System.Text.Json.Nodes;
using Conductor.Generated.Testing;

// ConductorWorkers, generated in the workers' project. The name is qualified because the
// generator also runs in this project (through the package references) and writes an empty
// ConductorWorkers in MyWorker.Tests, which would hide it.
using Workers = MyWorker.ConductorWorkers;

namespace MyWorker.Tests;

public sealed class ShippingWorkersTests
{
    [Fact]
    public async Task An_express_parcel_costs_three_times_as_much()
    {
        // No server: the generated binder, the method and the runtime's rules for the result.
        var result = await WorkerTester.InvokeAsync(
            Workers.QuoteShipping,
            """{"parcel":{"destination":"Lisbon","weightGrams":3200,"speed":"express"}}""");

        Assert.Equal(TaskExecutionStatus.Completed, result.Status);
        Assert.Equal(960, (int?)result.Output["priceCents"]);
    }

    [Fact]
    public async Task A_parcel_without_weight_fails_for_good()
    {
        var result = await WorkerTester.InvokeAsync(
            Workers.QuoteShipping,
            """{"parcel":{"destination":"Lisbon","weightGrams":0}}""");

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, result.Status);
        Assert.Contains("weightGrams must be positive", result.ReasonForIncompletion);
    }

    [Fact]
    public async Task The_workflow_file_runs_through_the_workers()
    {
        // A Conductor-compatible server on 127.0.0.1 and a worker host polling it, in this process.
        await using var conductor = await ConductorTestEnvironment.StartAsync(Workers.All);

        var run = await conductor.RunWorkflowAsync(
            WorkflowDefJson.Load("ship_parcel.workflow.json"),
            new JsonObject { ["parcel"] = new JsonObject { ["destination"] = "Lisbon", ["weightGrams"] = 3200, ["speed"] = "express" } });

        run.AssertCompleted().AssertPath("quote", "label");
        Assert.Equal("LISBON EXPRESS 960", (string?)run.Output["label"]);
        Assert.Equal(960, (int?)run.Output["priceCents"]);
    }
}
