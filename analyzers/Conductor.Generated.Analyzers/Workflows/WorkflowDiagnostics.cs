using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Analyzers.Workflows;

/// <summary>The diagnostics of workflow definition files (CDG2001 and up), each with a page in docs/diagnostics.</summary>
internal static class WorkflowDiagnostics
{
    public const string Category = "Conductor.Workflow";

    public static readonly DiagnosticDescriptor UnknownInput = WorkerDiagnostics.Create(
        "CDG2001",
        "Task input that the worker does not read",
        "Task '{0}' passes input '{1}', which worker '{2}' does not read{3}",
        Category,
        DiagnosticSeverity.Warning,
        "An inputParameters key that the worker reads under no name is ignored at run time; it is most often a typo of a key the worker does read.");

    public static readonly DiagnosticDescriptor MissingInput = WorkerDiagnostics.Create(
        "CDG2002",
        "Required task input not passed",
        "Task '{0}' does not pass input '{1}', which worker '{2}' requires{3}",
        Category,
        DiagnosticSeverity.Warning,
        "The worker's parameter is neither nullable nor has a default value: every task the workflow schedules fails on binding until the input is passed.");

    public static readonly DiagnosticDescriptor WrongInputType = WorkerDiagnostics.Create(
        "CDG2003",
        "Task input literal of the wrong JSON type",
        "Input '{0}' of task '{1}' is {2}, but worker '{3}' reads {4}",
        Category,
        DiagnosticSeverity.Warning,
        "A literal value in inputParameters that the worker's binder refuses fails every task the workflow schedules.");

    public static readonly DiagnosticDescriptor UnknownOutput = WorkerDiagnostics.Create(
        "CDG2004",
        "Reference to an output the worker does not write",
        "'{0}' reads output '{1}' of task '{2}', which worker '{3}' does not write{4}",
        Category,
        DiagnosticSeverity.Warning,
        "A reference to an output key the referenced worker never writes evaluates to null at run time.");

    public static readonly DiagnosticDescriptor BadReference = WorkerDiagnostics.Create(
        "CDG2005",
        "Reference to a task that does not run before",
        "'{0}' refers to task '{1}', which {2}",
        Category,
        DiagnosticSeverity.Warning,
        "An expression refers to a task reference name that is not in the workflow (the server refuses such a definition when the expression is in a top-level task), or to a task that has not run when the expression is evaluated (it evaluates to null).");

    public static readonly DiagnosticDescriptor UnservedTask = WorkerDiagnostics.Create(
        "CDG2006",
        "No worker of the project serves the task",
        "No worker of this project serves task '{0}'{1}",
        Category,
        DiagnosticSeverity.Info,
        "A SIMPLE task waits until some worker polls for it. The worker may live in another service; if it should be here, the name is wrong.");

    public static readonly DiagnosticDescriptor DuplicateReference = WorkerDiagnostics.Create(
        "CDG2007",
        "Duplicate task reference name",
        "Task reference name '{0}' is used by more than one task of workflow '{1}'",
        Category,
        DiagnosticSeverity.Error,
        "The server refuses a workflow definition in which two tasks share a taskReferenceName (TaskReferenceNameUniqueConstraint).");

    public static readonly DiagnosticDescriptor RefusedDefinition = WorkerDiagnostics.Create(
        "CDG2008",
        "Workflow definition the server refuses",
        "The server refuses this workflow definition: {0}",
        Category,
        DiagnosticSeverity.Error,
        "The definition breaks a rule the Conductor server checks when the workflow is registered.");

    public static readonly DiagnosticDescriptor InvalidJson = WorkerDiagnostics.Create(
        "CDG2009",
        "Workflow file is not valid JSON",
        "Workflow file '{0}' is not valid JSON: {1}",
        Category,
        DiagnosticSeverity.Error,
        "A *.workflow.json file must hold one workflow definition object, or an array of them, in strict JSON.");
}
