using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The real server's integration spec test-harness/.../test/integration/NestedForkJoinSubWorkflowSpec.groovy,
// over HTTP. The definitions are the ones the spec loads (nested_fork_join_swf.json,
// simple_workflow_1_integration_test.json), written here in the same shape. The spec's setup
// brings three levels to FAILED: integration_task_2 without retries fails in the sub-workflow,
// which fails the SUB_WORKFLOW (its step says retryCount 0) and the parent, both JOINs CANCELED.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   WorkflowExecutorOps#retry (a CANCELED JOIN back IN_PROGRESS in place, the failed SUB_WORKFLOW
//   rescheduled as a new task with retriedTaskId), SubWorkflow#start (a new child), Join#execute.
public sealed class NestedForkJoinSubWorkflowSpecTests : ScenarioTestBase
{
    private const string Params = """
        "inputParameters":{"param1":"${workflow.input.param1}","param2":"${workflow.input.param2}","subwf":"${workflow.input.nextSubwf}"}
        """;

    private const string NestedForkJoinJson = $$$"""
        {"name":"nested_fork_join_swf","version":1,"schemaVersion":2,"inputParameters":["param1","param2","subwf"],"timeoutPolicy":"ALERT_ONLY","tasks":[
          {"name":"outer_fork","taskReferenceName":"outer_fork","type":"FORK_JOIN",{{{Params}}},"forkTasks":[
            [{"name":"inner_fork","taskReferenceName":"inner_fork","type":"FORK_JOIN",{{{Params}}},"forkTasks":[
               [{"name":"sub_workflow_task","taskReferenceName":"st1","type":"SUB_WORKFLOW",{{{Params}}},"subWorkflowParam":{"name":"${workflow.input.subwf}","version":1},"retryCount":0}],
               [{"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"},"retryCount":0}]]},
             {"name":"inner_join","taskReferenceName":"inner_join","type":"JOIN","joinOn":["st1","t2"]}],
            [{"name":"integration_task_2","taskReferenceName":"t3","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}"}}]]},
          {"name":"join","taskReferenceName":"outer_join","type":"JOIN","joinOn":["inner_join","t3"]}]}
        """;

    private const string SimpleWorkflowJson = """
        {"name":"integration_test_wf","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
         "failureWorkflow":"$workflow.input.failureWfName",
         "outputParameters":{"o1":"${workflow.input.param1}","o2":"${t2.output.uuid}","o3":"${t1.output.op}"},"tasks":[
          {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}","p3":"${CPEWF_TASK_ID}"}},
          {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp1":"${workflow.input.param1}","tp2":"${t1.output.op}","tp3":"${CPEWF_TASK_ID}"}}]}
        """;

