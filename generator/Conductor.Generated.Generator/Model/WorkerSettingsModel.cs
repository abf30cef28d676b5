namespace Conductor.Generated.Generator.Model;

/// <summary>The <c>[WorkerTask]</c> settings that were set explicitly.</summary>
internal sealed record WorkerSettingsModel(int? Concurrency, int? PollIntervalMs, string? Domain, int? PollTimeoutMs)
{
    public bool IsEmpty => Concurrency is null && PollIntervalMs is null && Domain is null && PollTimeoutMs is null;
}
