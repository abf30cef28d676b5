namespace Conductor.Generated.Testing;

/// <summary>One line of a task's execution log.</summary>
public sealed class TaskExecutionLog
{
    /// <summary>The text.</summary>
    public string? Log { get; set; }

    /// <summary>The task the line belongs to.</summary>
    public string? TaskId { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long CreatedTime { get; set; }
}
