namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenario of the real server's e2e <c>control/SubWorkflowTimeoutRetryTests</c>: a parent with a
/// 5-second TIME_OUT_WF timeout waits in a sub-workflow; once past it the parent is TIMED_OUT, its
/// SUB_WORKFLOW task CANCELED and the child TERMINATED; retrying the child runs it again.
/// Real server: DeciderService#checkWorkflowTimeout, WorkflowExecutorOps#terminateWorkflow,
/// SubWorkflow#cancel, WorkflowExecutorOps#retry (core/.../execution/).
/// </summary>
public sealed class SubWorkflowTimeoutRetryScenarioTests() : SubWorkflowScenarioBase(useFakeClock: true)
{
    // e2e SubWorkflowTimeoutRetryTests#test
    [Fact]
    public async Task Timed_out_parent_terminates_the_child_which_retries()
    {
        await UpdateWorkflowDefsAsync(
            """
            {"name":"sub_workflow","version":1,"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"restartable":true,"tasks":[
              {"name":"simple_task_in_sub_wf","taskReferenceName":"t1","type":"SIMPLE","decisionCases":{},"defaultCase":[],"forkTasks":[],"joinOn":[],"loopOver":[],"defaultExclusiveJoinTask":[]}]}
            """,
            """
            {"name":"integration_test_wf_with_sub_wf","version":1,"inputParameters":["param1","param2"],"failureWorkflow":"$workflow.input.failureWfName",
             "timeoutPolicy":"TIME_OUT_WF","timeoutSeconds":5,"restartable":true,"tasks":[
              {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"p1":"${workflow.input.param1}","p2":"${workflow.input.param2}","someNullKey":null}},
              {"name":"sub_workflow_task","taskReferenceName":"t2","type":"SUB_WORKFLOW","retryCount":0,
               "inputParameters":{"param1":"${workflow.input.param1}","param2":"${workflow.input.param2}","subwf":"${workflow.input.nextSubwf}"},
               "subWorkflowParam":{"name":"${workflow.input.subwf}","version":1}}]}
            """);

        var parentId = await StartWorkflowAsync("""
            {"name":"integration_test_wf_with_sub_wf","version":1,"correlationId":"wf_with_subwf_test_1","input":{"param1":"p1 value","subwf":"sub_workflow"}}
            """);
        var first = await UntilAsync(parentId, run => Tasks(run).Count == 1, "the first task");
        await UpdateTaskAsync(parentId, (string)TaskAt(first, 0)["taskId"]!);

        var waiting = await UntilAsync(parentId, run => Tasks(run).Count == 2 && StatusAt(run, 1) == "IN_PROGRESS", "the sub-workflow task");
        Assert.Equal("COMPLETED", StatusAt(waiting, 0));
        Assert.Equal("SUB_WORKFLOW", (string?)TaskAt(waiting, 1)["taskType"]);
        var childId = (string)TaskAt(waiting, 1)["subWorkflowId"]!;
        var child = await WorkflowAsync(childId);
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal("sub_workflow", (string?)child["workflowName"]);
        Assert.Equal("wf_with_subwf_test_1", (string?)child["correlationId"]);

        Clock!.Advance(TimeSpan.FromSeconds(7));
        using (var decide = await PutAsync($"workflow/decide/{parentId}", ""))
        {
            Assert.True(decide.IsSuccessStatusCode);
        }

        var parent = await UntilStatusAsync(parentId, "TIMED_OUT");
        Assert.Equal(2, Tasks(parent).Count);
        Assert.Equal("COMPLETED", StatusAt(parent, 0));
        Assert.Equal("CANCELED", StatusAt(parent, 1));
        // No failureWfName in the input: no failure workflow, and nothing said about one.
        Assert.Null(parent["output"]!["conductor.failure_workflow"]);

        child = await UntilStatusAsync(childId, "TERMINATED");
        Assert.Equal("CANCELED", StatusAt(child, 0));

        using (var retry = await PostAsync($"workflow/{childId}/retry?resumeSubworkflowTasks=false", ""))
        {
            Assert.True(retry.IsSuccessStatusCode, await retry.Content.ReadAsStringAsync());
        }

        child = await WorkflowAsync(childId);
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal(2, Tasks(child).Count);
        Assert.Equal("CANCELED", StatusAt(child, 0));
        Assert.Equal("SCHEDULED", StatusAt(child, 1));
        Assert.Equal("t1", (string?)TaskAt(child, 1)["referenceTaskName"]);
    }
}
