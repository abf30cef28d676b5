using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// WorkflowExecutorOps#retry (core/src/main/java/com/netflix/conductor/core/execution/): a CANCELED
// JOIN or DO_WHILE is not given a new attempt; the same task goes back IN_PROGRESS and waits again
// for the tasks the retry schedules anew. ForkJoinSpec's retry follows the JOIN case; this is the
// DO_WHILE case: a loop in one fork branch, canceled when the other branch fails the run.
public sealed class RetryReopensLoopTests : WorkflowOperationScenarioBase
{
    private const string DefinitionJson = """
        {"name":"retry_reopens_loop","version":1,"schemaVersion":2,"tasks":[
          {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
            [{"name":"loop","taskReferenceName":"loop","type":"DO_WHILE","loopCondition":"$.loop['iteration'] < 2",
              "loopOver":[{"name":"reopen_loop_task","taskReferenceName":"body","type":"SIMPLE"}]}],
            [{"name":"reopen_fail_task","taskReferenceName":"fails","type":"SIMPLE"}]]},
          {"name":"join","taskReferenceName":"join","type":"JOIN","joinOn":["loop","fails"]}]}
        """;

    [Fact]
    public async Task A_retry_sets_a_canceled_loop_back_in_progress_in_place_and_the_loop_goes_on()
    {
        await RegisterTaskNamesAsync("reopen_loop_task", "reopen_fail_task");
        await UpdateWorkflowDefAsync(DefinitionJson);
        var workflowId = await StartAsync("retry_reopens_loop", "{}");

        // The first iteration's task is handed out and left running; the other branch fails the run.
        await PollTaskAsync("reopen_loop_task");
        await FailAsync(await PollTaskAsync("reopen_fail_task"));
        var failed = await UntilStatusAsync(workflowId, "FAILED");
        var loop = Assert.Single(Tasks(failed), task => (string?)task["taskType"] == "DO_WHILE");
        Assert.Equal("CANCELED", Status(loop));
        var loopTaskId = (string)loop["taskId"]!;

        await OperateAsync($"workflow/{workflowId}/retry");

        // The same DO_WHILE task, IN_PROGRESS again: no copy of it.
        var retried = await WorkflowAsync(workflowId);
        Assert.Equal("RUNNING", Status(retried));
        var reopened = Assert.Single(Tasks(retried), task => (string?)task["taskType"] == "DO_WHILE");
        Assert.Equal(loopTaskId, (string)reopened["taskId"]!);
        Assert.Equal("IN_PROGRESS", Status(reopened));
        Assert.Single(Tasks(retried), task => (string?)task["taskType"] == "JOIN");

        // The canceled body task and the failed one run again; the loop then runs its second iteration.
        await CompleteAsync(await PollTaskAsync("reopen_loop_task"));
        await CompleteAsync(await PollTaskAsync("reopen_fail_task"));
        await CompleteAsync(await PollTaskAsync("reopen_loop_task"));
        var completed = await UntilStatusAsync(workflowId, "COMPLETED");
        var finished = Assert.Single(Tasks(completed), task => (string?)task["taskType"] == "DO_WHILE");
        Assert.Equal("COMPLETED", Status(finished));
        Assert.Equal(2, (int)finished["iteration"]!);
    }
}
