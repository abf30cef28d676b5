namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// test-harness integration/TaskLimitsWorkflowSpec: a simple task limited to one hand-out per
/// 10 seconds, and one limited to one execution at a time. Real server: ExecutionService#poll
/// (a task over a limit is postponed by <c>queueTaskMessagePostponeSecs</c>, 60 s),
/// RedisRateLimitingDAO#exceedsRateLimitPerFrequency, RedisExecutionDAO#exceedsLimit. On the fake clock.
/// </summary>
public sealed class TaskLimitsWorkflowSpecTests() : ScenarioTestBase(useFakeClock: true)
{
    // harness TaskLimitsWorkflowSpec "Verify that the rate limiting for simple tasks is honored":
    // the first run's task is handed out and completed; the second run's task is refused within
    // the 10-second window. The harness then resets the queue offset; here the clock moves past the
    // window (still postponed: no reset over HTTP) and then past the 60-second postpone.
    [Fact]
    public async Task Rate_limiting_for_simple_tasks_is_honored()
    {
        await RegisterTaskDefsAsync("""[{"name":"test_simple_task_with_rateLimits","rateLimitFrequencyInSeconds":10,"rateLimitPerFrequency":1}]""");
        await UpdateWorkflowDefAsync(Definition("test_rate_limit_simple_task_workflow", "test_simple_task_with_rateLimits"));

        var first = await StartAndCheckScheduledAsync("test_rate_limit_simple_task_workflow", "test_simple_task_with_rateLimits");
        var polled = await PollNowAsync("test_simple_task_with_rateLimits");
        Assert.NotNull(polled);
        Assert.Equal(first, (string?)polled["workflowInstanceId"]);
        await CompleteAsync(polled);
        var workflow = await UntilStatusAsync(first, "COMPLETED");
        Assert.Equal("COMPLETED", Status(Assert.Single(Tasks(workflow))));

        var second = await StartAndCheckScheduledAsync("test_rate_limit_simple_task_workflow", "test_simple_task_with_rateLimits");
        Assert.Null(await PollNowAsync("test_simple_task_with_rateLimits"));

        Clock!.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await PollNowAsync("test_simple_task_with_rateLimits"));
        Clock.Advance(TimeSpan.FromSeconds(50));
        polled = await PollNowAsync("test_simple_task_with_rateLimits");
        Assert.NotNull(polled);
        Assert.Equal(second, (string?)polled["workflowInstanceId"]);
        await CompleteAsync(polled);
        workflow = await UntilStatusAsync(second, "COMPLETED");
        Assert.Equal("COMPLETED", Status(Assert.Single(Tasks(workflow))));
    }

    // harness TaskLimitsWorkflowSpec "Verify that concurrency limited tasks are honored during
    // workflow execution": with concurrentExecLimit 1, the second run's task is not handed out while
    // the first is IN_PROGRESS; once the first is completed, the next poll hands out the second
    // (the harness resets the offset; here the freed slot makes it due, ExecutionDAO#updateTask).
    [Fact]
    public async Task Concurrency_limited_tasks_are_honored()
    {
        await RegisterTaskDefsAsync("""[{"name":"test_task_with_concurrency_limit","concurrentExecLimit":1}]""");
        await UpdateWorkflowDefAsync(Definition("test_concurrency_limits_workflow", "test_task_with_concurrency_limit"));

        var first = await StartAndCheckScheduledAsync("test_concurrency_limits_workflow", "test_task_with_concurrency_limit");
        var polled = await PollNowAsync("test_task_with_concurrency_limit");
        Assert.NotNull(polled);
        Assert.Equal("test_task_with_concurrency_limit", (string?)polled["taskType"]);
        Assert.Equal(first, (string?)polled["workflowInstanceId"]);

        var second = await StartAndCheckScheduledAsync("test_concurrency_limits_workflow", "test_task_with_concurrency_limit");
        Assert.Null(await PollNowAsync("test_task_with_concurrency_limit"));

        await CompleteAsync(polled);
        var workflow = await UntilStatusAsync(first, "COMPLETED");
        Assert.Equal("COMPLETED", Status(Assert.Single(Tasks(workflow))));

        var next = await PollNowAsync("test_task_with_concurrency_limit");
        Assert.NotNull(next);
        Assert.Equal("test_task_with_concurrency_limit", (string?)next["taskType"]);
        Assert.Equal(second, (string?)next["workflowInstanceId"]);
    }

    private static string Definition(string workflowName, string taskName) => $$$"""
        {"name":"{{{workflowName}}}","version":1,"schemaVersion":2,"ownerEmail":"test@harness.com","timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
          {"name":"{{{taskName}}}","taskReferenceName":"{{{taskName}}}","type":"SIMPLE","inputParameters":{}}]}
        """;

    private async Task<string> StartAndCheckScheduledAsync(string workflowName, string taskName)
    {
        var workflowId = await StartWorkflowAsync($$$"""{"name":"{{{workflowName}}}","version":1,"input":{}}""");
        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        var task = Assert.Single(Tasks(workflow));
        Assert.Equal(taskName, (string?)task["taskType"]);
        Assert.Equal("SCHEDULED", Status(task));
        return workflowId;
    }
}
