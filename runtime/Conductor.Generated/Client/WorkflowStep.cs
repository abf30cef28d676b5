using System.Text.Json.Nodes;

namespace Conductor.Generated.Client;

/// <summary>
/// One step of a <see cref="WorkflowDefinition"/>, as the client registers it (the server's
/// <c>WorkflowTask</c>, with the fields a definition of worker steps needs). The testing kit's
/// <c>WorkflowTask</c> is its full model of the same JSON, with every system task's fields.
/// </summary>
public sealed class WorkflowStep
{
    /// <summary>The task type <c>SIMPLE</c>, run by workers.</summary>
    public const string SimpleType = "SIMPLE";

    /// <summary>The task definition name (for a SIMPLE task, what workers poll for).</summary>
    public string Name { get; set; } = "";

    /// <summary>The step's name in this workflow, unique in it.</summary>
    public string TaskReferenceName { get; set; } = "";

    /// <summary>The task type; <see cref="SimpleType"/> by default.</summary>
    public string Type { get; set; } = SimpleType;

    /// <summary>The step's input; values may be expressions such as <c>${workflow.input.name}</c>.</summary>
    public JsonObject? InputParameters { get; set; }

    /// <summary>Whether the workflow goes on when this step fails.</summary>
    public bool Optional { get; set; }

    /// <summary>A description for people.</summary>
    public string? Description { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{TaskReferenceName} ({Type} {Name})";
}
