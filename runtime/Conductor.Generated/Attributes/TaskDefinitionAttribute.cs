namespace Conductor.Generated;

/// <summary>
/// The Conductor task definition of a <see cref="WorkerTaskAttribute"/> method: retries, timeouts,
/// rate limits and ownership. The source generator checks the settings at compile time the way the
/// server validates them and emits the definition, with JSON Schemas of the input and the output,
/// as <see cref="WorkerDefinition.TaskDefinitionJson"/>. Settings left out are not sent, so the
/// server's defaults apply (shown on each property).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TaskDefinitionAttribute : Attribute
{
    /// <summary>What the task does. Default: the <c>&lt;summary&gt;</c> of the method's XML documentation.</summary>
    public string? Description { get; set; }

    /// <summary>Who owns the definition. The open-source server requires it unless <c>conductor.app.ownerEmailMandatory=false</c>.</summary>
    public string? OwnerEmail { get; set; }

    /// <summary>How many times a failed or timed-out task is retried; 0 or more. Server default 3.</summary>
    public int RetryCount { get; set; } = 3;

    /// <summary>How the delay between retries grows. Server default <see cref="TaskRetryLogic.Fixed"/>.</summary>
    public TaskRetryLogic RetryLogic { get; set; } = TaskRetryLogic.Fixed;

    /// <summary>The base delay in seconds before a retry; 0 or more. Server default 60.</summary>
    public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>The multiplier of <see cref="TaskRetryLogic.LinearBackoff"/>; 1 or more. Server default 1.</summary>
    public int BackoffScaleFactor { get; set; } = 1;

    /// <summary>Seconds one attempt may take; 0 means no limit. Server default 0.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>What happens when <see cref="TimeoutSeconds"/> passes. Server default <see cref="TaskTimeoutAction.TimeOutWorkflow"/>.</summary>
    public TaskTimeoutAction TimeoutPolicy { get; set; } = TaskTimeoutAction.TimeOutWorkflow;

    /// <summary>
    /// Seconds a running task may go without an update from its worker before it times out; 1 or
    /// more, and not above <see cref="TimeoutSeconds"/> when that is set. Server default 3600.
    /// </summary>
    public int ResponseTimeoutSeconds { get; set; } = 3600;

    /// <summary>Seconds all attempts together may take; 0 means no limit, otherwise at least <see cref="TimeoutSeconds"/>. Server default 0.</summary>
    public int TotalTimeoutSeconds { get; set; }

    /// <summary>At most this many tasks of this type run at once across all workers; 0 means no limit.</summary>
    public int ConcurrentExecLimit { get; set; }

    /// <summary>At most this many tasks are handed out per <see cref="RateLimitFrequencyInSeconds"/>; 0 means no limit.</summary>
    public int RateLimitPerFrequency { get; set; }

    /// <summary>The window of <see cref="RateLimitPerFrequency"/> in seconds. Server default 1.</summary>
    public int RateLimitFrequencyInSeconds { get; set; } = 1;
}

/// <summary>How the delay before a retry is computed (the task definition's <c>retryLogic</c>).</summary>
public enum TaskRetryLogic
{
    /// <summary><c>FIXED</c>: always the base delay.</summary>
    Fixed,

    /// <summary><c>EXPONENTIAL_BACKOFF</c>: the base delay doubled at each retry.</summary>
    ExponentialBackoff,

    /// <summary><c>LINEAR_BACKOFF</c>: the base delay times the backoff scale factor times the attempt.</summary>
    LinearBackoff,
}

/// <summary>What the server does when a task runs out of time (the task definition's <c>timeoutPolicy</c>).</summary>
public enum TaskTimeoutAction
{
    /// <summary><c>TIME_OUT_WF</c>: the task and its workflow time out.</summary>
    TimeOutWorkflow,

    /// <summary><c>RETRY</c>: the task times out and is retried.</summary>
    Retry,

    /// <summary><c>ALERT_ONLY</c>: the server only records it.</summary>
    AlertOnly,
}
