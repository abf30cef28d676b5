using System.Collections.Generic;

// The runtime's analysis level asks for span APIs and Dictionary.TryAdd, which netstandard2.0 lacks.
#pragma warning disable CA1845, CA1846, CA1864
// Shared source: compiled into the workflow analyzer and linked into the runtime (see JsonValue.cs).
namespace Conductor.Generated.WorkflowChecks;

internal enum WorkflowRuleSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One check of a workflow definition: the analyzer reports it as a diagnostic of the same ID
/// (each has a page in docs/diagnostics), the runtime as a finding with the same message.
/// </summary>
internal sealed class WorkflowRule
{
    private WorkflowRule(string id, string title, string messageFormat, WorkflowRuleSeverity severity, string description)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Severity = severity;
        Description = description;
    }

    public string Id { get; }

    public string Title { get; }

    /// <summary>A composite format string; the checker gives the arguments.</summary>
    public string MessageFormat { get; }

    public WorkflowRuleSeverity Severity { get; }

    public string Description { get; }

    public static readonly WorkflowRule UnknownInput = new(
        WorkflowRuleText.UnknownInputId,
        WorkflowRuleText.UnknownInputTitle,
        WorkflowRuleText.UnknownInputMessage,
        WorkflowRuleSeverity.Warning,
        WorkflowRuleText.UnknownInputDescription);

    public static readonly WorkflowRule MissingInput = new(
        WorkflowRuleText.MissingInputId,
        WorkflowRuleText.MissingInputTitle,
        WorkflowRuleText.MissingInputMessage,
        WorkflowRuleSeverity.Warning,
        WorkflowRuleText.MissingInputDescription);

    public static readonly WorkflowRule WrongInputType = new(
        WorkflowRuleText.WrongInputTypeId,
        WorkflowRuleText.WrongInputTypeTitle,
        WorkflowRuleText.WrongInputTypeMessage,
        WorkflowRuleSeverity.Warning,
        WorkflowRuleText.WrongInputTypeDescription);

    public static readonly WorkflowRule UnknownOutput = new(
        WorkflowRuleText.UnknownOutputId,
        WorkflowRuleText.UnknownOutputTitle,
        WorkflowRuleText.UnknownOutputMessage,
        WorkflowRuleSeverity.Warning,
        WorkflowRuleText.UnknownOutputDescription);

    public static readonly WorkflowRule BadReference = new(
        WorkflowRuleText.BadReferenceId,
        WorkflowRuleText.BadReferenceTitle,
        WorkflowRuleText.BadReferenceMessage,
        WorkflowRuleSeverity.Warning,
        WorkflowRuleText.BadReferenceDescription);

    public static readonly WorkflowRule UnservedTask = new(
        WorkflowRuleText.UnservedTaskId,
        WorkflowRuleText.UnservedTaskTitle,
        WorkflowRuleText.UnservedTaskMessage,
        WorkflowRuleSeverity.Info,
        WorkflowRuleText.UnservedTaskDescription);

    public static readonly WorkflowRule DuplicateReference = new(
        WorkflowRuleText.DuplicateReferenceId,
        WorkflowRuleText.DuplicateReferenceTitle,
        WorkflowRuleText.DuplicateReferenceMessage,
        WorkflowRuleSeverity.Error,
        WorkflowRuleText.DuplicateReferenceDescription);

    public static readonly WorkflowRule RefusedDefinition = new(
        WorkflowRuleText.RefusedDefinitionId,
        WorkflowRuleText.RefusedDefinitionTitle,
        WorkflowRuleText.RefusedDefinitionMessage,
        WorkflowRuleSeverity.Error,
        WorkflowRuleText.RefusedDefinitionDescription);

    public static readonly WorkflowRule InvalidJson = new(
        WorkflowRuleText.InvalidJsonId,
        WorkflowRuleText.InvalidJsonTitle,
        WorkflowRuleText.InvalidJsonMessage,
        WorkflowRuleSeverity.Error,
        WorkflowRuleText.InvalidJsonDescription);

    public static IReadOnlyList<WorkflowRule> All { get; } = new[] { UnknownInput, MissingInput, WrongInputType, UnknownOutput, BadReference, UnservedTask, DuplicateReference, RefusedDefinition, InvalidJson };
}

