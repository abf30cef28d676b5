using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Testing;

/// <summary>One run of a workflow, as <c>GET /api/workflow/{workflowId}</c> returns it.</summary>
public sealed class WorkflowExecution
{
    /// <summary>The run's id.</summary>
    public string WorkflowId { get; set; } = "";

    /// <summary>The definition's name.</summary>
    public string? WorkflowName { get; set; }

    /// <summary>The definition's version.</summary>
    public int WorkflowVersion { get; set; }

    /// <summary>As given when the workflow was started.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>RUNNING until it ends.</summary>
    public WorkflowStatus Status { get; set; }

    /// <summary>Why a workflow failed, timed out or was terminated.</summary>
    public string? ReasonForIncompletion { get; set; }

    /// <summary>The input given at start.</summary>
    public JsonObject Input { get; set; } = [];

    /// <summary>The output, set when the workflow ends.</summary>
    public JsonObject Output { get; set; } = [];

    /// <summary>Every task scheduled so far, retries included, in order.</summary>
    public List<TaskExecution> Tasks { get; set; } = [];

    /// <summary>Task name to domain, from the start request.</summary>
    public Dictionary<string, string>? TaskToDomain { get; set; }

    /// <summary>Priority from the start request (0-99).</summary>
    public int Priority { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long CreateTime { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long UpdateTime { get; set; }

    /// <summary>Epoch milliseconds; 0 while running.</summary>
    public long EndTime { get; set; }

    /// <summary>Epoch milliseconds of the last retry or resume; 0 before. The workflow timeout counts from it.</summary>
    public long LastRetriedTime { get; set; }

    /// <summary>Reference names of the tasks that made the workflow fail.</summary>
    public List<string> FailedReferenceTaskNames { get; set; } = [];

    /// <summary>Names of the tasks that made the workflow fail.</summary>
    public List<string> FailedTaskNames { get; set; } = [];

    /// <summary>Workflow variables, set by SET_VARIABLE tasks.</summary>
    public JsonObject Variables { get; set; } = [];

    /// <summary>The workflow whose SUB_WORKFLOW task started this one.</summary>
    public string? ParentWorkflowId { get; set; }

    /// <summary>The SUB_WORKFLOW task that started this workflow.</summary>
    public string? ParentWorkflowTaskId { get; set; }

    /// <summary>The id of the task whose failure ended the run.</summary>
    public string? FailedTaskId { get; set; }

    /// <summary>The definition the run follows.</summary>
    public WorkflowDef? WorkflowDefinition { get; set; }
}

/// <summary>The status of a workflow run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    /// <summary>Still going.</summary>
    [JsonStringEnumMemberName("RUNNING")]
    Running,

    /// <summary>Every task completed.</summary>
    [JsonStringEnumMemberName("COMPLETED")]
    Completed,

    /// <summary>A task failed beyond its retries, or failed with a terminal error.</summary>
    [JsonStringEnumMemberName("FAILED")]
    Failed,

    /// <summary>A task timed out with the TIME_OUT_WF policy, or timed out beyond its retries.</summary>
    [JsonStringEnumMemberName("TIMED_OUT")]
    TimedOut,

    /// <summary>Terminated through the API, or a task was canceled.</summary>
    [JsonStringEnumMemberName("TERMINATED")]
    Terminated,

    /// <summary>Paused: nothing new is scheduled until resumed.</summary>
    [JsonStringEnumMemberName("PAUSED")]
    Paused,
}

/// <summary>Workflow status helpers.</summary>
public static class WorkflowStatusExtensions
{
    /// <summary>True once the workflow has ended and will not change any more.</summary>
    public static bool IsTerminal(this WorkflowStatus status) =>
        status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.TimedOut or WorkflowStatus.Terminated;
}
