namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenario of e2e WorkflowInputTests (workflow/WorkflowInputTests.java), over HTTP. Real
/// server: WorkflowExecutorOps#startWorkflow stores the start request's input as given; only a
/// task's inputParameters are resolved (ParametersUtils#getTaskInput), never the workflow's input.
/// </summary>
public sealed class WorkflowInputScenarioTests : WorkflowOperationScenarioBase
{
    // e2e WorkflowInputTests#testWorkflowSearchPermissions (despite its name, it checks the input):
    // expressions in a start request's input stay text, nested ones too.
    [Fact]
    public async Task Expressions_in_the_start_input_are_kept_as_text()
    {
        await RegisterTaskNamesAsync("task_input_test");
        await UpdateWorkflowDefAsync("""
            {"name":"workflow_input_test","version":1,"inputParameters":["value","inlineValue"],"tasks":[
              {"name":"task_input_test","taskReferenceName":"task_input_test","type":"SIMPLE","inputParameters":{"value":"${workflow.input.value}","order":"123"}}]}
            """);

        var workflowId = await StartAsync("workflow_input_test", """
            {"a":[{"b":["${workflow.functions.date_utc}"]}], "c":"${workflow.c}", "d":"${workflow.task2.output.a}"}
            """);

        var workflow = await WorkflowAsync(workflowId);
        Assert.Equal("${workflow.c}", (string?)workflow["input"]!["c"]);
        Assert.Equal("${workflow.task2.output.a}", (string?)workflow["input"]!["d"]);
        Assert.Equal("${workflow.functions.date_utc}", (string?)workflow["input"]!["a"]![0]!["b"]![0]);
        var task = await PollTaskAsync("task_input_test");
        Assert.Equal("123", (string?)task["inputData"]!["order"]);
        Assert.Null(task["inputData"]!["value"]);
    }
}
