namespace Conductor.Generated.Generator.Model;

/// <summary>A worker with its types resolved and the names its generated members use.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="MemberName">The property of <c>ConductorWorkers</c> and the nested invoker class.</param>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="TaskDefinitionJson">The worker's Conductor task definition as JSON text.</param>
internal sealed record ResolvedWorker(WorkerModel Worker, string MemberName, string HintName, string TaskDefinitionJson);

/// <summary>Where the generated class goes, and whether <c>[assembly: PublicConductorWorkers]</c> makes it public.</summary>
internal sealed record GenerationTarget(string Namespace, bool IsPublic);

/// <summary>Everything the generated files of one assembly need; no namespace when the runtime is not referenced.</summary>
internal sealed record WorkerTableModel(string? Namespace, EquatableArray<ResolvedWorker> Workers, EquatableArray<DiagnosticInfo> Diagnostics, bool IsPublic = false);

/// <summary>One worker's generated file.</summary>
internal sealed record WorkerFileModel(string Namespace, ResolvedWorker Worker);
