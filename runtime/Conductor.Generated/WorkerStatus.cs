namespace Conductor.Generated;

/// <summary>
/// A snapshot of one worker of a running <see cref="ConductorWorkerHost"/>, for health checks and
/// diagnostics pages.
/// </summary>
/// <param name="TaskName">The task name the worker polls for.</param>
/// <param name="Settings">The settings in effect: the worker's own with overrides and environment variables applied.</param>
/// <param name="IsPaused">Whether the worker is paused.</param>
/// <param name="LastPollSucceededAt">When a poll last got an answer (with or without tasks); <see langword="null"/> before the first.</param>
/// <param name="PollsFailingSince">
/// When the current run of failed polls began; <see langword="null"/> while the last poll succeeded.
/// </param>
/// <param name="ConsecutivePollFailures">How many polls in a row have failed; 0 after a success.</param>
public sealed record WorkerStatus(
    string TaskName,
    WorkerSettings Settings,
    bool IsPaused,
    DateTimeOffset? LastPollSucceededAt,
    DateTimeOffset? PollsFailingSince,
    int ConsecutivePollFailures);
