using Conductor.Generated.Workflows;

namespace Conductor.Generated.Testing;

public sealed partial class ConductorTestEnvironment
{
    /// <summary>
    /// Checks a workflow definition against the environment's <see cref="Workers"/> with
    /// <see cref="WorkflowDefinitionCheck"/>: the checks the workflow analyzer makes of
    /// <c>*.workflow.json</c> files at build time (CDG2001–CDG2009, same messages), for a
    /// definition built in code or read from elsewhere. A SIMPLE task that none of the workers
    /// serves is an <see cref="WorkflowFindingSeverity.Info"/> finding (a stub may serve it).
    /// </summary>
    /// <returns>The findings; empty when the definition matches the workers.</returns>
    public IReadOnlyList<WorkflowFinding> CheckWorkflow(WorkflowDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return WorkflowDefinitionCheck.Check(WorkflowDefJson.Serialize(definition), _workers);
    }

    /// <summary>
    /// Asserts that a workflow definition matches the environment's <see cref="Workers"/>: throws
    /// when <see cref="CheckWorkflow"/> finds a warning or an error, with every such finding in
    /// the message. Info findings (tasks no worker here serves) do not fail it.
    /// </summary>
    /// <exception cref="WorkflowAssertionException">The definition does not match the workers; the message lists each finding with its ID, task and JSON path.</exception>
    public void AssertWorkflowMatchesWorkers(WorkflowDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var findings = CheckWorkflow(definition).Where(finding => finding.Severity != WorkflowFindingSeverity.Info).ToList();
        if (findings.Count > 0)
        {
            throw new WorkflowAssertionException(
                $"workflow '{definition.Name}' does not match the workers ({findings.Count} finding{(findings.Count == 1 ? "" : "s")}):\n  "
                + string.Join("\n  ", findings));
        }
    }
}
