using System.Text.Json.Nodes;

namespace Conductor.Generated.Client;

/// <summary>The body of <c>POST /api/workflow</c>.</summary>
public sealed class StartWorkflowRequest
{
    /// <summary>The workflow name (required).</summary>
    public string Name { get; set; } = "";

    /// <summary>The version, or <see langword="null"/> for the latest.</summary>
    public int? Version { get; set; }

    /// <summary>An id of the caller's choosing, copied into the workflow and its tasks.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The workflow input.</summary>
    public JsonObject? Input { get; set; }

    /// <summary>Which domain each task type is scheduled in (<c>"*"</c> for all).</summary>
    public IDictionary<string, string>? TaskToDomain { get; set; }

    /// <summary>0 (lowest) to 99.</summary>
    public int? Priority { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Version is null ? Name : $"{Name} v{Version}";
}
