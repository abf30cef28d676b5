using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Testing;

/// <summary>A workflow definition as Conductor stores it (<c>/api/metadata/workflow</c>).</summary>
public sealed class WorkflowDef
{
    /// <summary>The workflow's name; started by this name.</summary>
    public string? Name { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>Name and version identify a definition; starting without a version takes the highest.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The tasks, run one after another.</summary>
    public List<WorkflowTask>? Tasks { get; set; }

    /// <summary>Documentation of the expected input keys.</summary>
    public List<string>? InputParameters { get; set; }

    /// <summary>
    /// The workflow's output, with <c>${...}</c> expressions resolved when the workflow ends.
    /// Empty: the output of the last task.
    /// </summary>
    public JsonObject? OutputParameters { get; set; }

    /// <summary>Only schema version 2 is supported, as on the real server.</summary>
    public int SchemaVersion { get; set; } = 2;

    /// <summary>Owner of the definition; not required by the test server.</summary>
    public string? OwnerEmail { get; set; }

    /// <summary>
    /// The run's time limit from its start (or last retry or resume); 0 for none. Over it the run
    /// ends TIMED_OUT, unless the definition's <c>timeoutPolicy</c> is ALERT_ONLY.
    /// </summary>
    public long TimeoutSeconds { get; set; }

    /// <summary>Epoch milliseconds of registration, set by the server.</summary>
    public long? CreateTime { get; set; }

    /// <summary>Epoch milliseconds of the last update, set by the server.</summary>
    public long? UpdateTime { get; set; }

    /// <summary>Fields this model does not name, kept so that they come back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One step of a <see cref="WorkflowDef"/>.</summary>
public sealed class WorkflowTask
{
    /// <summary>The task definition's name, which is the task type workers poll for.</summary>
    public string? Name { get; set; }

    /// <summary>Unique within the workflow; expressions refer to the task's output by it.</summary>
    public string? TaskReferenceName { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>The task's input, with <c>${...}</c> expressions resolved when it is scheduled.</summary>
    public JsonObject? InputParameters { get; set; }

    /// <summary>Only SIMPLE (worker) tasks run on the test server.</summary>
    public string Type { get; set; } = WorkflowTaskTypes.Simple;

    /// <summary>An optional task that fails lets the workflow go on (COMPLETED_WITH_ERRORS).</summary>
    public bool Optional { get; set; }

    /// <summary>Overrides the task definition's retry count when set.</summary>
    public int? RetryCount { get; set; }

    /// <summary>Fields this model does not name, kept so that they come back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Task type names the test server knows.</summary>
public static class WorkflowTaskTypes
{
    /// <summary>A task executed by a polling worker.</summary>
    public const string Simple = "SIMPLE";
}
