using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/ConcurrentExecLimitTests: concurrentExecLimit of a task definition bounds how many
/// tasks of the type are IN_PROGRESS at once. Real server: ExecutionService#poll and
/// WorkflowExecutorOps (QueueDAO, ExecutionDAOFacade#exceedsInProgressLimit: a task over the limit
/// is not handed out and stays queued), and a freed slot lets the next one out.
/// </summary>
public sealed class ConcurrentExecLimitScenarioTests : ScenarioTestBase
{
    // The e2e resources write every field of a workflow task, empty ones included, as the Java
    // client serialises them; the server takes them as unset.
    private const string EmptyFields = """
        "decisionCases":{},"defaultCase":[],"forkTasks":[],"startDelay":0,"joinOn":[],"optional":false,
        "defaultExclusiveJoinTask":[],"asyncComplete":false,"loopOver":[],"onStateChange":{}
        """;

    private static string Branch(string reference, string taskType) =>
        $$"""[{"name":"{{taskType}}","taskReferenceName":"{{reference}}","inputParameters":{},"type":"SIMPLE",{{EmptyFields}}}]""";

    private async Task<string> StartForkAsync(string workflowName, string taskType, string[] references)
    {
        await UpdateWorkflowDefAsync($$"""
            {"name":"{{workflowName}}","version":1,"schemaVersion":2,"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
              {"name":"fork_task","taskReferenceName":"fork_task_ref","inputParameters":{},"type":"FORK_JOIN",
               "forkTasks":[{{string.Join(",", references.Select(reference => Branch(reference, taskType)))}}],
               "decisionCases":{},"defaultCase":[],"startDelay":0,"joinOn":[],"optional":false,"defaultExclusiveJoinTask":[],"asyncComplete":false,"loopOver":[],"onStateChange":{} },
              {"name":"join_task","taskReferenceName":"join_task_ref","inputParameters":{},"type":"JOIN",
               "joinOn":{{JoinOn(references)}},
               "decisionCases":{},"defaultCase":[],"forkTasks":[],"startDelay":0,"optional":false,"defaultExclusiveJoinTask":[],"asyncComplete":false,"loopOver":[],"onStateChange":{} }]}
            """);
        return await StartWorkflowAsync($$"""{"name":"{{workflowName}}","version":1}""");
    }

    /// <summary>TaskClient#updateTaskSync: <c>POST /tasks/{workflowId}/{ref}/COMPLETED/sync</c> with the output.</summary>
    private async Task CompleteByReferenceAsync(string workflowId, JsonNode task)
    {
        using var response = await PostAsync($"tasks/{workflowId}/{task["referenceTaskName"]}/COMPLETED/sync", """{"updatedBy":"e2e"}""");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    // e2e ConcurrentExecLimitTests#testTerminateForDataInconsistency: six forked tasks of a type
    // limited to 2; no batch poll (count 10) hands out more than 2, and completing them lets the
    // rest out until the workflow completes.
    private static string JoinOn(string[] references) => new System.Text.Json.Nodes.JsonArray([.. references.Select(reference => System.Text.Json.Nodes.JsonValue.Create(reference))]).ToJsonString();

    [Fact]
    public async Task No_more_than_the_limit_is_handed_out_at_once()
    {
        await RegisterTaskDefsAsync("""[{"name":"exec_limit","ownerEmail":"test@conductor.io","concurrentExecLimit":2}]""");
        string[] references = ["exec_limit", "exec_limit_1", "exec_limit_2", "exec_limit_3", "exec_limit_4", "exec_limit_5"];
        var workflowId = await StartForkAsync("exec_limit_check", "exec_limit", references);

        var handedOut = new List<string>();
        while (handedOut.Count < references.Length)
        {
            var batch = await BatchPollAsync("exec_limit", "worker", count: 10, timeoutMs: 1000);
            Assert.InRange(batch.Count, 1, 2);
            foreach (var task in batch)
            {
                handedOut.Add((string)task!["referenceTaskName"]!);
                await CompleteByReferenceAsync(workflowId, task);
            }
        }

        Assert.Equal(references.Order(), handedOut.Order());
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        Assert.All(Tasks(workflow).Where(task => (string?)task!["taskType"] == "exec_limit"), task => Assert.Equal("e2e", (string?)task!["outputData"]!["updatedBy"]));
    }

    // e2e ConcurrentExecLimitTests#testPostponedTaskReleasedOnSlotFree (conductor-oss PR 1105): limit 1,
    // two forked tasks. The first poll hands out one; polls while it runs hand out nothing; once it
    // completes, the other is handed out at the next poll (not a postpone duration later).
    [Fact]
    public async Task A_freed_slot_lets_the_waiting_task_out_at_once()
    {
        await RegisterTaskDefsAsync("""[{"name":"concurrency_wakeup","ownerEmail":"test@conductor.io","retryCount":0,"concurrentExecLimit":1}]""");
        var workflowId = await StartForkAsync("concurrency_wakeup_check", "concurrency_wakeup", ["concurrency_wakeup_a", "concurrency_wakeup_b"]);

        var first = await BatchPollAsync("concurrency_wakeup", "worker", count: 10, timeoutMs: 500);
        Assert.Single(first);
        for (var poll = 0; poll < 3; poll++)
        {
            Assert.Empty(await BatchPollAsync("concurrency_wakeup", "worker", count: 10, timeoutMs: 0));
        }

        await CompleteByReferenceAsync(workflowId, first[0]!);
        var second = await BatchPollAsync("concurrency_wakeup", "worker", count: 1, timeoutMs: 0);
        Assert.Single(second);
        Assert.NotEqual((string?)first[0]!["referenceTaskName"], (string?)second[0]!["referenceTaskName"]);

        await CompleteByReferenceAsync(workflowId, second[0]!);
        await UntilStatusAsync(workflowId, "COMPLETED");
    }
}
