using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Generator.Model;

/// <summary>A worker with its types resolved and the names its generated members use.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="MemberName">The worker's field of <c>ConductorWorkers</c>.</param>
/// <param name="HintName">The hint name of the generated file of the worker's class (one file per class that declares workers).</param>
/// <param name="TaskDefinitionJson">The worker's Conductor task definition as JSON text.</param>
/// <param name="Readers">Per parameter, the <c>Binders</c> field that reads it; empty for parameters not bound from input.</param>
/// <param name="ResultWriter">The <c>Binders</c> field that writes the returned value, if any.</param>
internal sealed record ResolvedWorker(
    WorkerModel Worker,
    string MemberName,
    string HintName,
    string TaskDefinitionJson,
    EquatableArray<string> Readers,
    string? ResultWriter)
{
    /// <summary>The name of the shared binding the worker's signature uses (<c>Define…</c>, <c>Bind…</c> of <c>Binders</c>).</summary>
    public string Binding { get; init; } = "";
}

/// <summary>A binding shared by the workers of one signature: its file's members, named after a hash of their text.</summary>
internal sealed record BindingModel(string Namespace, string Name, string Code);

/// <summary>One field of the generated <c>Binders</c> class: a reader, a writer or an enum table.</summary>
internal sealed record BinderFieldModel(string FieldType, string Name, string Initializer);

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
        var attributes = MayDeclareOwnAssemblyAttributes(compilation)
            ? compilation.Assembly.GetAttributes()
            : System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.AttributeData>.Empty;
        foreach (var attribute in attributes)
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

    /// <summary>
    /// Whether the source may declare <c>[assembly: PublicConductorWorkers]</c> or
    /// <c>[assembly: TaskDefinitionOwner]</c>, from the syntax: an assembly attribute of either name,
    /// or a using alias (which could name either) at the top of a file. Without one, binding the
    /// assembly's attributes (which the compile does anyway, in its own compilation) would find neither.
    /// </summary>
    private static bool MayDeclareOwnAssemblyAttributes(Microsoft.CodeAnalysis.Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                return true;
            }

            foreach (var directive in unit.Usings)
            {
                if (directive.Alias is not null)
                {
                    return true;
                }
            }

            foreach (var list in unit.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = attribute.Name switch
                    {
                        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
                        SimpleNameSyntax simple => simple.Identifier.ValueText,
                        _ => null,
                    };
                    if (name is null or "PublicConductorWorkers" or "PublicConductorWorkersAttribute" or "TaskDefinitionOwner" or "TaskDefinitionOwnerAttribute")
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}

/// <summary>
/// Everything the generated files of one assembly need; no namespace (nothing generated) when the
/// runtime is not referenced or the assembly has no <c>[WorkerTask]</c> method; an empty one for the global namespace.
/// </summary>
internal sealed record WorkerTableModel(
    string? Namespace,
    EquatableArray<ResolvedWorker> Workers,
    EquatableArray<WorkerDiagnosticInfo> Diagnostics,
    bool IsPublic = false)
{
    /// <summary>The shared readers, writers and enum tables, and the helpers the invokers call.</summary>
    public BindersFileModel Binders { get; init; } = new("", EquatableArray<BinderFieldModel>.Empty, EquatableArray<string>.Empty);

    /// <summary>The bindings the workers share, one per signature, in order of first use.</summary>
    public EquatableArray<BindingModel> Bindings { get; init; } = EquatableArray<BindingModel>.Empty;
}

/// <summary>
/// The generated <c>Binders</c> class: each reader, writer and enum table once, and the helper
/// methods (<see cref="Helpers"/>, by name) that some invoker calls.
/// </summary>
internal sealed record BindersFileModel(string Namespace, EquatableArray<BinderFieldModel> Fields, EquatableArray<string> Helpers);

/// <summary>
/// The generated file of one class that declares workers: its workers' properties and task
/// definition constants, in declaration order. One file per class rather than per worker: each
/// generated file costs the compiler and the analyzers on its own (see docs/performance.md, "Build cost").
/// </summary>
/// <param name="Definitions">The <c>Binders</c> field holding the file's workers' definitions: <c>Workers</c> and a hash of the hint name.</param>
internal sealed record WorkerFileModel(string Namespace, string HintName, EquatableArray<ResolvedWorker> Workers, string Definitions);
