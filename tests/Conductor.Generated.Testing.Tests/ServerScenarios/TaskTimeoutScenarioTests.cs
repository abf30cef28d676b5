namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/TaskTimeoutTests: pollTimeoutSeconds, responseTimeoutSeconds and timeoutSeconds of a
/// task definition with TIME_OUT_WF and no retries. Real server: DeciderService#checkTaskPollTimeout,
/// #isResponseTimedOut, #checkTaskTimeout, #timeoutTask, #retry. On the fake clock.
/// </summary>
public sealed class TaskTimeoutScenarioTests() : ScenarioTestBase(useFakeClock: true)
{
    private async Task<string> StartTimedWorkflowAsync(string taskType, string timeoutsJson)
    {
        await RegisterTaskDefsAsync($$"""[{"name":"{{taskType}}","ownerEmail":"test@conductor.io","retryCount":0,"timeoutPolicy":"TIME_OUT_WF",{{timeoutsJson}}}]""");
        await UpdateWorkflowDefAsync($$"""{"name":"{{taskType}}_wf","version":1,"tasks":[{"name":"{{taskType}}","taskReferenceName":"{{taskType}}_ref"}]}""");
        return await StartWorkflowAsync($$"""{"name":"{{taskType}}_wf"}""");
    }

    // e2e TaskTimeoutTests#testTaskPollTimeout: nobody polls; after pollTimeoutSeconds (25) the task
    // and the workflow are TIMED_OUT (DeciderService#checkTaskPollTimeout).
    [Fact]
    public async Task A_task_nobody_polls_times_the_workflow_out_after_the_poll_timeout()
    {
        var workflowId = await StartTimedWorkflowAsync("task_timeout_test", "\"pollTimeoutSeconds\":25,\"timeoutSeconds\":100,\"responseTimeoutSeconds\":40");

        Clock!.Advance(TimeSpan.FromSeconds(24));
        Assert.Equal("RUNNING", Status(await WorkflowAsync(workflowId)));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        var task = Tasks(workflow)[0]!;
        Assert.Equal("TIMED_OUT", Status(task));
        Assert.Equal("Task poll timed out after 25 seconds. Poll timeout configured as 25 seconds. Timeout policy configured to TIME_OUT_WF", (string?)task["reasonForIncompletion"]);
    }

    // e2e TaskTimeoutTests#testTaskResponseTimeout: polled, never updated; after responseTimeoutSeconds
    // (5) the task and the workflow are TIMED_OUT (DeciderService#isResponseTimedOut, #timeoutTask).
    [Fact]
    public async Task A_polled_task_without_news_times_out_after_the_response_timeout()
    {
        var workflowId = await StartTimedWorkflowAsync("task_response_timeout_test", "\"pollTimeoutSeconds\":6,\"timeoutSeconds\":120,\"responseTimeoutSeconds\":5");
        var polled = await PollNowAsync("task_response_timeout_test", "test-worker");
        Assert.Equal(workflowId, (string?)polled!["workflowInstanceId"]);

        Clock!.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("RUNNING", Status(await WorkflowAsync(workflowId)));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        Assert.Equal($"responseTimeout: 5 exceeded for the taskId: {polled["taskId"]} with Task Definition: task_response_timeout_test", (string?)Tasks(workflow)[0]!["reasonForIncompletion"]);
    }

    // e2e TaskTimeoutTests#testTaskOverallTimeout asserts only TIMED_OUT within 40 s. With timeoutSeconds
    // 25 and responseTimeoutSeconds 5, the decider's response timeout comes first: at 5 s the task is
    // TIMED_OUT for its response timeout (DeciderService#decide checks both; #isResponseTimedOut fires first).
    [Fact]
    public async Task With_a_shorter_response_timeout_that_one_times_the_task_out_first()
    {
        var workflowId = await StartTimedWorkflowAsync("task_overall_timeout_test", "\"pollTimeoutSeconds\":10,\"timeoutSeconds\":25,\"responseTimeoutSeconds\":5");
        var polled = await PollNowAsync("task_overall_timeout_test", "test-worker");
        Assert.NotNull(polled);

        Clock!.Advance(TimeSpan.FromSeconds(5));
        var workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        Assert.StartsWith("responseTimeout: 5 exceeded", (string?)Tasks(workflow)[0]!["reasonForIncompletion"], StringComparison.Ordinal);
    }

    // The same without the response timeout in the way (responseTimeoutSeconds = timeoutSeconds):
    // timeoutSeconds from the poll times the task out (DeciderService#checkTaskTimeout).
    [Fact]
    public async Task A_polled_task_running_past_its_timeout_times_the_workflow_out()
    {
        var workflowId = await StartTimedWorkflowAsync("task_overall_only", "\"pollTimeoutSeconds\":10,\"timeoutSeconds\":25,\"responseTimeoutSeconds\":25");
        Assert.NotNull(await PollNowAsync("task_overall_only", "test-worker"));

        Clock!.Advance(TimeSpan.FromSeconds(24));
        Assert.Equal("RUNNING", Status(await WorkflowAsync(workflowId)));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        Assert.StartsWith("Task timed out after 25 seconds. Timeout configured as 25 seconds.", (string?)Tasks(workflow)[0]!["reasonForIncompletion"], StringComparison.Ordinal);
    }
}
