using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The real server's integration spec test-harness/.../test/integration/LambdaAndTerminateTaskSpec.groovy,
// over HTTP. The definitions are the ones the spec loads (terminate_task_*.json,
// simple_lambda_workflow_integration_test.json, decision_and_terminate_integration_test.json,
// failure_workflow_for_terminate_task_workflow.json), written here in the same shape.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   tasks/Lambda#execute, tasks/Terminate#execute and #getInputFromParam,
//   DeciderService#decide (a COMPLETED TERMINATE ends the decision) and #updateWorkflowOutput,
//   WorkflowExecutorOps#endExecution (the reason, the status, the failure workflow),
//   WorkflowExecutorOps#terminateWorkflow (pending tasks CANCELED, a running child terminated).
public sealed class LambdaAndTerminateTaskSpecTests : ScenarioTestBase
{
    private const string LambdaStep = """
        {"name":"lambda","taskReferenceName":"lambda0","type":"LAMBDA","inputParameters":{"input":"${workflow.input}",
         "scriptExpression":"if ($.input.a==1){return {testvalue: true}} else{return {testvalue: false}}"}}
        """;

    private const string FailureWorkflowJson = $$$"""
        {"name":"failure_workflow","version":1,"schemaVersion":2,"tasks":[{{{LambdaStep}}}]}
        """;

    private const string TerminateCompletedJson = $$$"""
        {"name":"test_terminate_task_wf","version":1,"schemaVersion":2,"failureWorkflow":"failure_workflow",
         "outputParameters":{"o1":"${lambda0.output}","o2":"${t2.output}"},
         "tasks":[{{{LambdaStep}}},
          {"name":"terminate","taskReferenceName":"terminate0","type":"TERMINATE","inputParameters":{"terminationStatus":"COMPLETED","workflowOutput":"${lambda0.output}"}},
          {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE"}]}
        """;

    private const string TerminateFailedJson = $$$"""
        {"name":"test_terminate_task_failed_wf","version":1,"schemaVersion":2,"failureWorkflow":"failure_workflow",
         "tasks":[{{{LambdaStep}}},
          {"name":"terminate","taskReferenceName":"terminate0","type":"TERMINATE","inputParameters":{"terminationStatus":"FAILED","terminationReason":"Early exit in terminate","workflowOutput":"${lambda0.output}"}},
          {"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE"}]}
        """;

    private const string LambdaWorkflowJson = $$$"""
        {"name":"test_lambda_wf","version":1,"schemaVersion":2,"tasks":[{{{LambdaStep}}}]}
        """;

    private const string ForkLambda = """
        "type":"LAMBDA","inputParameters":{"lambdaValue":"${workflow.input.lambdaValue}",
         "scriptExpression":"var i = 10; if ($.lambdaValue == 1){ return {testvalue: 'Lambda value was 1', iValue: i} } else { return {testvalue: 'Lambda value was NOT 1', iValue: i + 3} }"}
        """;

    private const string ParentWorkflowJson = $$$"""
        {"name":"test_terminate_task_parent_wf","version":1,"schemaVersion":2,"tasks":[
          {"name":"test_forkjoin","taskReferenceName":"forkx","type":"FORK_JOIN","forkTasks":[
            [{"name":"test_lambda_task1","taskReferenceName":"lambdaTask1",{{{ForkLambda}}}},
             {"name":"test_terminate_subworkflow","taskReferenceName":"test_terminate_subworkflow","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"test_terminate_task_sub_wf"}}],
            [{"name":"test_lambda_task2","taskReferenceName":"lambdaTask2",{{{ForkLambda}}}},
             {"name":"test_wait_task","taskReferenceName":"basicJavaA","type":"WAIT"},
             {"name":"terminate","taskReferenceName":"terminate0","type":"TERMINATE","inputParameters":{"terminationStatus":"COMPLETED","workflowOutput":"some output"}},
             {"name":"test_second_wait_task","taskReferenceName":"basicJavaB","type":"WAIT"}]]},
          {"name":"join","taskReferenceName":"thejoin","type":"JOIN","joinOn":["test_terminate_subworkflow","basicJavaB"]}]}
        """;

    private const string SubWorkflowJson = """
        {"name":"test_terminate_task_sub_wf","version":1,"schemaVersion":2,"tasks":[{"name":"integration_task_3","taskReferenceName":"t3","type":"SIMPLE"}]}
        """;

