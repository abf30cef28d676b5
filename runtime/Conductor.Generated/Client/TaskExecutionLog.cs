namespace Conductor.Generated.Client;

/// <summary>
/// One line of a task's execution log, as sent with a result and stored by the server
/// (<c>TaskExecLog</c>); the test server of the testing kit stores and returns the same model.
/// </summary>
public sealed class TaskExecutionLog
{
    /// <summary>The text of the line.</summary>
    public string? Log { get; set; }

    /// <summary>The task the line belongs to.</summary>
    public string? TaskId { get; set; }

    /// <summary>When the line was written, in epoch milliseconds.</summary>
    public long CreatedTime { get; set; }
}
