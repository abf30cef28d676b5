using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenarios of e2e SyncWorkflowExecutionTest (workflow/SyncWorkflowExecutionTest.java), over
/// HTTP: WorkflowClient#executeWorkflow is POST /api/workflow/execute/{name}/{version} with
/// waitUntilTaskRef and waitForSeconds. Real server: WorkflowResource#executeWorkflow,
/// WorkflowSignalResponder#awaitSignalResponse and #findBlockingTasks (the answer comes when the
/// run has ended, a WAIT waits for a task update, or a task named in waitUntilTaskRef has ended;
/// else after waitForSeconds with the run as it is). A fake clock runs the WAIT.
/// </summary>
public sealed class SyncWorkflowExecutionScenarioTests : WorkflowOperationScenarioBase
{
    public SyncWorkflowExecutionScenarioTests()
        : base(useFakeClock: true)
    {
    }

    // e2e SyncWorkflowExecutionTest#testSyncWorkflowExecution2, #testSyncWorkflowExecution7 and
    // #testSyncWorkflowVariableUpdates (one SIMPLE task nobody polls, named in waitUntilTaskRef):
    // the task never ends, so the answer is the RUNNING run after waitForSeconds, signalTimeout set.
    [Fact]
    public async Task Waiting_for_a_task_nobody_polls_answers_the_running_run_after_the_wait()
    {
        await RegisterTaskNamesAsync("simple_task_pia0h");
        await UpdateWorkflowDefAsync("""
            {"name":"sync_workflow_no_poller","version":1,"tasks":[
              {"name":"simple_task_pia0h","taskReferenceName":"simple_task_pia0h_ref","type":"SIMPLE"}]}
            """);

        var run = await ExecuteAsync("sync_workflow_no_poller", "simple_task_pia0h_ref", waitForSeconds: 1);
        Assert.Equal("RUNNING", (string?)run["status"]);
        Assert.True((bool)run["signalTimeout"]!);
        Assert.Equal("SCHEDULED", (string?)Assert.Single(run["tasks"]!.AsArray())!["status"]);
        using var terminated = await Http.DeleteAsync($"workflow/{(string)run["workflowId"]!}?reason=Terminated");
        Assert.True(terminated.IsSuccessStatusCode);
    }

    // e2e SyncWorkflowExecutionTest#testSyncWorkflowExecution3: a run of one SET_VARIABLE task ends
    // at once, and the answer is the ended run (SetVariable#execute).
    [Fact]
    public async Task A_run_of_system_tasks_answers_once_it_has_ended()
    {
        await UpdateWorkflowDefAsync("""
            {"name":"sync_workflow_end_with_set_variable_task","version":1,"tasks":[
              {"name":"set_variable_task_1fi09","taskReferenceName":"set_variable_task_1fi09_ref","type":"SET_VARIABLE","inputParameters":{"name":"Orkes"}}]}
            """);

        var run = await ExecuteAsync("sync_workflow_end_with_set_variable_task", "set_variable_task_1fi09_ref", waitForSeconds: 30);
        Assert.Equal("COMPLETED", (string?)run["status"]);
        Assert.False((bool)run["signalTimeout"]!);
        Assert.Equal("Orkes", (string?)run["variables"]!["name"]);
    }

    // e2e SyncWorkflowExecutionTest#testSyncWorkflowExecution4: the same with a JSON_JQ_TRANSFORM
    // task (JsonJqTransform#start).
    [Fact]
    public async Task A_jq_transform_run_answers_once_it_has_ended()
    {
        await UpdateWorkflowDefAsync("""
            {"name":"sync_workflow_end_with_jq_task","version":1,"tasks":[
              {"name":"json_transform_task_jjowa","taskReferenceName":"json_transform_task_jjowa_ref","type":"JSON_JQ_TRANSFORM","inputParameters":{"persons":[{"name":"a"},{"name":"b"}],"queryExpression":".persons | map(.name)"}}]}
            """);

        var run = await ExecuteAsync("sync_workflow_end_with_jq_task", "json_transform_task_jjowa_ref", waitForSeconds: 30);
        Assert.Equal("COMPLETED", (string?)run["status"]);
        var task = Assert.Single(run["tasks"]!.AsArray())!;
        Assert.Equal(["a", "b"], task["outputData"]!["result"]!.AsArray().Select(name => (string?)name));
    }

