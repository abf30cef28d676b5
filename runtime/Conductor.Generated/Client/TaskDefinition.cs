namespace Conductor.Generated.Client;

/// <summary>
/// A task definition (<c>TaskDef</c>). Settings left <see langword="null"/> are not sent, so the
/// server's defaults apply (3 retries, FIXED retry logic, 60 s retry delay, TIME_OUT_WF, 3600 s
/// response timeout).
/// </summary>
public sealed class TaskDefinition
{
    /// <summary>The task name workers poll for (required).</summary>
    public string Name { get; set; } = "";

    /// <summary>A description for people.</summary>
    public string? Description { get; set; }

    /// <summary>How many times a <c>FAILED</c> task is retried.</summary>
    public int? RetryCount { get; set; }

    /// <summary><c>FIXED</c>, <c>EXPONENTIAL_BACKOFF</c> or <c>LINEAR_BACKOFF</c>.</summary>
    public string? RetryLogic { get; set; }

    /// <summary>Delay before a retry.</summary>
    public int? RetryDelaySeconds { get; set; }

    /// <summary>The multiplier of the backoff retry logics.</summary>
    public int? BackoffScaleFactor { get; set; }

    /// <summary>How long the task may take in all, 0 for no limit.</summary>
    public long? TimeoutSeconds { get; set; }

    /// <summary>How long the task may take across retries, 0 for no limit.</summary>
    public long? TotalTimeoutSeconds { get; set; }

    /// <summary><c>RETRY</c>, <c>TIME_OUT_WF</c> or <c>ALERT_ONLY</c>.</summary>
    public string? TimeoutPolicy { get; set; }

    /// <summary>How long a polled task may go without a result before it is handed out again.</summary>
    public long? ResponseTimeoutSeconds { get; set; }

    /// <summary>How many tasks of this type may be in progress at once across all workers.</summary>
    public int? ConcurrentExecLimit { get; set; }

    /// <summary>How many tasks may be handed out per <see cref="RateLimitFrequencyInSeconds"/>.</summary>
    public int? RateLimitPerFrequency { get; set; }

    /// <summary>The window of <see cref="RateLimitPerFrequency"/>.</summary>
    public int? RateLimitFrequencyInSeconds { get; set; }

    /// <summary>How long a scheduled task may wait to be polled.</summary>
    public int? PollTimeoutSeconds { get; set; }

    /// <summary>The input keys the task expects (documentation only).</summary>
    public IList<string>? InputKeys { get; set; }

    /// <summary>The output keys the task produces (documentation only).</summary>
    public IList<string>? OutputKeys { get; set; }

    /// <summary>The owner's e-mail address; some servers require it.</summary>
    public string? OwnerEmail { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
