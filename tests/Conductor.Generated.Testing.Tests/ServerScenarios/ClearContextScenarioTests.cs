using System.Net;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenario of e2e ClearContextTest (workflow/ClearContextTest.java), over HTTP. Real server:
/// the request context (WorkflowContext, its client app) is cleared after each request, so a
/// workflow started while task definitions are being updated has no ownerApp
/// (WorkflowExecutorOps#startWorkflow takes it from WorkflowContext).
/// </summary>
public sealed class ClearContextScenarioTests : WorkflowOperationScenarioBase
{
    // e2e ClearContextTest#testContextNotPolluted.
    [Fact]
    public async Task A_run_started_among_task_definition_updates_has_no_owner_app()
    {
        await RegisterTaskNamesAsync("clear_context_test_task");
        await UpdateWorkflowDefAsync("""
            {"name":"clear_context_test_workflow","version":1,"tasks":[
              {"name":"clear_context_test_task","taskReferenceName":"clear_context_test_task","type":"SIMPLE","taskDefinition":{"name":"clear_context_test_task","ownerEmail":"test@conductor.io"}}]}
            """);

        var updates = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var response = await PutAsync("metadata/taskdefs", """{"name":"clear_context_test_task","ownerEmail":"test@conductor.io"}""");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        });
        var workflowId = await StartAsync("clear_context_test_workflow");
        var workflow = await WorkflowAsync(workflowId);
        await updates;

        Assert.True(string.IsNullOrEmpty((string?)workflow["ownerApp"]), $"ownerApp: {workflow["ownerApp"]}");
    }
}
