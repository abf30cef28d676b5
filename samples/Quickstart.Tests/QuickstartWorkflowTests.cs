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

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var chargeId = (string?)workflow.Output["chargeId"];
        Assert.Matches("^ch_[0-9a-f]{32}$", chargeId);
        Assert.Contains($"Receipt {chargeId} for 42.50 EUR sent to ada@example.com", (string?)workflow.Output["message"], StringComparison.Ordinal);
        Assert.Contains(workflow.Step("charge").Logs, line => line.StartsWith("Charged", StringComparison.Ordinal));
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
