namespace Conductor.Generated.LoadHarness.Processes;

/// <summary>How to start one client process.</summary>
internal sealed record ClientLaunch(string FileName, IReadOnlyList<string> Arguments, string? WorkingDirectory = null);
