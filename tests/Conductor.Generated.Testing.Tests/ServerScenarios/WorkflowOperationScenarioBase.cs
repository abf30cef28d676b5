using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// What the workflow-operation scenarios (rerun, restart, retry, failure workflow, search...) share:
/// the e2e suite's two registration shapes (e2e RegistrationUtil) and the operations' calls, beyond
/// <see cref="ScenarioTestBase"/>.
/// </summary>
public abstract class WorkflowOperationScenarioBase : ScenarioTestBase
{
    protected WorkflowOperationScenarioBase(bool useFakeClock = false)
        : base(useFakeClock)
    {
    }

    /// <summary>
    /// e2e RegistrationUtil#registerWorkflowDef: an INLINE step <c>inline_{first}</c> and a SIMPLE
    /// step <c>{second}</c>, task definitions without retries.
    /// </summary>
    protected async Task RegisterInlineThenSimpleAsync(string workflowName, string first, string second)
    {
        await RegisterTaskNamesAsync(first, second);
        await UpdateWorkflowDefAsync($$$"""
            {"name":"{{{workflowName}}}","version":1,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"{{{first}}}","taskReferenceName":"inline_{{{first}}}","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"true;"}},
              {"name":"{{{second}}}","taskReferenceName":"{{{second}}}","type":"SIMPLE","inputParameters":{"value":"${workflow.input.value}","order":"123"}}]}
            """);
    }

    /// <summary>
    /// e2e RegistrationUtil#registerWorkflowWithSubWorkflowDef: a parent whose only step is a
    /// SUB_WORKFLOW (reference name = the child's name, priority 12) and a child whose only step is
    /// a SIMPLE task, task definitions without retries.
    /// </summary>
    protected async Task RegisterParentAndChildAsync(string parentName, string childName, string taskName, bool optional = false)
    {
        await RegisterTaskNamesAsync(taskName, childName);
        await UpdateWorkflowDefAsync($$$"""
            {"name":"{{{parentName}}}","version":1,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"{{{childName}}}","taskReferenceName":"{{{childName}}}","type":"SUB_WORKFLOW","optional":{{{(optional ? "true" : "false")}}},
               "subWorkflowParam":{"name":"{{{childName}}}","version":1,"priority":12},
               "inputParameters":{"subWorkflowName":"{{{childName}}}","subWorkflowVersion":"1"}}]}
            """);
        await UpdateWorkflowDefAsync($$"""
            {"name":"{{childName}}","version":1,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"{{taskName}}","taskReferenceName":"{{taskName}}","type":"SIMPLE"}]}
            """);
    }

    /// <summary>WorkflowClient#startWorkflow: <c>POST /api/workflow</c> with a StartWorkflowRequest; answers the id.</summary>
    protected async Task<string> StartAsync(string name, string inputJson = "{}", int? priority = null)
    {
        var body = $$"""{"name":"{{name}}","input":{{inputJson}}{{(priority is { } value ? $",\"priority\":{value}" : "")}}}""";
        using var response = await PostAsync("workflow", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The child's id once the parent's first task has started it.</summary>
    protected async Task<string> ChildIdAsync(string parentId, int taskIndex = 0)
    {
        var parent = await UntilAsync(parentId, workflow => Tasks(workflow).Count > taskIndex && Tasks(workflow)[taskIndex]!["subWorkflowId"] is not null, "a sub-workflow");
        return (string)Tasks(parent)[taskIndex]!["subWorkflowId"]!;
    }

    /// <summary>The id of the run's task at <paramref name="index"/> once it exists.</summary>
    protected async Task<string> TaskIdAsync(string workflowId, int index)
    {
        var workflow = await UntilAsync(workflowId, workflow => Tasks(workflow).Count > index, $"task {index} of {workflowId}");
        return (string)Tasks(workflow)[index]!["taskId"]!;
    }

    /// <summary>A workflow operation without a body (<c>restart</c>, <c>retry</c>...); answers 200 or fails the test.</summary>
    protected async Task OperateAsync(string path, string body = "")
    {
        using var response = await PostAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    protected static string? Status(JsonNode workflow, int taskIndex) => (string?)Tasks(workflow)[taskIndex]!["status"];
}
