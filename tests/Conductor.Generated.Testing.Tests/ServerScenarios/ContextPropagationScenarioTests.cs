namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/ContextPropagationTest#testScheduledTasksArePolled: a FORK_JOIN of eight tasks of one
/// type; all eight are SCHEDULED and one batch poll of ten hands out exactly those eight. Real
/// server: ForkJoinTaskMapper#getMappedTasks, ExecutionService#poll (batch), TaskResource#batchPoll.
/// </summary>
public sealed class ContextPropagationScenarioTests : ScenarioTestBase
{
    private static string JoinOn(string[] references) => new System.Text.Json.Nodes.JsonArray([.. references.Select(reference => System.Text.Json.Nodes.JsonValue.Create(reference))]).ToJsonString();

    [Fact]
    public async Task Every_forked_task_scheduled_is_handed_out_by_one_batch_poll()
    {
        var references = Enumerable.Range(0, 8).Select(index => $"concurrency_issue_{index}").ToArray();
        var branches = string.Join(",", references.Select(reference =>
            $$"""[{"name":"concurrency_issue","taskReferenceName":"{{reference}}","inputParameters":{},"type":"SIMPLE"}]"""));
        await UpdateWorkflowDefAsync($$"""
            {"name":"context_concurrency_issue","version":1,"schemaVersion":2,"timeoutPolicy":"ALERT_ONLY","tasks":[
              {"name":"fork","taskReferenceName":"fork_ref","inputParameters":{},"type":"FORK_JOIN","forkTasks":[{{branches}}],
               "startDelay":0,"joinOn":[],"optional":false,"defaultExclusiveJoinTask":[],"asyncComplete":false,"loopOver":[],"onStateChange":{},"permissive":false},
              {"name":"join","taskReferenceName":"join_ref","inputParameters":{},"type":"JOIN",
               "joinOn":{{JoinOn(references)}},"permissive":false}]}
            """);
        var workflowId = await StartWorkflowAsync("""{"name":"context_concurrency_issue","version":1}""");

        var workflow = await WorkflowAsync(workflowId);
        var scheduled = Tasks(workflow)
            .Where(task => (string?)task!["taskDefName"] == "concurrency_issue" && Status(task) == "SCHEDULED")
            .Select(task => (string)task!["taskId"]!)
            .ToList();
        Assert.Equal(8, scheduled.Count);

        var polled = await BatchPollAsync("concurrency_issue", "test", count: 10, timeoutMs: 0);
        Assert.Equal(8, polled.Count);
        Assert.Equal(scheduled.Order(), polled.Select(task => (string)task!["taskId"]!).Order());

        using var terminated = await Http.DeleteAsync($"workflow/{workflowId}?reason=cleanup");
        Assert.True(terminated.IsSuccessStatusCode);
    }
}
