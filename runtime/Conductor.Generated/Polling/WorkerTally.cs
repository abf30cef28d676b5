using Conductor.Generated.Client;

namespace Conductor.Generated.Polling;

/// <summary>
/// The tasks of one worker for its summary line: how many are running, and how many completed
/// and failed since the last line. A task counts as running from its start until its result is
/// known (before it is reported), then as completed or failed.
/// </summary>
internal sealed class WorkerTally
{
    private long _completed;
    private long _failed;
    private int _running;

    /// <summary>Tasks started whose result is not known yet.</summary>
    public int Running => Volatile.Read(ref _running);

    public void Started() => Interlocked.Increment(ref _running);

    /// <summary>
    /// Ends a running task, counted by the status its result is reported with; <c>IN_PROGRESS</c>
    /// (a callback) counts as neither.
    /// </summary>
    public void Record(TaskResultStatus status)
    {
        switch (status)
        {
            case TaskResultStatus.Completed:
                Interlocked.Increment(ref _completed);
                break;
            case TaskResultStatus.Failed or TaskResultStatus.FailedWithTerminalError:
                Interlocked.Increment(ref _failed);
                break;
        }

        Interlocked.Decrement(ref _running);
    }

    /// <summary>Ends a running task that has no result (a runtime fault): counted as neither completed nor failed.</summary>
    public void RecordNoResult() => Interlocked.Decrement(ref _running);

    /// <summary>The counts since the last call, starting again from zero.</summary>
    public (long Completed, long Failed) Take() => (Interlocked.Exchange(ref _completed, 0), Interlocked.Exchange(ref _failed, 0));
}