    private const string DecisionAndTerminateJson = """
        {"name":"ConditionalTerminateWorkflow","version":1,"schemaVersion":2,"inputParameters":["param1","param2"],"outputParameters":{"o2":"${t3.output.op}"},"tasks":[
          {"name":"integration_task_1","taskReferenceName":"t1","type":"SIMPLE","inputParameters":{"tp11":"${workflow.input.param1}","tp12":"${workflow.input.param2}"}},
          {"name":"decision","taskReferenceName":"decision","type":"DECISION","caseValueParam":"case","inputParameters":{"case":"${workflow.input.case}"},
           "decisionCases":{
             "one":[{"name":"integration_task_2","taskReferenceName":"t2","type":"SIMPLE","inputParameters":{"tp21":"${workflow.input.param1}"}}],
             "two":[{"name":"terminate","taskReferenceName":"terminate0","type":"TERMINATE","inputParameters":{"terminationStatus":"FAILED","workflowOutput":"${t1.output.op}"}}]}},
          {"name":"integration_task_3","taskReferenceName":"t3","type":"SIMPLE","inputParameters":{"tp31":"${workflow.input.param2}"}}]}
        """;

    /// <summary>The spec's setup: the task definitions and the workflows it loads.</summary>
    private async Task SetUpAsync()
    {
        await RegisterIntegrationTaskDefsAsync();
        foreach (var definition in new[] { FailureWorkflowJson, TerminateCompletedJson, TerminateFailedJson, LambdaWorkflowJson, SubWorkflowJson, ParentWorkflowJson, DecisionAndTerminateJson })
        {
            await UpdateWorkflowDefAsync(definition);
        }
    }

