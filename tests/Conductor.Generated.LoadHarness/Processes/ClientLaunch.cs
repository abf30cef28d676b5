namespace Conductor.Generated.LoadHarness.Processes;

/// <summary>How to start one client process.</summary>
internal sealed record ClientLaunch(string FileName, IReadOnlyList<string> Arguments, string? WorkingDirectory = null)
{
    /// <summary>Environment variables set for the process (runtime knobs tried by an experiment), beside the inherited ones.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
