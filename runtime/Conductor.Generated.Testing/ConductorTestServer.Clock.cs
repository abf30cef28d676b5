namespace Conductor.Generated.Testing;

/// <summary>The engine, for the testing kit's clock control and workflow reading.</summary>
public sealed partial class ConductorTestServer
{
    /// <summary>The engine behind the HTTP API: its state, its clock hooks.</summary>
    internal ConductorEngine Engine => _engine;

    /// <summary>The clock the server runs on.</summary>
    internal TimeProvider Clock => _settings.Clock;
}
