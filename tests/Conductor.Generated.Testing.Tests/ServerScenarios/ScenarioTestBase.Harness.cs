using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// What the real server's integration specs (conductor-oss <c>test-harness/src/test/groovy/.../test/integration/</c>)
/// set up before each feature: <c>WorkflowTestUtil#taskDefinitions</c> registers
/// <c>integration_task_0</c> to <c>integration_task_20</c> with one retry and 120 s timeouts, the
/// retry delay left at TaskDef's default of 60 s.
/// </summary>
public abstract partial class ScenarioTestBase
{
    /// <summary>WorkflowTestUtil#taskDefinitions: <c>new TaskDef(name, name, owner, 1, 120, 120)</c> for integration_task_0..20.</summary>
    protected Task RegisterIntegrationTaskDefsAsync()
    {
        var defs = new JsonArray();
        for (var i = 0; i <= 20; i++)
        {
            defs.Add(new JsonObject
            {
                ["name"] = $"integration_task_{i}",
                ["description"] = $"integration_task_{i}",
                ["ownerEmail"] = "test@harness.com",
                ["retryCount"] = 1,
                ["timeoutSeconds"] = 120,
                ["responseTimeoutSeconds"] = 120,
            });
        }

        return RegisterTaskDefsAsync(defs.ToJsonString());
    }

    /// <summary>WorkflowTestUtil#pollAndCompleteTask: polls one task of the type (waiting for it to be scheduled) and completes it with the output.</summary>
    protected async Task<JsonNode> PollAndCompleteAsync(string taskType, string outputJson = "{}")
    {
        var task = await PollTaskAsync(taskType);
        await CompleteAsync(task, outputJson);
        return task;
    }

    /// <summary>WorkflowTestUtil#pollAndFailTask: polls one task of the type and fails it with the reason.</summary>
    protected async Task<JsonNode> PollAndFailAsync(string taskType, string reason)
    {
        var task = await PollTaskAsync(taskType);
        await FailAsync(task, reason);
        return task;
    }

    /// <summary>The run's tasks as (taskType, status) pairs, in order, for a step-by-step comparison.</summary>
    protected static List<(string Type, string Status)> TypesAndStatuses(JsonNode workflow) =>
        [.. Tasks(workflow).Select(task => ((string)task["taskType"]!, (string)task["status"]!))];
}
