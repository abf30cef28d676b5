using System.ComponentModel;

namespace Conductor.Generated;

/// <summary>
/// Written by the source generator on the assembly, once per class that declares workers: the
/// generated task definitions of its workers as one JSON array (each a
/// <see cref="WorkerDefinition.TaskDefinitionJson"/>, with JSON Schemas of its input and output). A
/// string rather than an array of strings: arrays as attribute arguments are not CLS-compliant (CS3016). The workflow analyzer of a project that references the assembly reads it, so
/// workflow files there are checked against the workers of referenced libraries too (it is kept in
/// reference assemblies, unlike the generated table, which is internal). Not for hand-written code.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerContractAttribute : Attribute
{
    /// <summary>Records the workers' task definitions: a JSON array of them (or one task definition, a JSON object).</summary>
    public WorkerContractAttribute(string taskDefinitionsJson)
    {
        TaskDefinitionsJson = taskDefinitionsJson;
    }

    /// <summary>The workers' task definitions as JSON text: an array of them, or one task definition.</summary>
    public string TaskDefinitionsJson { get; }
}
