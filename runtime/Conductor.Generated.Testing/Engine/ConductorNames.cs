namespace Conductor.Generated.Testing;

/// <summary>The wire names of the status enums, for messages and expression contexts.</summary>
internal static class ConductorNames
{
    public static string Of(TaskExecutionStatus status) => status switch
    {
        TaskExecutionStatus.Scheduled => "SCHEDULED",
        TaskExecutionStatus.InProgress => "IN_PROGRESS",
        TaskExecutionStatus.Completed => "COMPLETED",
        TaskExecutionStatus.Failed => "FAILED",
        TaskExecutionStatus.FailedWithTerminalError => "FAILED_WITH_TERMINAL_ERROR",
        TaskExecutionStatus.TimedOut => "TIMED_OUT",
        TaskExecutionStatus.Canceled => "CANCELED",
        TaskExecutionStatus.CompletedWithErrors => "COMPLETED_WITH_ERRORS",
        TaskExecutionStatus.Skipped => "SKIPPED",
        _ => status.ToString(),
    };

    public static string Of(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => "RUNNING",
        WorkflowStatus.Completed => "COMPLETED",
        WorkflowStatus.Failed => "FAILED",
        WorkflowStatus.TimedOut => "TIMED_OUT",
        WorkflowStatus.Terminated => "TERMINATED",
        WorkflowStatus.Paused => "PAUSED",
        _ => status.ToString(),
    };

    public static string Of(TaskTimeoutPolicy policy) => policy switch
    {
        TaskTimeoutPolicy.TimeOutWorkflow => "TIME_OUT_WF",
        TaskTimeoutPolicy.Retry => "RETRY",
        TaskTimeoutPolicy.AlertOnly => "ALERT_ONLY",
        _ => policy.ToString(),
    };

    /// <summary>The queue a task waits in: <c>domain:taskType</c> with a domain, else the task type.</summary>
    public static string QueueName(string taskType, string? domain) =>
        string.IsNullOrWhiteSpace(domain) ? taskType : $"{domain.Trim()}:{taskType}";

    /// <summary>Java's <c>String.format("%d", version)</c>, which writes a null version as "null".</summary>
    public static string Version(int? version) =>
        version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}
