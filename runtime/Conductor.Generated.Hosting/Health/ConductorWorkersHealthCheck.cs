using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conductor.Generated.Hosting.Health;

/// <summary>
/// Reports the workers' health: <see cref="HealthStatus.Unhealthy"/> when the worker host is not
/// running or a worker's polls have failed for at least <see cref="ConductorWorkersHealthCheckOptions.UnhealthyAfter"/>;
/// <see cref="HealthStatus.Degraded"/> when a worker is paused or its polls have started failing;
/// <see cref="HealthStatus.Healthy"/> otherwise. The data names each worker's state.
/// </summary>
internal sealed class ConductorWorkersHealthCheck(ConductorWorkerHost workerHost, ConductorWorkersHealthCheckOptions options, TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = workerHost.State;
        if (state != ConductorWorkerHostState.Running)
        {
            return Task.FromResult(new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The Conductor worker host is {StateName(state)}.",
                data: new Dictionary<string, object> { ["state"] = StateName(state) }));
        }

        var now = timeProvider.GetUtcNow();
        var data = new Dictionary<string, object> { ["state"] = StateName(state) };
        var failing = new List<string>();
        var starting = new List<string>();
        var paused = new List<string>();
        foreach (var worker in workerHost.GetWorkerStatuses())
        {
            if (worker.IsPaused)
            {
                paused.Add(worker.TaskName);
                data[worker.TaskName] = "paused";
            }
            else if (worker.PollsFailingSince is { } since)
            {
                var failingFor = now - since;
                (failingFor >= options.UnhealthyAfter ? failing : starting).Add(worker.TaskName);
                data[worker.TaskName] = $"polls failing for {(long)failingFor.TotalSeconds} s ({worker.ConsecutivePollFailures} in a row)";
            }
            else
            {
                data[worker.TaskName] = "polling";
            }
        }

        var result = failing.Count > 0
            ? new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Polls have failed for {options.UnhealthyAfter.TotalSeconds:0.###} s or more for: {string.Join(", ", failing)}.",
                data: data)
            : starting.Count > 0 || paused.Count > 0
                ? HealthCheckResult.Degraded(DegradedDescription(starting, paused), data: data)
                : HealthCheckResult.Healthy("Every Conductor worker is polling.", data);
        return Task.FromResult(result);
    }

    private static string DegradedDescription(List<string> failing, List<string> paused)
    {
        var parts = new List<string>(2);
        if (failing.Count > 0)
        {
            parts.Add($"polls failing for: {string.Join(", ", failing)}");
        }

        if (paused.Count > 0)
        {
            parts.Add($"paused: {string.Join(", ", paused)}");
        }

        return $"Conductor workers {string.Join("; ", parts)}.";
    }

    private static string StateName(ConductorWorkerHostState state) => state switch
    {
        ConductorWorkerHostState.NotStarted => "not started",
        ConductorWorkerHostState.Running => "running",
        ConductorWorkerHostState.Stopping => "stopping",
        ConductorWorkerHostState.Stopped => "stopped",
        _ => state.ToString(),
    };
}
