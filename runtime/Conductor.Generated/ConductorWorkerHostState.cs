namespace Conductor.Generated;

/// <summary>Where a <see cref="ConductorWorkerHost"/> is in its life.</summary>
public enum ConductorWorkerHostState
{
    /// <summary><see cref="ConductorWorkerHost.StartAsync"/> has not been called (or failed).</summary>
    NotStarted,

    /// <summary>The workers poll and run tasks.</summary>
    Running,

    /// <summary>Stopping has begun: no more polls; tasks in flight finish or are cancelled.</summary>
    Stopping,

    /// <summary>Stopped; a host is not started again.</summary>
    Stopped,
}
