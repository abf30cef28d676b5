namespace Conductor.Generated;

/// <summary>
/// Makes the generated <c>ConductorWorkers</c> class of this assembly <see langword="public"/>
/// instead of <see langword="internal"/>, so that an application referencing this class library
/// can run its workers: <c>[.. ConductorWorkers.All, .. MyLibrary.ConductorWorkers.All]</c>.
/// Apply it once, to the assembly: <c>[assembly: PublicConductorWorkers]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class PublicConductorWorkersAttribute : Attribute;
