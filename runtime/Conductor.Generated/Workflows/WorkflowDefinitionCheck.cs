using System.Text.Json;
using Conductor.Generated.Client;
using Conductor.Generated.WorkflowChecks;

namespace Conductor.Generated.Workflows;

/// <summary>
/// Checks workflow definitions against the workers that serve their SIMPLE tasks, at run time:
/// the checks the workflow analyzer makes of <c>*.workflow.json</c> files at build time (the same
/// code, IDs and messages), for definitions built in code or read from a server. Each worker's
/// contract (input keys, their JSON types and which are required, output keys) comes from its
/// generated <see cref="WorkerDefinition.TaskDefinitionJson"/>; workers built by hand, with none,
/// count as serving their task with any input and output.
/// </summary>
/// <example>
/// <code>
/// var findings = WorkflowDefinitionCheck.Check(File.ReadAllText("order.workflow.json"), ConductorWorkers.All);
/// Assert.Empty(findings.Where(finding => finding.Severity != WorkflowFindingSeverity.Info));
/// </code>
/// </example>
public static class WorkflowDefinitionCheck
{
    /// <summary>
    /// Checks the workflow definitions in JSON text (one definition object, or an array of them,
    /// as <c>POST /api/metadata/workflow</c> and <c>PUT /api/metadata/workflow</c> take them).
    /// Text that is not JSON is one <c>CDG2009</c> finding, not an exception.
    /// </summary>
    /// <param name="workflowDefinitionJson">The definition or definitions.</param>
    /// <param name="workers">The workers that will serve the tasks, typically the generated <c>ConductorWorkers.All</c>.</param>
    /// <param name="source">Where the text came from (a file path, say); named in each finding and in the message of a syntax error.</param>
    /// <returns>The findings, in the order of the definition; empty when everything matches.</returns>
    public static IReadOnlyList<WorkflowFinding> Check(string workflowDefinitionJson, IEnumerable<WorkerDefinition> workers, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(workflowDefinitionJson);
        ArgumentNullException.ThrowIfNull(workers);
        return Check(workflowDefinitionJson, ContractsOf(workers), source);
    }

    /// <summary>Checks a workflow definition built with the client's model (as <see cref="ConductorClient.RegisterWorkflowAsync"/> would send it).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="workers">The workers that will serve the tasks, typically the generated <c>ConductorWorkers.All</c>.</param>
    public static IReadOnlyList<WorkflowFinding> Check(WorkflowDefinition definition, IEnumerable<WorkerDefinition> workers)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(workers);
        return Check(JsonSerializer.Serialize(definition, ConductorJsonContext.Default.WorkflowDefinition), ContractsOf(workers), source: null);
    }

    internal static IReadOnlyList<WorkflowFinding> Check(string json, WorkerContractSet workers, string? source)
    {
        var findings = WorkflowChecker.Check(json, source is null ? "the workflow definition" : Path.GetFileName(source), workers, CancellationToken.None);
        return findings.Count == 0 ? [] : [.. findings.Select(finding => ToFinding(finding, source))];
    }

    /// <summary>The contracts of the workers: each task name with its generated task definition, or an open contract for a worker built by hand.</summary>
    internal static WorkerContractSet ContractsOf(IEnumerable<WorkerDefinition> workers)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            ArgumentNullException.ThrowIfNull(worker, nameof(workers));
            definitions.TryAdd(worker.TaskName, worker.TaskDefinitionJson ?? OpenContract(worker.TaskName));
        }

        return new WorkerContractSet(definitions);
    }

    /// <summary>A task definition with no schemas: any input key is accepted and any output key may be read.</summary>
    private static string OpenContract(string taskName)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", taskName);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static WorkflowFinding ToFinding(WorkflowCheckFinding finding, string? source) => new(
        finding.Rule.Id,
        finding.Rule.Severity switch
        {
            WorkflowRuleSeverity.Error => WorkflowFindingSeverity.Error,
            WorkflowRuleSeverity.Warning => WorkflowFindingSeverity.Warning,
            _ => WorkflowFindingSeverity.Info,
        },
        finding.Message,
        finding.WorkflowName,
        finding.TaskReferenceName,
        finding.Path,
        source);
}
