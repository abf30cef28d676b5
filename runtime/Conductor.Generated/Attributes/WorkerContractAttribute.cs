using System.ComponentModel;

namespace Conductor.Generated;

/// <summary>
/// Written by the source generator on the assembly, once per class that declares workers: the
/// generated task definitions of its workers (<see cref="WorkerDefinition.TaskDefinitionJson"/>, with JSON Schemas of their
/// input and output). The workflow analyzer of a project that references the assembly reads it, so
/// workflow files there are checked against the workers of referenced libraries too (it is kept in
/// reference assemblies, unlike the generated table, which is internal). Not for hand-written code.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerContractAttribute : Attribute
{
    /// <summary>Records the workers' task definitions, one JSON text per worker.</summary>
    public WorkerContractAttribute(params string[] taskDefinitionsJson)
    {
        TaskDefinitionsJson = taskDefinitionsJson;
    }

    /// <summary>The workers' task definitions, one JSON text per worker.</summary>
    public IReadOnlyList<string> TaskDefinitionsJson { get; }
}
