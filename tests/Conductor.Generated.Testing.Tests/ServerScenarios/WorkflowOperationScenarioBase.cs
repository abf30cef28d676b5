using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// What the workflow-operation scenarios (rerun, restart, retry, failure workflow, search...) share:
/// the e2e suite's two registration shapes (e2e RegistrationUtil) and the calls its Java client
/// makes, over HTTP.
/// </summary>
public abstract class WorkflowOperationScenarioBase : ServerTestBase
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
        await RegisterTaskDefsAsync(first, second);
        await RegisterWorkflowAsync($$$"""
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
        await RegisterTaskDefsAsync(taskName, childName);
        await RegisterWorkflowAsync($$$"""
            {"name":"{{{parentName}}}","version":1,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"{{{childName}}}","taskReferenceName":"{{{childName}}}","type":"SUB_WORKFLOW","optional":{{{(optional ? "true" : "false")}}},
               "subWorkflowParam":{"name":"{{{childName}}}","version":1,"priority":12},
               "inputParameters":{"subWorkflowName":"{{{childName}}}","subWorkflowVersion":"1"}}]}
            """);
        await RegisterWorkflowAsync($$"""
            {"name":"{{childName}}","version":1,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"{{taskName}}","taskReferenceName":"{{taskName}}","type":"SIMPLE"}]}
            """);
    }

    protected async Task RegisterTaskDefsAsync(params string[] names)
    {
        var body = "[" + string.Join(",", names.Distinct().Select(name => $$"""{"name":"{{name}}","retryCount":0,"ownerEmail":"test@conductor.io"}""")) + "]";
        using var response = await PostAsync("metadata/taskdefs", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>MetadataClient#updateWorkflowDefs: <c>PUT /api/metadata/workflow</c> with a list.</summary>
    protected async Task RegisterWorkflowAsync(string definitionJson)
    {
        using var response = await PutAsync("metadata/workflow", "[" + definitionJson + "]");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>WorkflowClient#startWorkflow: <c>POST /api/workflow</c> with a StartWorkflowRequest; answers the id.</summary>
    protected async Task<string> StartAsync(string name, string inputJson = "{}", int? priority = null)
    {
        var body = $$"""{"name":"{{name}}","input":{{inputJson}}{{(priority is { } value ? $",\"priority\":{value}" : "")}}}""";
        using var response = await PostAsync("workflow", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    protected Task<JsonNode> WorkflowAsync(string workflowId) => GetJsonAsync($"workflow/{workflowId}");

    /// <summary>Reads the run until <paramref name="condition"/> holds (the e2e tests' awaitility loops), with a long ceiling.</summary>
    protected async Task<JsonNode> UntilAsync(string workflowId, Func<JsonNode, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var workflow = await WorkflowAsync(workflowId);
            if (condition(workflow))
            {
                return workflow;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; the workflow is {workflow.ToJsonString()}");
            }

            await Task.Delay(20);
        }
    }

    protected Task<JsonNode> UntilStatusAsync(string workflowId, string status) =>
        UntilAsync(workflowId, workflow => (string?)workflow["status"] == status, $"{workflowId} to be {status}");

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

    /// <summary>TaskClient#updateTask: <c>POST /api/tasks</c> with a TaskResult.</summary>
    protected async Task UpdateTaskAsync(string workflowId, string taskId, string status, string outputJson = "{}", string? reason = null)
    {
        var body = $$"""
            {"workflowInstanceId":"{{workflowId}}","taskId":"{{taskId}}","status":"{{status}}","outputData":{{outputJson}}{{(reason is null ? "" : $",\"reasonForIncompletion\":\"{reason}\"")}}}
            """;
        using var response = await PostAsync("tasks", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A workflow operation without a body (<c>restart</c>, <c>retry</c>...); answers 200 or fails the test.</summary>
    protected async Task OperateAsync(string path, string body = "")
    {
        using var response = await PostAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    protected static JsonArray Tasks(JsonNode workflow) => workflow["tasks"]!.AsArray();

    protected static string? Status(JsonNode workflow, int taskIndex) => (string?)Tasks(workflow)[taskIndex]!["status"];
}
