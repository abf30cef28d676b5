using System.Diagnostics;

namespace Conductor.Generated.LoadHarness.Server;

/// <summary>When the server scheduled a task, first handed it to a worker, and took its final result (Stopwatch ticks; 0 = not yet).</summary>
internal sealed class TaskTimeline(string taskId)
{
    public string TaskId { get; } = taskId;

    public long Scheduled { get; set; }

    public long HandedOut { get; set; }

    public long Completed { get; set; }

    /// <summary>From the poll answer that carried the task to its result: the client's whole round trip.</summary>
    public TimeSpan PollToCompletion => Stopwatch.GetElapsedTime(HandedOut, Completed);

    /// <summary>From scheduling to the result: adds the time the task waited for a poll.</summary>
    public TimeSpan ScheduleToCompletion => Stopwatch.GetElapsedTime(Scheduled, Completed);
}
