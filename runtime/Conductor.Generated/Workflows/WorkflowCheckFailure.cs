namespace Conductor.Generated.Workflows;

/// <summary>
/// What the worker host does when a workflow file it is to register (<see cref="ConductorWorkerOptions.RegisterWorkflowFiles"/>)
/// does not match its workers: a <see cref="WorkflowFindingSeverity.Warning"/> or
/// <see cref="WorkflowFindingSeverity.Error"/> finding of <see cref="WorkflowDefinitionCheck"/>.
/// </summary>
public enum WorkflowCheckFailure
{
    /// <summary>Starting fails with an <see cref="InvalidOperationException"/> naming each file and finding; nothing is registered.</summary>
    Throw,

    /// <summary>Each finding is logged as a warning and the definitions are registered anyway (the server may still refuse them).</summary>
    Warn,
}