    /// <summary>
    /// The spec's setup: definitions, integration_task_2 without retries, and the three levels
    /// brought to FAILED step by step as the spec asserts them; the parent's and the child's ids.
    /// </summary>
    private async Task<(string ParentId, string ChildId)> FailedThreeLevelsAsync()
    {
        await RegisterIntegrationTaskDefsAsync();
        await RegisterTaskDefsAsync("""[{"name":"sub_workflow_task","ownerEmail":"test@harness.com","retryCount":1,"responseTimeoutSeconds":5,"retryDelaySeconds":0}]""");
        using (var response = await PutAsync("metadata/taskdefs", """{"name":"integration_task_2","description":"integration_task_2","ownerEmail":"test@harness.com","retryCount":0,"timeoutSeconds":120,"responseTimeoutSeconds":120}"""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await UpdateWorkflowDefAsync(NestedForkJoinJson);
        await UpdateWorkflowDefAsync(SimpleWorkflowJson);

        var parentId = await StartWorkflowAsync("""{"name":"nested_fork_join_swf","version":1,"correlationId":"retry_on_root_in_3level_wf","input":{"param1":"p1 value","param2":"p2 value","subwf":"integration_test_wf"}}""");
        var parent = await UntilAsync(parentId, run => Tasks(run).Count == 7 && Status(ByRef(run, "st1")) == "IN_PROGRESS", "the forks' seven tasks, the sub-workflow started");
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("FORK", "COMPLETED"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS"), ("integration_task_2", "SCHEDULED"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(parent));

        await PollAndCompleteAsync("integration_task_2", """{"op":"task1.done"}""");
        await PollAndCompleteAsync("integration_task_2", """{"op":"task1.done"}""");
        parent = await UntilAsync(parentId, run => Status(ByRef(run, "t2")) == "COMPLETED" && Status(ByRef(run, "t3")) == "COMPLETED", "t2 and t3 completed");
        Assert.Equal(
            [("FORK", "COMPLETED"), ("FORK", "COMPLETED"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("integration_task_2", "COMPLETED"), ("JOIN", "IN_PROGRESS"), ("integration_task_2", "COMPLETED"), ("JOIN", "IN_PROGRESS")],
            TypesAndStatuses(parent));

        var childId = (string)Tasks(parent)[2]["subWorkflowId"]!;
        var child = await UntilAsync(childId, run => Tasks(run).Count == 1, "the child's first task");
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal([("integration_task_1", "SCHEDULED")], TypesAndStatuses(child));

        await PollAndCompleteAsync("integration_task_1", """{"op":"task1.done"}""");
        await PollAndFailAsync("integration_task_2", "task2 failed");
        child = await EndedAsync(childId);
        Assert.Equal("FAILED", (string?)child["status"]);
        Assert.Equal([("integration_task_1", "COMPLETED"), ("integration_task_2", "FAILED")], TypesAndStatuses(child));

        parent = await EndedAsync(parentId);
        Assert.Equal("FAILED", (string?)parent["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("FORK", "COMPLETED"), ("SUB_WORKFLOW", "FAILED"), ("integration_task_2", "COMPLETED"), ("JOIN", "CANCELED"), ("integration_task_2", "COMPLETED"), ("JOIN", "CANCELED")],
            TypesAndStatuses(parent));
        return (parentId, childId);
    }

    // harness NestedForkJoinSubWorkflowSpec "test retry on the parent workflow in a nested fork join workflow":
    // the retry reopens both JOINs in place and adds one new SUB_WORKFLOW (retriedTaskId the
    // failed one) whose new child runs; when it completes, so do the JOINs and the parent.
    [Fact]
    public async Task Retrying_the_parent_starts_a_new_child_and_reopens_the_joins()
    {
        var (parentId, childId) = await FailedThreeLevelsAsync();

        using (var response = await PostAsync($"workflow/{parentId}/retry?resumeSubworkflowTasks=false", ""))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var parent = await UntilAsync(parentId, run => Tasks(run).Count == 8 && Status(Tasks(run)[7]) == "IN_PROGRESS", "the retried SUB_WORKFLOW started");
        Assert.Equal("RUNNING", (string?)parent["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("FORK", "COMPLETED"), ("SUB_WORKFLOW", "FAILED"), ("integration_task_2", "COMPLETED"), ("JOIN", "IN_PROGRESS"),
             ("integration_task_2", "COMPLETED"), ("JOIN", "IN_PROGRESS"), ("SUB_WORKFLOW", "IN_PROGRESS")],
            TypesAndStatuses(parent));
        Assert.True((bool?)Tasks(parent)[2]["retried"]);
        Assert.Equal((string?)Tasks(parent)[2]["taskId"], (string?)Tasks(parent)[7]["retriedTaskId"]);

        var newChildId = (string)Tasks(parent)[7]["subWorkflowId"]!;
        Assert.NotEqual(childId, newChildId);
        var child = await UntilAsync(newChildId, run => Tasks(run).Count == 1, "the new child's first task");
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal([("integration_task_1", "SCHEDULED")], TypesAndStatuses(child));

        await PollAndCompleteAsync("integration_task_1", """{"op":"task1.done"}""");
        await PollAndCompleteAsync("integration_task_2", """{"op":"task2.done"}""");
        child = await EndedAsync(newChildId);
        Assert.Equal("COMPLETED", (string?)child["status"]);
        Assert.Equal([("integration_task_1", "COMPLETED"), ("integration_task_2", "COMPLETED")], TypesAndStatuses(child));

        parent = await EndedAsync(parentId);
        Assert.Equal("COMPLETED", (string?)parent["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("FORK", "COMPLETED"), ("SUB_WORKFLOW", "FAILED"), ("integration_task_2", "COMPLETED"), ("JOIN", "COMPLETED"),
             ("integration_task_2", "COMPLETED"), ("JOIN", "COMPLETED"), ("SUB_WORKFLOW", "COMPLETED")],
            TypesAndStatuses(parent));
        Assert.Equal((string?)Tasks(parent)[2]["taskId"], (string?)Tasks(parent)[7]["retriedTaskId"]);
    }
}
