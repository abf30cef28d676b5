using Conductor.Generated.Analyzers.Infrastructure;
using Conductor.Generated.WorkflowChecks;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Analyzers.Workflows;

/// <summary>
/// The diagnostics of workflow definition files (CDG2001 and up), each with a page in
/// docs/diagnostics: the descriptors of the <see cref="WorkflowRule"/>s, which the runtime's check
/// shares.
/// </summary>
internal static class WorkflowDiagnostics
{
    public const string Category = "Conductor.Workflow";

    public static readonly DiagnosticDescriptor UnknownInput = WorkerDiagnostics.Create(
        WorkflowRuleText.UnknownInputId,
        WorkflowRuleText.UnknownInputTitle,
        WorkflowRuleText.UnknownInputMessage,
        Category,
        DiagnosticSeverity.Warning,
        WorkflowRuleText.UnknownInputDescription);

    public static readonly DiagnosticDescriptor MissingInput = WorkerDiagnostics.Create(
        WorkflowRuleText.MissingInputId,
        WorkflowRuleText.MissingInputTitle,
        WorkflowRuleText.MissingInputMessage,
        Category,
        DiagnosticSeverity.Warning,
        WorkflowRuleText.MissingInputDescription);

    public static readonly DiagnosticDescriptor WrongInputType = WorkerDiagnostics.Create(
        WorkflowRuleText.WrongInputTypeId,
        WorkflowRuleText.WrongInputTypeTitle,
        WorkflowRuleText.WrongInputTypeMessage,
        Category,
        DiagnosticSeverity.Warning,
        WorkflowRuleText.WrongInputTypeDescription);

    public static readonly DiagnosticDescriptor UnknownOutput = WorkerDiagnostics.Create(
        WorkflowRuleText.UnknownOutputId,
        WorkflowRuleText.UnknownOutputTitle,
        WorkflowRuleText.UnknownOutputMessage,
        Category,
        DiagnosticSeverity.Warning,
        WorkflowRuleText.UnknownOutputDescription);

    public static readonly DiagnosticDescriptor BadReference = WorkerDiagnostics.Create(
        WorkflowRuleText.BadReferenceId,
        WorkflowRuleText.BadReferenceTitle,
        WorkflowRuleText.BadReferenceMessage,
        Category,
        DiagnosticSeverity.Warning,
        WorkflowRuleText.BadReferenceDescription);

    public static readonly DiagnosticDescriptor UnservedTask = WorkerDiagnostics.Create(
        WorkflowRuleText.UnservedTaskId,
        WorkflowRuleText.UnservedTaskTitle,
        WorkflowRuleText.UnservedTaskMessage,
        Category,
        DiagnosticSeverity.Info,
        WorkflowRuleText.UnservedTaskDescription);

    public static readonly DiagnosticDescriptor DuplicateReference = WorkerDiagnostics.Create(
        WorkflowRuleText.DuplicateReferenceId,
        WorkflowRuleText.DuplicateReferenceTitle,
        WorkflowRuleText.DuplicateReferenceMessage,
        Category,
        DiagnosticSeverity.Error,
        WorkflowRuleText.DuplicateReferenceDescription);

    public static readonly DiagnosticDescriptor RefusedDefinition = WorkerDiagnostics.Create(
        WorkflowRuleText.RefusedDefinitionId,
        WorkflowRuleText.RefusedDefinitionTitle,
        WorkflowRuleText.RefusedDefinitionMessage,
        Category,
        DiagnosticSeverity.Error,
        WorkflowRuleText.RefusedDefinitionDescription);

    public static readonly DiagnosticDescriptor InvalidJson = WorkerDiagnostics.Create(
        WorkflowRuleText.InvalidJsonId,
        WorkflowRuleText.InvalidJsonTitle,
        WorkflowRuleText.InvalidJsonMessage,
        Category,
        DiagnosticSeverity.Error,
        WorkflowRuleText.InvalidJsonDescription);

    /// <summary>The descriptor of a rule.</summary>
    public static DiagnosticDescriptor Of(WorkflowRule rule) => rule.Id switch
    {
        "CDG2001" => UnknownInput,
        "CDG2002" => MissingInput,
        "CDG2003" => WrongInputType,
        "CDG2004" => UnknownOutput,
        "CDG2005" => BadReference,
        "CDG2006" => UnservedTask,
        "CDG2007" => DuplicateReference,
        "CDG2008" => RefusedDefinition,
        "CDG2009" => InvalidJson,
        _ => throw new System.ArgumentOutOfRangeException(nameof(rule), rule.Id, "No descriptor for this workflow rule."),
    };
}
