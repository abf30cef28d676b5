namespace Conductor.Generated.Polling;

/// <summary>
/// The three stages of stopping, as tokens every part of the runtime listens to.
/// </summary>
/// <param name="StopPolling">No new polls; pauses between polls end at once.</param>
/// <param name="CancelTasks">
/// The grace period is over: running workers are cancelled, polls in flight are aborted and
/// failed result deliveries are no longer retried.
/// </param>
/// <param name="Abandon">The host no longer waits: requests still in flight are aborted.</param>
internal sealed record ShutdownSignals(CancellationToken StopPolling, CancellationToken CancelTasks, CancellationToken Abandon);
