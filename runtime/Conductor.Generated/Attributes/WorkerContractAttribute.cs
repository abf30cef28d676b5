using System.ComponentModel;

namespace Conductor.Generated;

/// <summary>
/// Written by the source generator on the assembly, once per worker: the worker's generated task
/// definition (<see cref="WorkerDefinition.TaskDefinitionJson"/>, with JSON Schemas of its input and
/// output). The workflow analyzer of a project that references the assembly reads it, so workflow
/// files there are checked against the workers of referenced libraries too (it is kept in
/// reference assemblies, unlike the generated table's private constants). Not for hand-written code.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerContractAttribute : Attribute
{
    /// <summary>Records a worker's task definition.</summary>
    public WorkerContractAttribute(string taskDefinitionJson)
    {
        TaskDefinitionJson = taskDefinitionJson;
    }

    /// <summary>The worker's task definition as JSON text.</summary>
    public string TaskDefinitionJson { get; }
}