/// <summary>
/// The texts of the rules as constants, so that the analyzer's descriptors are built from
/// constants (the release tracking analyzer reads them) and both sides show the same words.
/// </summary>
internal static class WorkflowRuleText
{
    public const string UnknownInputId = "CDG2001";
    public const string UnknownInputTitle = "Task input that the worker does not read";
    public const string UnknownInputMessage = "Task '{0}' passes input '{1}', which worker '{2}' does not read{3}";
    public const string UnknownInputDescription = "An inputParameters key that the worker reads under no name is ignored at run time; it is most often a typo of a key the worker does read.";

    public const string MissingInputId = "CDG2002";
    public const string MissingInputTitle = "Required task input not passed";
    public const string MissingInputMessage = "Task '{0}' does not pass input '{1}', which worker '{2}' requires{3}";
    public const string MissingInputDescription = "The worker's parameter is neither nullable nor has a default value: every task the workflow schedules fails on binding until the input is passed.";

    public const string WrongInputTypeId = "CDG2003";
    public const string WrongInputTypeTitle = "Task input literal of the wrong JSON type";
    public const string WrongInputTypeMessage = "Input '{0}' of task '{1}' is {2}, but worker '{3}' reads {4}";
    public const string WrongInputTypeDescription = "A literal value in inputParameters that the worker's binder refuses fails every task the workflow schedules.";

    public const string UnknownOutputId = "CDG2004";
    public const string UnknownOutputTitle = "Reference to an output the worker does not write";
    public const string UnknownOutputMessage = "'{0}' reads output '{1}' of task '{2}', which worker '{3}' does not write{4}";
    public const string UnknownOutputDescription = "A reference to an output key the referenced worker never writes evaluates to null at run time.";

    public const string BadReferenceId = "CDG2005";
    public const string BadReferenceTitle = "Reference to a task that does not run before";
    public const string BadReferenceMessage = "'{0}' refers to task '{1}', which {2}";
    public const string BadReferenceDescription = "An expression refers to a task reference name that is not in the workflow (the server refuses such a definition when the expression is in a top-level task), or to a task that has not run when the expression is evaluated (it evaluates to null).";

    public const string UnservedTaskId = "CDG2006";
    public const string UnservedTaskTitle = "No worker of the project serves the task";
    public const string UnservedTaskMessage = "No worker of this project serves task '{0}'{1}";
    public const string UnservedTaskDescription = "A SIMPLE task waits until some worker polls for it. The worker may live in another service; if it should be here, the name is wrong.";

    public const string DuplicateReferenceId = "CDG2007";
    public const string DuplicateReferenceTitle = "Duplicate task reference name";
    public const string DuplicateReferenceMessage = "Task reference name '{0}' is used by more than one task of workflow '{1}'";
    public const string DuplicateReferenceDescription = "The server refuses a workflow definition in which two tasks share a taskReferenceName (TaskReferenceNameUniqueConstraint).";

    public const string RefusedDefinitionId = "CDG2008";
    public const string RefusedDefinitionTitle = "Workflow definition the server refuses";
    public const string RefusedDefinitionMessage = "The server refuses this workflow definition: {0}";
    public const string RefusedDefinitionDescription = "The definition breaks a rule the Conductor server checks when the workflow is registered.";

    public const string InvalidJsonId = "CDG2009";
    public const string InvalidJsonTitle = "Workflow file is not valid JSON";
    public const string InvalidJsonMessage = "Workflow file '{0}' is not valid JSON: {1}";
    public const string InvalidJsonDescription = "A *.workflow.json file must hold one workflow definition object, or an array of them, in strict JSON.";
}
