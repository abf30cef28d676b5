using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>Running one worker without a host gives the result the host would report.</summary>
public sealed class WorkerExecutionTests
{
    [Fact]
    public async Task Returned_output_is_reported_completed()
    {
        var worker = new WorkerDefinition("sum", (_, _) => ValueTask.FromResult(WorkerResult.Completed("""{"sum":3}"""u8.ToArray())));

        var result = await WorkerExecution.ExecuteAsync(worker, NewContext());

        Assert.Equal(TaskResultStatus.Completed, result.Status);
        Assert.Equal("""{"sum":3}""", Encoding.UTF8.GetString(result.OutputData.Span));
        Assert.Equal("task-1", result.TaskId);
        Assert.Equal("wf-1", result.WorkflowInstanceId);
        Assert.Equal("worker-a", result.WorkerId);
    }

    [Fact]
    public async Task Thrown_exception_is_reported_failed_with_the_stack_trace_after_the_workers_own_lines()
    {
        var worker = new WorkerDefinition("sum", (context, _) =>
        {
            context.Log("starting");
            throw new InvalidOperationException("boom");
        });

        var result = await WorkerExecution.ExecuteAsync(worker, NewContext());

        Assert.Equal(TaskResultStatus.Failed, result.Status);
        Assert.Equal("boom", result.ReasonForIncompletion);
        Assert.Equal("starting", result.Logs![0].Log);
        Assert.StartsWith("System.InvalidOperationException: boom", result.Logs[1].Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_retryable_exception_is_reported_failed_with_terminal_error()
    {
        var worker = new WorkerDefinition("sum", (_, _) => throw new NonRetryableException("bad order"));

        var result = await WorkerExecution.ExecuteAsync(worker, NewContext());

        Assert.Equal(TaskResultStatus.FailedWithTerminalError, result.Status);
        Assert.Equal("bad order", result.ReasonForIncompletion);
    }

    [Fact]
    public async Task Cancellation_after_the_token_was_cancelled_is_reported_as_a_stopped_worker()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var worker = new WorkerDefinition("wait", async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return WorkerResult.CompletedEmpty();
        });

        var result = await WorkerExecution.ExecuteAsync(worker, NewContext(), cancellation.Token);

        Assert.Equal(TaskResultStatus.Failed, result.Status);
        Assert.Equal("worker stopped before finishing", result.ReasonForIncompletion);
    }

    [Fact]
    public async Task Cancellation_the_token_did_not_ask_for_is_an_ordinary_failure()
    {
        var worker = new WorkerDefinition("wait", (_, _) => throw new TaskCanceledException("the HTTP call timed out"));

        var result = await WorkerExecution.ExecuteAsync(worker, NewContext());

        Assert.Equal(TaskResultStatus.Failed, result.Status);
        Assert.Equal("the HTTP call timed out", result.ReasonForIncompletion);
        Assert.Single(result.Logs!);
    }

    private static TaskContext NewContext() => new(
        new ConductorTask { TaskId = "task-1", TaskType = "sum", WorkflowInstanceId = "wf-1", InputData = JsonDocument.Parse("{}").RootElement },
        "worker-a");
}
