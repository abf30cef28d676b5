using System.Net;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/AgentTaskTests and task/LLMChatCompleteTests exercise the real server's AI module
/// (AGENT, CANCEL_AGENT, LLM_CHAT_COMPLETE tasks calling model providers; <c>/api/agent/...</c>),
/// which the test server does not run. What is checked here is that it refuses them clearly: the
/// definition is stored (MetadataServiceImpl#registerWorkflowDef), a run reaching such a task fails
/// naming it, and the agent API is not there.
/// </summary>
public sealed class AiTaskScenarioTests : ScenarioTestBase
{
    [Theory]
    [InlineData("AGENT")]
    [InlineData("CANCEL_AGENT")]
    [InlineData("LLM_CHAT_COMPLETE")]
    public async Task A_run_reaching_an_ai_task_fails_naming_it(string type)
    {
        await UpdateWorkflowDefAsync($$"""
            {"name":"ai_{{type}}","version":1,"tasks":[
              {"name":"init","taskReferenceName":"init","type":"SET_VARIABLE","inputParameters":{"conversation":[]} },
              {"name":"ai","taskReferenceName":"ai_ref","type":"{{type}}","inputParameters":{"prompt":"hi"} }]}
            """);
        var workflowId = await StartWorkflowAsync($$"""{"name":"ai_{{type}}","version":1}""");

        var workflow = await UntilStatusAsync(workflowId, "FAILED");
        Assert.Equal($"Task type {type} of ai_ref is not supported by the Conductor test server", (string?)workflow["reasonForIncompletion"]);
        Assert.Equal("COMPLETED", Status(Tasks(workflow)[0]));
    }

    // AgentTaskTests deploys through AgentController (POST /api/agent/deploy): no such route here.
    [Fact]
    public async Task The_agent_api_is_not_there()
    {
        using var response = await PostAsync("agent/deploy", "{}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
