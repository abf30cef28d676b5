using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Generator;

/// <summary>
/// Turns the <c>[WorkerTask]</c> methods of an assembly into a <c>ConductorWorkers</c> class:
/// one <c>WorkerDefinition</c> field per worker, the <c>All</c> table, and per worker an
/// invoker that binds <c>inputData</c>, calls the method and writes its output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class WorkerGenerator : IIncrementalGenerator
{
    /// <summary>The names of the pipeline steps, for incrementality tests.</summary>
    internal static class TrackingNames
    {
        public const string Workers = nameof(Workers);
        public const string WorkerModels = nameof(WorkerModels);
        public const string WorkerSites = nameof(WorkerSites);
        public const string CollectedSites = nameof(CollectedSites);
        public const string TableDiagnostics = nameof(TableDiagnostics);
        public const string Diagnostics = nameof(Diagnostics);
        public const string JsonContexts = nameof(JsonContexts);
        public const string Namespace = nameof(Namespace);
        public const string WorkerNamespaces = nameof(WorkerNamespaces);
        public const string CollectedNamespaces = nameof(CollectedNamespaces);
        public const string Target = nameof(Target);
        public const string CollectedWorkers = nameof(CollectedWorkers);
        public const string CollectedJsonContexts = nameof(CollectedJsonContexts);
        public const string TableWorkers = nameof(TableWorkers);
        public const string TableInputs = nameof(TableInputs);
        public const string Table = nameof(Table);
        public const string WorkerFiles = nameof(WorkerFiles);
        public const string Binders = nameof(Binders);
        public const string Bindings = nameof(Bindings);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsedWorkers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeSymbols.WorkerTaskAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                Parser.ParseWorker)
            .WithTrackingName(TrackingNames.Workers);

        // The models hold no locations: moving a worker changes its site only, and the files stay cached.
        var workers = parsedWorkers
            .Select(static (parsed, _) => parsed.Worker)
            .WithTrackingName(TrackingNames.WorkerModels);
        var sites = parsedWorkers
            .Select(static (parsed, _) => parsed.Site)
            .WithTrackingName(TrackingNames.WorkerSites);

        var jsonContexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeSymbols.JsonSerializableAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                Parser.ParseJsonContext)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.JsonContexts);

        // Null when the compilation does not reference the runtime: then there is nothing to generate against.
        // Its namespace is the assembly name's, used for a public class whose workers share no namespace.
        var generatedNamespace = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(KnownTypeSymbols.WorkerDefinitionName) is null
                ? null
                : GenerationTarget.Of(compilation))
            .WithTrackingName(TrackingNames.Namespace);

        // The steps below combine and carry only classes and the ImmutableArray of Collect, in the
        // shapes the SDK's own generators use too ((class, ImmutableArray) pairs, no structs of
        // this assembly): each other shape of a step's value is a generic instantiation of Roslyn's
        // pipeline (its node, table, builder and entry types) that the JIT compiles anew in every
        // build with a fresh compiler (docs/performance.md, "Build cost").

        // Where the generated class goes: the namespace the workers' types share (none without a worker).
        // Only the namespaces are collected, so that an edit inside a worker leaves this step cached.
        var target = generatedNamespace
            .Combine(parsedWorkers
                .Select(static (parsed, _) => parsed.Namespace)
                .WithTrackingName(TrackingNames.WorkerNamespaces)
                .Collect()
                .WithTrackingName(TrackingNames.CollectedNamespaces))
            .Select(static (input, _) => TableBuilder.TargetFor(input.Right, input.Left))
            .WithTrackingName(TrackingNames.Target);

        var table = target
            .Combine(workers.Collect().WithTrackingName(TrackingNames.CollectedWorkers))
            .Select(static (input, _) => new TableWorkers(input.Left, input.Right))
            .WithTrackingName(TrackingNames.TableWorkers)
            .Combine(jsonContexts.Collect().WithTrackingName(TrackingNames.CollectedJsonContexts))
            .WithTrackingName(TrackingNames.TableInputs)
            .Select(static (input, cancellationToken) => TableBuilder.Build(input.Left.Workers, input.Right, input.Left.Target, cancellationToken))
            .WithTrackingName(TrackingNames.Table);

        var workerFiles = table
            .SelectMany(static (model, _) => model.Namespace is null
                ? Enumerable.Empty<WorkerFileModel>()
                : FilesOf(model.Namespace, model.Workers))
            .WithTrackingName(TrackingNames.WorkerFiles);

        // Diagnostics have their own output: the parser's, and the table's placed at the sites of their
        // workers. Without diagnostics the list stays empty, and an edit that only moves code reports nothing anew.
        var diagnostics = table
            .Select(static (model, _) => new DiagnosticList<WorkerDiagnosticInfo>(model.Diagnostics))
            .WithTrackingName(TrackingNames.TableDiagnostics)
            .Combine(sites.Collect().WithTrackingName(TrackingNames.CollectedSites))
            .Select(static (input, _) => PlaceDiagnostics(input.Right, input.Left.Items))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, placed) =>
        {
            foreach (var diagnostic in placed.Items)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(table, static (output, model) =>
        {
            if (model.Namespace is not null)
            {
                output.AddSource(Emitter.TableHintName, Emitter.EmitTable(model));
            }
        });

        var binders = table
            .Select(static (model, _) => model.Namespace is null || model.Workers.Count == 0 ? null : model.Binders)
            .WithTrackingName(TrackingNames.Binders);

        context.RegisterSourceOutput(binders, static (output, model) =>
        {
            if (model is not null)
            {
                output.AddSource(Emitter.BindersHintName, Emitter.EmitBinders(model));
            }
        });

        // One file per shared binding: a change to one worker's signature changes the bindings it leaves and joins only.
        var bindings = table
            .SelectMany(static (model, _) => model.Namespace is null ? EquatableArray<BindingModel>.Empty : model.Bindings)
            .WithTrackingName(TrackingNames.Bindings);
        context.RegisterSourceOutput(bindings, static (output, binding) =>
            output.AddSource(Emitter.BindingHintName(binding.Name), Emitter.EmitBinding(binding)));

        context.RegisterSourceOutput(workerFiles, static (output, file) =>
            output.AddSource(file.HintName, Emitter.EmitWorker(file)));
    }

    /// <summary>The workers grouped by the file of their declaring class, in declaration order.</summary>
    private static List<WorkerFileModel> FilesOf(string generatedNamespace, EquatableArray<ResolvedWorker> workers)
    {
        var files = new Dictionary<string, List<ResolvedWorker>>(System.StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var worker in workers)
        {
            if (!files.TryGetValue(worker.HintName, out var list))
            {
                list = new List<ResolvedWorker>();
                files.Add(worker.HintName, list);
                order.Add(worker.HintName);
            }

            list.Add(worker);
        }

        // Each file's array of definitions is a field of Binders named after a hash of the file's hint
        // name (so that adding a class renames no other class's field), numbered on a collision.
        var usedNames = new HashSet<string>(System.StringComparer.Ordinal);
        var models = new List<WorkerFileModel>(order.Count);
        foreach (var hintName in order)
        {
            var baseName = "Workers" + SchemaCatalog.Hash(hintName).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            var name = baseName;
            for (var number = 2; !usedNames.Add(name); number++)
            {
                name = baseName + "_" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            models.Add(new WorkerFileModel(generatedNamespace, hintName, files[hintName].ToEquatableArray(), name));
        }

        return models;
    }

    /// <summary>The parser's diagnostics, then the table's at the locations their workers' sites give.</summary>
    private static DiagnosticList<DiagnosticInfo> PlaceDiagnostics(ImmutableArray<WorkerSite> sites, EquatableArray<WorkerDiagnosticInfo> tableDiagnostics)
    {
        var placed = new List<DiagnosticInfo>();
        foreach (var site in sites)
        {
            placed.AddRange(site.Diagnostics);
        }

        foreach (var diagnostic in tableDiagnostics)
        {
            var site = sites[diagnostic.Worker];
            var location = diagnostic.Parameter >= 0 && diagnostic.Parameter < site.Parameters.Count ? site.Parameters[diagnostic.Parameter] : site.Method;
            placed.Add(diagnostic.Diagnostic with { Location = location });
        }

        return new DiagnosticList<DiagnosticInfo>(placed.ToEquatableArray());
    }
}
