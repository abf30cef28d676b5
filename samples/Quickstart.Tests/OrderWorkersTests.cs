using Conductor.Generated.Testing;

namespace Quickstart.Tests;

/// <summary>
/// The quickstart's workers called directly, with no server: the fastest tests, for binding,
/// output and failures. Each call returns what the worker host would report to Conductor.
/// </summary>
public sealed class OrderWorkersTests
{
    [Fact]
    public async Task Greet_repeats_the_greeting()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Greet, """{"name":"Ada","times":2}""");

        Assert.Equal(TaskExecutionStatus.Completed, result.Status);
        Assert.Equal("Hello Ada! Hello Ada!", (string?)result.Output["message"]);
    }

    [Fact]
    public async Task Charge_gives_every_run_of_the_same_workflow_step_the_same_charge_id_and_logs_the_amount()
    {
        const string Input = """{"order":{"orderId":"o-1","amount":30,"currency":"EUR","email":"ada@example.com"}}""";
        var firstRun = new WorkerInvocationOptions { TaskId = "task-1", WorkflowInstanceId = "wf-42", ReferenceTaskName = "charge" };
        var retry = new WorkerInvocationOptions { TaskId = "task-2", WorkflowInstanceId = "wf-42", ReferenceTaskName = "charge", RetryCount = 1 };
        var otherWorkflow = new WorkerInvocationOptions { TaskId = "task-3", WorkflowInstanceId = "wf-43", ReferenceTaskName = "charge" };

        var first = await WorkerTester.InvokeAsync(ConductorWorkers.Charge, Input, firstRun);
        var again = await WorkerTester.InvokeAsync(ConductorWorkers.Charge, Input, retry);
        var other = await WorkerTester.InvokeAsync(ConductorWorkers.Charge, Input, otherWorkflow);

        Assert.Equal(TaskExecutionStatus.Completed, first.Status);
        var chargeId = (string?)first.Output["chargeId"];
        Assert.Matches("^ch_[0-9a-f]{32}$", chargeId);
        Assert.Equal(chargeId, (string?)again.Output["chargeId"]);
        Assert.NotEqual(chargeId, (string?)other.Output["chargeId"]);
        Assert.Equal(30m, (decimal?)first.Output["amount"]);
        Assert.Contains(first.Logs, line => line.StartsWith("Charged 30 EUR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Charge_of_a_non_positive_amount_fails_for_good()
    {
        var result = await WorkerTester.InvokeAsync(
            ConductorWorkers.Charge,
            """{"order":{"orderId":"o-2","amount":-5,"currency":"EUR","email":"ada@example.com"}}""");

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, result.Status);
        Assert.Contains("amount must be positive", result.ReasonForIncompletion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Charge_with_an_order_that_is_not_an_object_fails_for_good_naming_the_parameter()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Charge, """{"order":"o-3"}""");

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, result.Status);
        Assert.Contains("order", result.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Send_receipt_without_an_email_fails_for_good()
    {
        var result = await WorkerTester.InvokeAsync(
            ConductorWorkers.SendReceipt,
            """{"receipt":{"chargeId":"ch_1","orderId":"o-1","amount":30,"currency":"EUR"},"greeting":{"message":"Hello Ada!"}}""");

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, result.Status);
        Assert.Contains("email", result.ReasonForIncompletion, StringComparison.Ordinal);
    }
}
