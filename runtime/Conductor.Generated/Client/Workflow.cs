using System.Text.Json;

namespace Conductor.Generated.Client;

/// <summary>A workflow execution as <c>GET /api/workflow/{id}</c> answers it (unknown fields ignored).</summary>
public sealed class Workflow
{
    /// <summary>The workflow's id.</summary>
    public string WorkflowId { get; set; } = "";

    /// <summary>The workflow definition name.</summary>
    public string? WorkflowName { get; set; }

    /// <summary>The workflow definition version.</summary>
    public int WorkflowVersion { get; set; }

    /// <summary>RUNNING, COMPLETED, FAILED, TIMED_OUT, TERMINATED or PAUSED.</summary>
    public string? Status { get; set; }

    /// <summary>The workflow input object.</summary>
    public JsonElement Input { get; set; }

    /// <summary>The workflow output object.</summary>
    public JsonElement Output { get; set; }

    /// <summary>Why the workflow failed, timed out or was terminated.</summary>
    public string? ReasonForIncompletion { get; set; }

    /// <summary>The tasks scheduled so far (when asked for with <c>includeTasks</c>).</summary>
    public IList<ConductorTask> Tasks { get; set; } = [];

    /// <summary>The correlation id given at start.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>When the workflow started, in epoch milliseconds.</summary>
    public long StartTime { get; set; }

    /// <summary>When the workflow ended, in epoch milliseconds; 0 while it runs.</summary>
    public long EndTime { get; set; }

    /// <summary>The workflow's priority.</summary>
    public int Priority { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{WorkflowName} {WorkflowId} ({Status})";
}