    // e2e SyncWorkflowExecutionTest#testSyncWorkflowExecution5: waiting for a SUB_WORKFLOW task
    // whose child waits for a worker; the child is looked into (findBlockingTasks recurses) and
    // nothing there blocks, so the answer is the RUNNING run after waitForSeconds.
    [Fact]
    public async Task Waiting_for_a_sub_workflow_task_answers_the_running_run_after_the_wait()
    {
        await RegisterTaskNamesAsync("simple_task_in8x5");
        await UpdateWorkflowDefAsync("""
            {"name":"http","version":1,"tasks":[
              {"name":"simple_task_in8x5","taskReferenceName":"simple_task_in8x5_ref","type":"SIMPLE"}]}
            """);
        await UpdateWorkflowDefAsync("""
            {"name":"sync_workflow_end_with_subworkflow_task","version":1,"tasks":[
              {"name":"http","taskReferenceName":"http_sync","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"http","version":1}}]}
            """);

        var run = await ExecuteAsync("sync_workflow_end_with_subworkflow_task", "http_sync", waitForSeconds: 1);
        Assert.Equal("RUNNING", (string?)run["status"]);
        Assert.True((bool)run["signalTimeout"]!);
        Assert.Equal("IN_PROGRESS", (string?)Assert.Single(run["tasks"]!.AsArray())!["status"]);
    }

    // e2e SyncWorkflowExecutionTest#testSyncWorkflowWithInlineWaitAndWaitUntilTaskRef: INLINE, a
    // WAIT of 5 seconds, then SIMPLE. A WAIT with a duration is not a blocking task
    // (WorkflowSignalResponder#findBlockingTasks: only a WAIT with waitTimeout 0, which
    // WaitTaskMapper#setCallbackAfter sets for a duration or until), so the answer does not come
    // while it waits: it comes once the SIMPLE task named in waitUntilTaskRef has ended, with all
    // three tasks in it.
    [Fact]
    public async Task A_timed_wait_does_not_answer_the_execution()
    {
        await RegisterTaskNamesAsync("simple");
        await UpdateWorkflowDefAsync("""
            {"name":"sync_workflow_with_inline_wait_and_simple_task","version":1,"tasks":[
              {"name":"inline","taskReferenceName":"inline_ref","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"1 + 1"}},
              {"name":"wait","taskReferenceName":"wait_ref","type":"WAIT","inputParameters":{"duration":"5 seconds"}},
              {"name":"simple","taskReferenceName":"simple_ref","type":"SIMPLE"}]}
            """);

        var execution = ExecuteAsync("sync_workflow_with_inline_wait_and_simple_task", "simple_ref", waitForSeconds: 60);
        var workflowId = await RunningIdAsync("sync_workflow_with_inline_wait_and_simple_task");
        await UntilAsync(workflowId, workflow => Tasks(workflow).Count == 2 && Status(workflow, 1) == "IN_PROGRESS", "the WAIT");
        Clock!.Advance(TimeSpan.FromSeconds(5));
        var task = await PollTaskAsync("simple");
        await CompleteAsync(task, """{"done":true}""");

        var run = await execution;
        Assert.Equal(workflowId, (string?)run["workflowId"]);
        Assert.False((bool)run["signalTimeout"]!);
        var tasks = run["tasks"]!.AsArray();
        Assert.Equal(["inline_ref", "wait_ref", "simple_ref"], tasks.Select(t => (string?)t!["referenceTaskName"]));
        Assert.Equal("COMPLETED", (string?)tasks[1]!["status"]);
        Assert.Equal("COMPLETED", (string?)tasks[2]!["status"]);
    }

    // WorkflowSignalResponder#findBlockingTasks: a WAIT without a duration waits for a task update,
    // so it blocks: the answer comes at once with the WAIT IN_PROGRESS.
    [Fact]
    public async Task A_wait_for_a_task_update_answers_the_execution_at_once()
    {
        await UpdateWorkflowDefAsync("""
            {"name":"sync_untimed_wait","version":1,"tasks":[
              {"name":"wait","taskReferenceName":"wait_ref","type":"WAIT"}]}
            """);

        var run = await ExecuteAsync("sync_untimed_wait", "", waitForSeconds: 60);
        Assert.Equal("RUNNING", (string?)run["status"]);
        Assert.False((bool)run["signalTimeout"]!);
        Assert.Equal("IN_PROGRESS", (string?)Assert.Single(run["tasks"]!.AsArray())!["status"]);
    }

    private async Task<JsonNode> ExecuteAsync(string name, string waitUntilTaskRef, int waitForSeconds)
    {
        var query = $"waitForSeconds={waitForSeconds}" + (waitUntilTaskRef.Length > 0 ? $"&waitUntilTaskRef={waitUntilTaskRef}" : "");
        using var response = await PostAsync($"workflow/execute/{name}/1?{query}", $$"""{"name":"{{name}}","version":1}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private async Task<string> RunningIdAsync(string name)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var ids = (await GetJsonAsync($"workflow/running/{name}?version=1")).AsArray();
            if (ids.Count > 0)
            {
                return (string)ids[0]!;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No run of {name} started");
    }
}
