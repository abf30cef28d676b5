using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Testing;

/// <summary>
/// A task definition as Conductor stores it (<c>/api/metadata/taskdefs</c>). Unset properties take
/// the server's defaults: 3 retries, FIXED retry logic with a 60 second delay, TIME_OUT_WF and a
/// response timeout of one hour. A workflow run takes the definitions registered when it starts
/// (or those its steps embed, <see cref="WorkflowTask.TaskDefinition"/>) and keeps them.
/// </summary>
public sealed class TaskDef
{
    /// <summary>The task type; workers poll for it by this name.</summary>
    public string? Name { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>How many times a FAILED or TIMED_OUT task is retried before the workflow fails.</summary>
    public int RetryCount { get; set; } = 3;

    /// <summary>Seconds a single attempt may take from its first poll; 0 means no limit.</summary>
    public long TimeoutSeconds { get; set; }

    /// <summary>Documentation of the expected input keys.</summary>
    public List<string>? InputKeys { get; set; }

    /// <summary>Documentation of the produced output keys.</summary>
    public List<string>? OutputKeys { get; set; }

    /// <summary>What happens when <see cref="TimeoutSeconds"/> passes.</summary>
    public TaskTimeoutPolicy TimeoutPolicy { get; set; } = TaskTimeoutPolicy.TimeOutWorkflow;

    /// <summary>How the delay between retries grows.</summary>
    public RetryLogic RetryLogic { get; set; } = RetryLogic.Fixed;

    /// <summary>Base delay before a retry is handed out.</summary>
    public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>
    /// Seconds an IN_PROGRESS task may go without an update from its worker before it is
    /// TIMED_OUT and retried.
    /// </summary>
    public long ResponseTimeoutSeconds { get; set; } = 3600;

    /// <summary>At most this many tasks of this type are IN_PROGRESS at once; null or 0 means no limit.</summary>
    public int? ConcurrentExecLimit { get; set; }

    /// <summary>Default input merged under the workflow task's input parameters.</summary>
    public JsonObject? InputTemplate { get; set; }

    /// <summary>At most this many tasks of this type are handed out within <see cref="RateLimitFrequencyInSeconds"/>; null or 0 means no limit.</summary>
    public int? RateLimitPerFrequency { get; set; }

    /// <summary>The window of <see cref="RateLimitPerFrequency"/>, in seconds.</summary>
    public int? RateLimitFrequencyInSeconds { get; set; }

    /// <summary>Owner of the definition; not required by the test server.</summary>
    public string? OwnerEmail { get; set; }

    /// <summary>Seconds a SCHEDULED task may wait for a worker's poll before it times out; null or 0 means no limit.</summary>
    public int? PollTimeoutSeconds { get; set; }

    /// <summary>Multiplier for <see cref="RetryLogic.LinearBackoff"/>.</summary>
    public int BackoffScaleFactor { get; set; } = 1;

    /// <summary>Upper bound of a computed retry delay; 0 means no bound.</summary>
    public int MaxRetryDelaySeconds { get; set; }

    /// <summary>
    /// At most this many milliseconds, chosen at random, are added to each retry delay, so that
    /// many retries due at once spread out; 0 means none.
    /// </summary>
    public int BackoffJitterMs { get; set; }

    /// <summary>Seconds all attempts of a task together may take, retry delays included; 0 means no limit.</summary>
    public long TotalTimeoutSeconds { get; set; }

    /// <summary>Epoch milliseconds of registration, set by the server.</summary>
    public long? CreateTime { get; set; }

    /// <summary>Epoch milliseconds of the last update, set by the server.</summary>
    public long? UpdateTime { get; set; }

    /// <summary>Fields this model does not name, kept so that they come back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>What the server does when a task runs longer than its <see cref="TaskDef.TimeoutSeconds"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskTimeoutPolicy>))]
public enum TaskTimeoutPolicy
{
    /// <summary>TIME_OUT_WF: the task and its workflow end TIMED_OUT.</summary>
    [JsonStringEnumMemberName("TIME_OUT_WF")]
    TimeOutWorkflow,

    /// <summary>RETRY: the task ends TIMED_OUT and is retried.</summary>
    [JsonStringEnumMemberName("RETRY")]
    Retry,

    /// <summary>ALERT_ONLY: nothing happens.</summary>
    [JsonStringEnumMemberName("ALERT_ONLY")]
    AlertOnly,
}

/// <summary>How the delay before a retry is computed from <see cref="TaskDef.RetryDelaySeconds"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetryLogic>))]
public enum RetryLogic
{
    /// <summary>FIXED: always the base delay.</summary>
    [JsonStringEnumMemberName("FIXED")]
    Fixed,

    /// <summary>EXPONENTIAL_BACKOFF: base delay × 2^retryCount.</summary>
    [JsonStringEnumMemberName("EXPONENTIAL_BACKOFF")]
    ExponentialBackoff,

    /// <summary>LINEAR_BACKOFF: base delay × backoffScaleFactor × (retryCount + 1).</summary>
    [JsonStringEnumMemberName("LINEAR_BACKOFF")]
    LinearBackoff,
}
