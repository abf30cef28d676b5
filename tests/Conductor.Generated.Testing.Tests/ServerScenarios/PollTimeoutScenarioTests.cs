namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/PollTimeoutTests#testPollTimeout (disabled there for its Postgres queue's slow
/// cleanup; the scenario is the server's): an optional task whose embedded definition has
/// pollTimeoutSeconds 1, timeoutPolicy RETRY, retryCount 2 and LINEAR_BACKOFF 1 s. Nobody polls:
/// each attempt poll-times out and is retried, the last ends the optional task and the run goes on;
/// no timed-out attempt is left in the queue. Real server: DeciderService#checkTaskPollTimeout,
/// #timeoutTask, #retry, WorkflowExecutorOps#decide (a timed-out task is removed from its queue).
/// </summary>
public sealed class PollTimeoutScenarioTests() : ScenarioTestBase(useFakeClock: true)
{
    [Fact]
    public async Task Poll_timed_out_attempts_leave_the_queue()
    {
        using (var empty = await Http.GetAsync("tasks/queue/size?taskType=let_it_poll_timeout"))
        {
            Assert.Equal(0, (int)await ReadJsonAsync(empty));
        }

        var workflowId = await StartWorkflowAsync("""
            {"name":"timed_out_task","workflowDef":{"name":"timed_out_task","version":1,"schemaVersion":2,"tasks":[
              {"name":"let_it_poll_timeout","taskReferenceName":"ref_1","type":"SIMPLE","optional":true,
               "taskDefinition":{"name":"let_it_poll_timeout","retryCount":2,"timeoutSeconds":90,"timeoutPolicy":"RETRY","retryLogic":"LINEAR_BACKOFF",
                 "retryDelaySeconds":1,"responseTimeoutSeconds":30,"rateLimitPerFrequency":0,"rateLimitFrequencyInSeconds":1,
                 "pollTimeoutSeconds":1,"backoffScaleFactor":1,"totalTimeoutSeconds":0}}]}}
            """);
        Assert.Equal(1, await QueueSizeAsync());

        // The e2e test runs the decider five times, three seconds apart.
        for (var round = 0; round < 5; round++)
        {
            Clock!.Advance(TimeSpan.FromSeconds(3));
            using var decided = await PutAsync($"workflow/decide/{workflowId}", "");
            Assert.True(decided.IsSuccessStatusCode);
        }

        Assert.Equal(0, await QueueSizeAsync());
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var tasks = Tasks(workflow);
        Assert.Equal(["TIMED_OUT", "TIMED_OUT", "COMPLETED_WITH_ERRORS"], tasks.Select(Status));
        Assert.Equal([0, 1, 2], tasks.Select(task => (int)task!["retryCount"]!));
        Assert.All(tasks, task => Assert.StartsWith("Task poll timed out after", (string?)task!["reasonForIncompletion"], StringComparison.Ordinal));
    }

    private async Task<int> QueueSizeAsync() => (int)await GetJsonAsync("tasks/queue/size?taskType=let_it_poll_timeout");
}
