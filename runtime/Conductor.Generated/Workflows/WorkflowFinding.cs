namespace Conductor.Generated.Workflows;

/// <summary>How much a <see cref="WorkflowFinding"/> matters, as the build's diagnostic of the same ID.</summary>
public enum WorkflowFindingSeverity
{
    /// <summary>Worth knowing, maybe intended: a SIMPLE task that none of the given workers serves (CDG2006).</summary>
    Info,

    /// <summary>The workflow will misbehave at run time: an input the worker does not read or misses, a literal of the wrong type, a reference that reads null.</summary>
    Warning,

    /// <summary>The server refuses the definition, or it is not JSON.</summary>
    Error,
}

/// <summary>
/// One thing a workflow definition check found (<see cref="WorkflowDefinitionCheck"/>): the same
/// ID and message as the build-time diagnostic of the workflow analyzer (CDG2001–CDG2009, each
/// with a page in docs/diagnostics), located by the task's reference name and a JSON path instead
/// of a file line.
/// </summary>
public sealed class WorkflowFinding
{
    internal WorkflowFinding(string id, WorkflowFindingSeverity severity, string message, string? workflowName, string? taskReferenceName, string jsonPath, string? source)
    {
        Id = id;
        Severity = severity;
        Message = message;
        WorkflowName = workflowName;
        TaskReferenceName = taskReferenceName;
        JsonPath = jsonPath;
        Source = source;
    }

    /// <summary>The rule's ID, <c>CDG2001</c> to <c>CDG2009</c>, as the build reports it.</summary>
    public string Id { get; }

    /// <summary>How much it matters; the severity of the build-time diagnostic.</summary>
    public WorkflowFindingSeverity Severity { get; }

    /// <summary>What is wrong, in the words of the build-time diagnostic (with the closest key or name when one is near).</summary>
    public string Message { get; }

    /// <summary>The name of the workflow definition; null when it has none.</summary>
    public string? WorkflowName { get; }

    /// <summary>The <c>taskReferenceName</c> of the task the finding is about; null when it is about the workflow as a whole (its output, its name) or the task has none.</summary>
    public string? TaskReferenceName { get; }

    /// <summary>
    /// Where in the definition, as a JSON path from the definition's root (<c>$</c>):
    /// <c>$.tasks[1].inputParameters.amout</c>; for a file holding an array of definitions,
    /// from the array (<c>$[0].tasks[1]…</c>).
    /// </summary>
    public string JsonPath { get; }

    /// <summary>Where the definition came from (a file path, or <c>name vN</c> for one read from a server), when the check was told.</summary>
    public string? Source { get; }

    /// <summary>The page of the rule in the documentation.</summary>
    public Uri HelpLink => new(HelpLinkBase + Id + ".md");

    internal const string HelpLinkBase = "https://github.com/conductor-generated/conductor-generated/blob/main/docs/diagnostics/";

    /// <summary><c>CDG2001 warning: message (workflow 'order', task 'charge_ref', $.tasks[0].inputParameters.amout)</c>, with the source first when known.</summary>
    public override string ToString()
    {
        var where = new List<string>();
        if (WorkflowName is not null)
        {
            where.Add($"workflow '{WorkflowName}'");
        }

        if (TaskReferenceName is not null)
        {
            where.Add($"task '{TaskReferenceName}'");
        }

        where.Add(JsonPath);
        var severity = Severity switch
        {
            WorkflowFindingSeverity.Error => "error",
            WorkflowFindingSeverity.Warning => "warning",
            _ => "info",
        };
        return (Source is null ? "" : Source + ": ") + $"{Id} {severity}: {Message} ({string.Join(", ", where)})";
    }
}
