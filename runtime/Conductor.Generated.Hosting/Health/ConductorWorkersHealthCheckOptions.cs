namespace Conductor.Generated.Hosting.Health;

/// <summary>Thresholds of the Conductor workers' health check.</summary>
public sealed class ConductorWorkersHealthCheckOptions
{
    /// <summary>
    /// How long a worker's polls may keep failing before the check reports the failure status
    /// (unhealthy by default); until then it reports degraded. One minute by default: a
    /// restarting server or a short network outage is not worth restarting the process for.
    /// </summary>
    public TimeSpan UnhealthyAfter
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromMinutes(1);
}