    // harness LambdaAndTerminateTaskSpec "Test workflow with a terminate task when the status is completed":
    // the TERMINATE after the LAMBDA ends the run COMPLETED at once, the SIMPLE after it never
    // scheduled; the run's output is the TERMINATE's workflowOutput, not the outputParameters
    // (DeciderService#updateWorkflowOutput, WorkflowExecutorOps#endExecution).
    [Fact]
    public async Task A_terminate_with_completed_ends_the_run_with_its_output()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("test_terminate_task_wf", """{"a":1}""");

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Contains("Workflow is COMPLETED by TERMINATE task", (string?)workflow["reasonForIncompletion"], StringComparison.Ordinal);
        Assert.Equal([("LAMBDA", "COMPLETED"), ("TERMINATE", "COMPLETED")], TypesAndStatuses(workflow));
        Assert.Equal([1, 2], Tasks(workflow).Select(task => (int)task["seq"]!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"result":{"testvalue":true}}"""), workflow["output"]), workflow["output"]?.ToJsonString());
    }

    // harness LambdaAndTerminateTaskSpec "Test workflow with a terminate task when the status is failed":
    // the run FAILS with the terminationReason, and the failure workflow runs (its one LAMBDA)
    // with the failed run's id as input (WorkflowExecutorOps#endExecution, #handleWorkflowFailure).
    [Fact]
    public async Task A_terminate_with_failed_fails_the_run_and_starts_the_failure_workflow()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("test_terminate_task_failed_wf", """{"a":1}""");

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("FAILED", (string?)workflow["status"]);
        Assert.Equal("Early exit in terminate", (string?)workflow["reasonForIncompletion"]);
        Assert.Equal([("LAMBDA", "COMPLETED"), ("TERMINATE", "COMPLETED")], TypesAndStatuses(workflow));
        Assert.Equal([1, 2], Tasks(workflow).Select(task => (int)task["seq"]!));

        var failureWorkflowId = (string?)workflow["output"]!["conductor.failure_workflow"];
        Assert.False(string.IsNullOrEmpty(failureWorkflowId));
        var failureWorkflow = await EndedAsync(failureWorkflowId!);
        Assert.Equal("COMPLETED", (string?)failureWorkflow["status"]);
        Assert.Equal(workflowId, (string?)failureWorkflow["input"]!["workflowId"]);
        Assert.Equal([("LAMBDA", "COMPLETED")], TypesAndStatuses(failureWorkflow));
    }

    // harness LambdaAndTerminateTaskSpec "Test workflow with a terminate task when the workflow has a subworkflow":
    // a fork whose one branch runs a sub-workflow and the other a WAIT then a TERMINATE; when the
    // WAIT completes the TERMINATE ends the parent COMPLETED, cancels the JOIN and the
    // SUB_WORKFLOW, and terminates the child with the parent's reason
    // (WorkflowExecutorOps#terminateWorkflow, SubWorkflow#cancel).
    [Fact]
    public async Task A_terminate_in_a_fork_cancels_the_sibling_sub_workflow()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("test_terminate_task_parent_wf", """{"a":1}""");

        var workflow = await UntilAsync(
            workflowId,
            run => Tasks(run).Count == 6 && Status(ByRef(run, "test_terminate_subworkflow")) == "IN_PROGRESS" && Status(ByRef(run, "basicJavaA")) == "IN_PROGRESS",
            "the fork's six tasks, the sub-workflow and the WAIT in progress");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("LAMBDA", "COMPLETED"), ("LAMBDA", "COMPLETED"), ("JOIN", "IN_PROGRESS"), ("SUB_WORKFLOW", "IN_PROGRESS"), ("WAIT", "IN_PROGRESS")],
            TypesAndStatuses(workflow));
        Assert.Equal(["forkx", "lambdaTask1", "lambdaTask2", "thejoin", "test_terminate_subworkflow", "basicJavaA"], Tasks(workflow).Select(task => (string)task["referenceTaskName"]!));
        Assert.Equal([1, 2, 3, 4, 5, 6], Tasks(workflow).Select(task => (int)task["seq"]!));

        var subWorkflowId = (string)ByRef(workflow, "test_terminate_subworkflow")!["subWorkflowId"]!;
        var child = await UntilAsync(subWorkflowId, run => Tasks(run).Count == 1, "the child's first task");
        Assert.Equal("RUNNING", (string?)child["status"]);
        Assert.Equal([("integration_task_3", "SCHEDULED")], TypesAndStatuses(child));

        await UpdateAsync(ByRef(workflow, "basicJavaA")!, "COMPLETED");

        workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Contains("Workflow is COMPLETED by TERMINATE task", (string?)workflow["reasonForIncompletion"], StringComparison.Ordinal);
        Assert.Equal(
            [("FORK", "COMPLETED"), ("LAMBDA", "COMPLETED"), ("LAMBDA", "COMPLETED"), ("JOIN", "CANCELED"), ("SUB_WORKFLOW", "CANCELED"), ("WAIT", "COMPLETED"), ("TERMINATE", "COMPLETED")],
            TypesAndStatuses(workflow));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], Tasks(workflow).Select(task => (int)task["seq"]!));

        child = await EndedAsync(subWorkflowId);
        Assert.Equal("TERMINATED", (string?)child["status"]);
        Assert.Contains("Parent workflow has been terminated with reason: Workflow is COMPLETED by TERMINATE task", (string?)child["reasonForIncompletion"], StringComparison.Ordinal);
        Assert.Equal([("integration_task_3", "CANCELED")], TypesAndStatuses(child));
    }

    // harness LambdaAndTerminateTaskSpec "Test workflow with a terminate task within a decision branch":
    // the DECISION takes case "two", whose TERMINATE fails the run; a workflowOutput that is not a
    // map becomes the output {"output": value} (Terminate#getInputFromParam).
    [Fact]
    public async Task A_terminate_in_a_decision_branch_fails_the_run()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("ConditionalTerminateWorkflow", """{"param1":"p1","param2":"p2","case":"two"}""");

        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count == 1, "the first task");
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal([("integration_task_1", "SCHEDULED")], TypesAndStatuses(workflow));
        Assert.Equal(1, (int)Tasks(workflow)[0]["seq"]!);

        await PollAndCompleteAsync("integration_task_1", """{"op":"task1 completed"}""");

        workflow = await EndedAsync(workflowId);
        Assert.Equal("FAILED", (string?)workflow["status"]);
        Assert.Contains("Workflow is FAILED by TERMINATE task", (string?)workflow["reasonForIncompletion"], StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"output":"task1 completed"}"""), workflow["output"]), workflow["output"]?.ToJsonString());
        Assert.Equal([("integration_task_1", "COMPLETED"), ("DECISION", "COMPLETED"), ("TERMINATE", "COMPLETED")], TypesAndStatuses(workflow));
        Assert.Equal("task1 completed", (string?)Tasks(workflow)[0]["outputData"]!["op"]);
        Assert.Equal([1, 2, 3], Tasks(workflow).Select(task => (int)task["seq"]!));
    }

    // harness LambdaAndTerminateTaskSpec "Test workflow with lambda task": the LAMBDA runs its
    // scriptExpression with $ as its input and completes with {result: ...} (Lambda#execute).
    [Fact]
    public async Task A_lambda_runs_its_script_on_its_input()
    {
        await SetUpAsync();
        var workflowId = await StartAsync("test_lambda_wf", """{"a":1}""");

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal([("LAMBDA", "COMPLETED")], TypesAndStatuses(workflow));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"result":{"testvalue":true}}"""), Tasks(workflow)[0]["outputData"]), Tasks(workflow)[0]["outputData"]?.ToJsonString());
        Assert.Equal(1, (int)Tasks(workflow)[0]["seq"]!);
    }
}
