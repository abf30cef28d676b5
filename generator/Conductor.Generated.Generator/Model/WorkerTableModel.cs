namespace Conductor.Generated.Generator.Model;

/// <summary>A worker with its types resolved and the names its generated members use.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="MemberName">The property of <c>ConductorWorkers</c> and the nested invoker class.</param>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="TaskDefinitionJson">The worker's Conductor task definition as JSON text.</param>
internal sealed record ResolvedWorker(WorkerModel Worker, string MemberName, string HintName, string TaskDefinitionJson);

/// <summary>
/// Where the generated class goes, whether <c>[assembly: PublicConductorWorkers]</c> makes it
/// public, the owner email <c>[assembly: TaskDefinitionOwner]</c> gives every task definition, and
/// whether the hosting package that gives each task a service scope is referenced.
/// </summary>
internal sealed record GenerationTarget(string Namespace, bool IsPublic, string? DefaultOwnerEmail, bool HostingReferenced)
{
    public static GenerationTarget Of(Microsoft.CodeAnalysis.Compilation compilation)
    {
        var isPublic = false;
        string? ownerEmail = null;
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case KnownTypeSymbols.PublicConductorWorkersAttributeName:
                    isPublic = true;
                    break;
                case KnownTypeSymbols.TaskDefinitionOwnerAttributeName when attribute.ConstructorArguments.Length == 1:
                    ownerEmail = attribute.ConstructorArguments[0].Value as string;
                    break;
            }
        }

        return new GenerationTarget(
            GeneratedNamespace.FromAssemblyName(compilation.AssemblyName),
            isPublic,
            string.IsNullOrWhiteSpace(ownerEmail) ? null : ownerEmail,
            HostingReferenced: compilation.GetTypeByMetadataName(KnownTypeSymbols.HostingMarkerName) is not null);
    }
}

/// <summary>
/// Everything the generated files of one assembly need; no namespace (nothing generated) when the
/// runtime is not referenced or the assembly has no <c>[WorkerTask]</c> method; an empty one for the global namespace.
/// </summary>
internal sealed record WorkerTableModel(string? Namespace, EquatableArray<ResolvedWorker> Workers, EquatableArray<DiagnosticInfo> Diagnostics, bool IsPublic = false);

/// <summary>One worker's generated file.</summary>
internal sealed record WorkerFileModel(string Namespace, ResolvedWorker Worker);
