using System.Text.Json.Nodes;

namespace Conductor.Generated.Client;

/// <summary>A workflow definition (<c>WorkflowDef</c>).</summary>
public sealed class WorkflowDefinition
{
    /// <summary>The workflow name (required).</summary>
    public string Name { get; set; } = "";

    /// <summary>The version; 1 by default.</summary>
    public int Version { get; set; } = 1;

    /// <summary>A description for people.</summary>
    public string? Description { get; set; }

    /// <summary>The steps, run in order.</summary>
    public IList<WorkflowStep> Tasks { get; set; } = [];

    /// <summary>The names of the inputs the workflow expects (documentation only).</summary>
    public IList<string>? InputParameters { get; set; }

    /// <summary>The workflow's output; values may be expressions such as <c>${step.output.result}</c>.</summary>
    public JsonObject? OutputParameters { get; set; }

    /// <summary>The definition schema version; always 2.</summary>
    public int SchemaVersion { get; set; } = 2;

    /// <summary>The owner's e-mail address; some servers require it.</summary>
    public string? OwnerEmail { get; set; }

    /// <summary>How long the workflow may run, 0 for no limit.</summary>
    public long TimeoutSeconds { get; set; }

    /// <summary><c>TIME_OUT_WF</c> or <c>ALERT_ONLY</c>.</summary>
    public string? TimeoutPolicy { get; set; }

    /// <summary>Whether a finished workflow may be restarted.</summary>
    public bool? Restartable { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} v{Version}";
}
