namespace Conductor.Generated.Diagnostics;

/// <summary>
/// The names under which the worker runtime publishes telemetry, for
/// <c>AddMeter(...)</c> and <c>AddSource(...)</c> in OpenTelemetry.
/// </summary>
public static class ConductorDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> with the task counters and histograms.</summary>
    public const string MeterName = "Conductor.Generated";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> with one activity per task execution.</summary>
    public const string ActivitySourceName = "Conductor.Generated";
}
