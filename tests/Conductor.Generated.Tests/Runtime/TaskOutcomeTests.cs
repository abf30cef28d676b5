using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;
using Conductor.Generated.Polling;

namespace Conductor.Generated.Tests.Runtime;

public sealed class TaskOutcomeTests
{
    [Fact]
    public void Returned_output_completes_the_task_with_that_output()
    {
        var context = NewContext();

        var result = TaskOutcome.FromReturn(context, WorkerResult.Completed("""{"sum":3}"""u8.ToArray()));

        Assert.Equal(TaskResultStatus.Completed, result.Status);
        Assert.Equal("""{"sum":3}""", Encoding.UTF8.GetString(result.OutputData.Span));
        Assert.Equal("task-1", result.TaskId);
        Assert.Equal("wf-1", result.WorkflowInstanceId);
        Assert.Equal("worker-a", result.WorkerId);
        Assert.Null(result.ReasonForIncompletion);
        Assert.Null(result.Logs);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1000, 1)]
    [InlineData(1001, 2)]
    [InlineData(59_500, 60)]
    public void Requested_callback_reports_in_progress_with_seconds_rounded_up_and_partial_output(int delayMs, long expectedSeconds)
    {
        var context = NewContext();
        context.CallbackAfter(TimeSpan.FromMilliseconds(delayMs));

        var result = TaskOutcome.FromReturn(context, WorkerResult.Completed("""{"progress":0.5}"""u8.ToArray()));

        Assert.Equal(TaskResultStatus.InProgress, result.Status);
        Assert.Equal(expectedSeconds, result.CallbackAfterSeconds);
        Assert.Equal("""{"progress":0.5}""", Encoding.UTF8.GetString(result.OutputData.Span));
    }

    [Fact]
    public void Binding_failure_fails_the_task_for_good_with_the_reason_even_when_a_callback_was_asked()
    {
        var context = NewContext();
        context.CallbackAfter(TimeSpan.FromSeconds(5));

        var result = TaskOutcome.FromReturn(context, WorkerResult.InvalidInput("parameter 'count' (key 'count'): expected a number, got a string"));

        Assert.Equal(TaskResultStatus.FailedWithTerminalError, result.Status);
        Assert.Equal("parameter 'count' (key 'count'): expected a number, got a string", result.ReasonForIncompletion);
        Assert.Equal(0, result.CallbackAfterSeconds);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("{\"open\":")]
    [InlineData("{} {}")]
    public void Output_that_is_not_one_json_object_fails_the_task(string output)
    {
        var result = TaskOutcome.FromReturn(NewContext(), WorkerResult.Completed(Encoding.UTF8.GetBytes(output)));

        Assert.Equal(TaskResultStatus.Failed, result.Status);
        Assert.Equal(TaskOutcome.OutputNotObjectReason, result.ReasonForIncompletion);
    }

    [Fact]
    public void Empty_result_completes_with_an_empty_object()
    {
        var result = TaskOutcome.FromReturn(NewContext(), WorkerResult.CompletedEmpty());

        Assert.Equal(TaskResultStatus.Completed, result.Status);
        Assert.Equal("{}", Encoding.UTF8.GetString(result.OutputData.Span));
    }

    [Fact]
    public void Non_retryable_exception_fails_the_task_for_good_with_its_message()
    {
        var result = TaskOutcome.FromException(NewContext(), new NonRetryableException("card declined"));

        Assert.Equal(TaskResultStatus.FailedWithTerminalError, result.Status);
        Assert.Equal("card declined", result.ReasonForIncompletion);
    }

    [Fact]
    public void Other_exception_fails_the_task_with_its_message_and_the_stack_trace_as_a_log_line()
    {
        var exception = Throw(() => throw new InvalidOperationException("database unavailable"));

        var result = TaskOutcome.FromException(NewContext(), exception);

        Assert.Equal(TaskResultStatus.Failed, result.Status);
        Assert.Equal("database unavailable", result.ReasonForIncompletion);
        var log = Assert.Single(result.Logs!);
        Assert.Contains("System.InvalidOperationException: database unavailable", log.Log, StringComparison.Ordinal);
        Assert.Contains(nameof(Throw), log.Log, StringComparison.Ordinal);
        Assert.Equal("task-1", log.TaskId);
    }

    [Fact]
    public void Exception_with_a_long_message_is_cut_to_500_characters()
    {
        var result = TaskOutcome.FromException(NewContext(), new InvalidOperationException(new string('x', 2000)));

        Assert.Equal(500, result.ReasonForIncompletion!.Length);
    }

    [Fact]
    public void Worker_log_lines_are_sent_with_every_outcome()
    {
        var context = NewContext();
        context.Log("step one");
        context.Log("step two");

        var completed = TaskOutcome.FromReturn(context, WorkerResult.CompletedEmpty());
        var failed = TaskOutcome.FromException(context, new InvalidOperationException("boom"));
        var stopped = TaskOutcome.FromShutdown(context);

        Assert.Equal(["step one", "step two"], completed.Logs!.Select(line => line.Log));
        Assert.Equal(["step one", "step two"], failed.Logs!.Take(2).Select(line => line.Log));
        Assert.Equal(3, failed.Logs!.Count);
        Assert.Equal(["step one", "step two"], stopped.Logs!.Select(line => line.Log));
        Assert.All(completed.Logs!, line => Assert.Equal("task-1", line.TaskId));
        Assert.All(completed.Logs!, line => Assert.InRange(line.CreatedTime, 1_600_000_000_000, long.MaxValue));
    }

    [Fact]
    public void Shutdown_fails_the_task_so_the_server_retries_it()
    {
        var result = TaskOutcome.FromShutdown(NewContext());

        Assert.Equal(TaskResultStatus.Failed, result.Status);
        Assert.Equal("worker stopped before finishing", result.ReasonForIncompletion);
    }

    [Fact]
    public void Reason_is_cut_to_500_characters_without_splitting_a_surrogate_pair()
    {
        var reason = new string('a', 499) + "😀" + "tail";

        var result = new TaskResult { ReasonForIncompletion = reason };

        Assert.Equal(new string('a', 499), result.ReasonForIncompletion);
        Assert.Equal("short", new TaskResult { ReasonForIncompletion = "short" }.ReasonForIncompletion);
        Assert.Equal(500, new TaskResult { ReasonForIncompletion = new string('b', 501) }.ReasonForIncompletion!.Length);
    }

    private static TaskContext NewContext()
    {
        var task = new ConductorTask
        {
            TaskId = "task-1",
            TaskType = "sum",
            WorkflowInstanceId = "wf-1",
            InputData = JsonDocument.Parse("""{"a":1,"b":2}""").RootElement,
        };
        return new TaskContext(task, "worker-a");
    }

    private static Exception Throw(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new InvalidOperationException("Expected an exception.");
    }
}
