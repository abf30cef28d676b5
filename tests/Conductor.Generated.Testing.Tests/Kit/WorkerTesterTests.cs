using System.Text.Json.Nodes;
using Conductor.Generated.Client;
using ReportedStatus = Conductor.Generated.Client.TaskResultStatus;

namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>Calling one worker directly, without a server, and getting what the host would report.</summary>
public sealed class WorkerTesterTests
{
    [Fact]
    public async Task Returned_value_is_reported_completed_with_its_output()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Greet, """{"name":"Ada","times":2}""");

        Assert.Equal(TaskExecutionStatus.Completed, result.Status);
        Assert.Equal("Hello Ada! Hello Ada!", (string?)result.Output["message"]);
        Assert.Null(result.ReasonForIncompletion);
        Assert.Empty(result.Logs);
        Assert.Null(result.CallbackAfter);
        Assert.Equal(ReportedStatus.Completed, result.TaskResult.Status);
        Assert.Equal("""{"message":"Hello Ada! Hello Ada!"}""", System.Text.Encoding.UTF8.GetString(result.TaskResult.OutputData.Span));
    }

    [Fact]
    public async Task Input_given_as_a_json_object_is_bound_like_json_text()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Greet, new JsonObject { ["name"] = "Grace" });

        Assert.Equal(TaskExecutionStatus.Completed, result.Status);
        Assert.Equal("Hello Grace!", (string?)result.Output["message"]);
    }

    [Fact]
    public async Task Bad_input_is_reported_failed_with_terminal_error_naming_the_parameter()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Greet, """{"name":"Ada","times":"twice"}""");

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, result.Status);
        Assert.Contains("times", result.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Missing_input_is_reported_failed_with_terminal_error()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Greet);

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, result.Status);
        Assert.Contains("name", result.ReasonForIncompletion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_the_worker_logs_come_with_the_result_in_order()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.LogAndSum, """{"a":2,"b":3}""");

        Assert.Equal(TaskExecutionStatus.Completed, result.Status);
        Assert.Equal(5, (int?)result.Output["sum"]);
        Assert.Equal(["adding 2 and 3", "task test-task-id of workflow test-workflow-id, attempt 0"], result.Logs);
    }

    [Fact]
    public async Task Exception_is_reported_failed_with_its_message_and_a_stack_trace_log_line()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Throw, """{"message":"disk full"}""");

        Assert.Equal(TaskExecutionStatus.Failed, result.Status);
        Assert.Equal("disk full", result.ReasonForIncompletion);
        Assert.Equal(2, result.Logs.Count);
        Assert.Equal("about to fail", result.Logs[0]);
        Assert.StartsWith("System.InvalidOperationException: disk full", result.Logs[1], StringComparison.Ordinal);
        Assert.Contains(nameof(KitWorkers.Throw), result.Logs[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_retryable_exception_is_reported_failed_with_terminal_error_without_stack_trace()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.Reject, """{"message":"card declined"}""");

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, result.Status);
        Assert.Equal("card declined", result.ReasonForIncompletion);
        Assert.Empty(result.Logs);
    }

    [Fact]
    public async Task Retry_count_option_reaches_the_worker_so_a_retry_path_can_be_tested()
    {
        var firstAttempt = await WorkerTester.InvokeAsync(ConductorWorkers.Flaky);
        var retry = await WorkerTester.InvokeAsync(ConductorWorkers.Flaky, options: new WorkerInvocationOptions { RetryCount = 1 });

        Assert.Equal(TaskExecutionStatus.Failed, firstAttempt.Status);
        Assert.Equal("the payment service did not answer", firstAttempt.ReasonForIncompletion);
        Assert.Equal(TaskExecutionStatus.Completed, retry.Status);
        Assert.Equal(1, (int?)retry.Output["attempt"]);
    }

    [Fact]
    public async Task Callback_is_reported_in_progress_with_seconds_rounded_up_and_partial_output()
    {
        var firstPoll = await WorkerTester.InvokeAsync(ConductorWorkers.CallbackOnce);
        var secondPoll = await WorkerTester.InvokeAsync(ConductorWorkers.CallbackOnce, options: new WorkerInvocationOptions { PollCount = 2 });

        Assert.Equal(TaskExecutionStatus.InProgress, firstPoll.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), firstPoll.CallbackAfter);
        Assert.Equal(2, firstPoll.TaskResult.CallbackAfterSeconds);
        Assert.Equal(1, (int?)firstPoll.Output["polls"]);
        Assert.Equal(TaskExecutionStatus.Completed, secondPoll.Status);
        Assert.Null(secondPoll.CallbackAfter);
    }

    [Fact]
    public async Task Default_options_give_fixed_ids_with_the_task_name_as_reference_name()
    {
        var result = await WorkerTester.InvokeAsync(ConductorWorkers.DescribeContext);

        Assert.Equal("test-task-id", (string?)result.Output["taskId"]);
        Assert.Equal("test-workflow-id", (string?)result.Output["workflowInstanceId"]);
        Assert.Equal("kit_context", (string?)result.Output["referenceTaskName"]);
        Assert.Equal(1, (int?)result.Output["pollCount"]);
        Assert.Equal(0, (int?)result.Output["retryCount"]);
        Assert.Equal("worker-tester", (string?)result.Output["workerId"]);
        Assert.Equal("test-workflow-id:kit_context:0", (string?)result.Output["idempotencyKey"]);
        Assert.Equal("test-task-id", result.TaskResult.TaskId);
        Assert.Equal("test-workflow-id", result.TaskResult.WorkflowInstanceId);
        Assert.Equal("worker-tester", result.TaskResult.WorkerId);
    }

    [Fact]
    public async Task Every_option_reaches_the_task_context()
    {
        var scheduledAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var options = new WorkerInvocationOptions
        {
            TaskId = "t-9",
            WorkflowInstanceId = "wf-9",
            ReferenceTaskName = "describe_ref",
            CorrelationId = "order-9",
            RetryCount = 2,
            PollCount = 3,
            Iteration = 4,
            WorkerId = "worker-9",
            ScheduledAt = scheduledAt,
        };

        var result = await WorkerTester.InvokeAsync(ConductorWorkers.DescribeContext, options: options);

        Assert.Equal("t-9", (string?)result.Output["taskId"]);
        Assert.Equal("wf-9", (string?)result.Output["workflowInstanceId"]);
        Assert.Equal("describe_ref", (string?)result.Output["referenceTaskName"]);
        Assert.Equal("order-9", (string?)result.Output["correlationId"]);
        Assert.Equal(2, (int?)result.Output["retryCount"]);
        Assert.Equal(3, (int?)result.Output["pollCount"]);
        Assert.Equal(4, (int?)result.Output["iteration"]);
        Assert.Equal("worker-9", (string?)result.Output["workerId"]);
        Assert.Equal("wf-9:describe_ref:4", (string?)result.Output["idempotencyKey"]);
        Assert.Equal(scheduledAt.ToUnixTimeMilliseconds(), (long?)result.Output["scheduledAtMs"]);
        Assert.Equal("worker-9", result.TaskResult.WorkerId);
    }

    [Fact]
    public async Task Cancelling_the_token_reports_failed_as_when_the_host_stops()
    {
        using var cancellation = new CancellationTokenSource();
        var invocation = WorkerTester.InvokeAsync(ConductorWorkers.WaitForCancellation, cancellationToken: cancellation.Token);
        Assert.False(invocation.IsCompleted);

        await cancellation.CancelAsync();
        var result = await invocation.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TaskExecutionStatus.Failed, result.Status);
        Assert.Equal("worker stopped before finishing", result.ReasonForIncompletion);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"name\":")]
    public async Task Input_that_is_not_a_json_object_is_refused(string inputJson)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => WorkerTester.InvokeAsync(ConductorWorkers.Greet, inputJson));

        Assert.Equal("inputJson", exception.ParamName);
    }

    [Fact]
    public async Task A_context_built_by_the_test_is_used_as_is()
    {
        var task = new ConductorTask
        {
            TaskId = "own-task",
            TaskType = "kit_log_and_sum",
            WorkflowInstanceId = "own-workflow",
            RetryCount = 7,
            InputData = System.Text.Json.JsonDocument.Parse("""{"a":1,"b":1}""").RootElement,
        };

        var result = await WorkerTester.InvokeAsync(ConductorWorkers.LogAndSum, new TaskContext(task, "own-worker"));

        Assert.Equal(TaskExecutionStatus.Completed, result.Status);
        Assert.Equal("task own-task of workflow own-workflow, attempt 7", result.Logs[1]);
        Assert.Equal("own-worker", result.TaskResult.WorkerId);
    }
}
