namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// The fault-injection tests run one after another: each pushes thousands of requests through a
/// server and a host, and on a small machine they would otherwise starve each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultInjectionGroup
{
    public const string Name = "Fault injection";
}
