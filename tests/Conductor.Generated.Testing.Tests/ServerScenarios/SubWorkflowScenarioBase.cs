using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// What the sub-workflow scenarios share beyond <see cref="ScenarioTestBase"/>: several
/// definitions at once, task definitions by name, and a run's tasks by position.
/// </summary>
public abstract class SubWorkflowScenarioBase : ScenarioTestBase
{
    protected SubWorkflowScenarioBase(bool useFakeClock = false)
        : base(useFakeClock)
    {
    }

    /// <summary><c>PUT /api/metadata/workflow</c> (MetadataClient#updateWorkflowDefs): a list of definitions.</summary>
    protected async Task UpdateWorkflowDefsAsync(params string[] definitionsJson)
    {
        using var response = await PutAsync("metadata/workflow", "[" + string.Join(",", definitionsJson) + "]");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    protected static JsonNode TaskAt(JsonNode workflow, int index) => Tasks(workflow)[index]!;

    protected static string? StatusAt(JsonNode workflow, int index) => (string?)TaskAt(workflow, index)["status"];

    protected static JsonNode TaskByRef(JsonNode workflow, string referenceName) =>
        Tasks(workflow).Single(task => (string?)task!["referenceTaskName"] == referenceName)!;
}
