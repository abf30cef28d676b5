namespace Conductor.Generated.Polling;

/// <summary>How one worker's polls have been going lately; read by <see cref="ConductorWorkerHost.GetWorkerStatuses"/>.</summary>
internal sealed class PollHealth(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _failingSince;
    private int _consecutiveFailures;

    public void Succeeded()
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            _lastSuccess = now;
            _failingSince = null;
            _consecutiveFailures = 0;
        }
    }

    public void Failed()
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            _failingSince ??= now;
            _consecutiveFailures++;
        }
    }

    public (DateTimeOffset? LastSuccess, DateTimeOffset? FailingSince, int ConsecutiveFailures) Read()
    {
        lock (_gate)
        {
            return (_lastSuccess, _failingSince, _consecutiveFailures);
        }
    }
}
