using System.Text.Json.Nodes;
using Conductor.Generated.Client;
using Conductor.Generated.Testing;

namespace Quickstart.Tests;

/// <summary>
/// The quickstart's workflow run through the in-process Conductor server by the real worker
/// host, as in production: definitions, polling, input expressions and results over HTTP.
/// </summary>
public sealed class QuickstartWorkflowTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Order_workflow_greets_charges_and_sends_the_receipt()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(ConductorWorkers.All);
        using var client = new ConductorClient(conductor.Server.ApiUrl);
        await QuickstartWorkflow.RegisterAsync(client, CancellationToken.None);

        var workflow = await conductor.RunWorkflowAsync(QuickstartWorkflow.Name, QuickstartWorkflow.CreateStartRequest().Input, Timeout);

        workflow.AssertCompleted().AssertPath("greet", "charge", "send_receipt");
        var chargeId = (string?)workflow.Output["chargeId"];
        Assert.Matches("^ch_[0-9a-f]{32}$", chargeId);
        Assert.Contains($"Receipt {chargeId} for 42.50 EUR sent to ada@example.com", (string?)workflow.Output["message"], StringComparison.Ordinal);
        Assert.Contains(workflow.Step("charge").Logs, line => line.StartsWith("Charged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_charge_that_fails_once_is_retried_after_the_definitions_delay_and_the_receipt_is_sent()
    {
        // The payment provider stands in as a stub that fails the first attempt; time skipping
        // passes the retry delay of the registered task definition at once.
        var clock = new VirtualClock(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [
                .. ConductorWorkers.All.Where(worker => worker.TaskName != "charge_card"),
                TaskStub.FailsFirst("charge_card", times: 1, new JsonObject { ["chargeId"] = "ch_stub", ["orderId"] = "o-1001", ["amount"] = 42.50m, ["currency"] = "EUR" }, "payment provider unavailable"),
            ],
            new ConductorTestEnvironmentOptions { Clock = clock, TimeSkipping = true });
        using var client = new ConductorClient(conductor.Server.ApiUrl);
        await QuickstartWorkflow.RegisterAsync(client, CancellationToken.None);   // retryCount 2, retryDelaySeconds 1

        var workflow = await conductor.RunWorkflowAsync(QuickstartWorkflow.Name, QuickstartWorkflow.CreateStartRequest().Input, Timeout);

        workflow.AssertCompleted().AssertPath("greet", "charge", "send_receipt");
        Assert.Equal([TaskExecutionStatus.Failed, TaskExecutionStatus.Completed], workflow.Step("charge").Attempts.Select(attempt => attempt.Status));
        Assert.Equal("payment provider unavailable", workflow.Step("charge").Attempts[0].ReasonForIncompletion);
        Assert.Contains("Receipt ch_stub for 42.50 EUR sent to ada@example.com", (string?)workflow.Output["message"], StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 9, 0, 1, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public async Task A_single_charge_with_a_negative_amount_fails_without_retries()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            ConductorWorkers.All,
            new ConductorTestEnvironmentOptions { ConfigureTaskDef = taskDef => taskDef.RetryCount = 2 });

        var run = await conductor.RunTaskAsync(
            ConductorWorkers.Charge,
            """{"order":{"orderId":"o-9","amount":-1,"currency":"EUR","email":"ada@example.com"}}""",
            Timeout);

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, run.Status);
        Assert.Contains("amount must be positive", run.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Single(run.Attempts);
    }
}
