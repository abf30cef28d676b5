using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using Conductor.Generated.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Conductor.Generated.Generator.Tests;

/// <summary>
/// The schema-vs-binding check (tests/Shared/SchemaBindingCheck.cs) over the workers of every
/// baseline scenario: each scenario is compiled with the worker generator and System.Text.Json's
/// own source generator (instead of the JSON context stub of the snapshot tests), loaded, and its
/// generated workers are run on values from their generated input schemas and on values those
/// schemas reject.
/// </summary>
public sealed class BaselineSchemaBindingTests
{
    public static TheoryData<string> ScenarioNames =>
    [
        nameof(Scenarios.Greeting), nameof(Scenarios.ParameterShapes), nameof(Scenarios.ReturnShapes), nameof(Scenarios.NameCollisions),
        nameof(Scenarios.Miscellaneous), nameof(Scenarios.NewerShapes), nameof(Scenarios.Services),
    ];

    private static readonly Dictionary<string, long> WorkLimits = new(StringComparer.Ordinal) { ["times"] = 50 };

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Values_from_each_generated_input_schema_bind_and_values_it_rejects_are_refused(string scenario)
    {
        var source = (string)typeof(Scenarios).GetField(scenario, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var context = new CollectibleContext();
        try
        {
            var workers = LoadWorkers(source, context);
            Assert.NotEmpty(workers);
            foreach (var worker in workers)
            {
                await SchemaBindingCheck.CheckAsync(worker, iterations: 100, workLimits: WorkLimits);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static List<WorkerDefinition> LoadWorkers(string source, AssemblyLoadContext context)
    {
        // The scenarios declare their contexts as partial classes; the stub gives them a base class.
        // Here System.Text.Json's generator writes them, as in a real build.
        // Miscellaneous writes its context's members by hand, as the stub does: those go too.
        source = source.Replace("""
            {
                public GlobalJsonContext() : base(null) { }
                public static GlobalJsonContext Default { get; } = new();
                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
            }
            """, ";", StringComparison.Ordinal);
        List<string> sources = [source];
        if (source.Contains("partial class AppJsonContext;", StringComparison.Ordinal))
        {
            sources.Add("namespace Sample { internal partial class AppJsonContext : System.Text.Json.Serialization.JsonSerializerContext; }");
        }

        var compilation = GeneratorHarness.CreateCompilation([.. sources]);
        var driver = CSharpGeneratorDriver.Create(
            [new WorkerGenerator().AsSourceGenerator(), .. SystemTextJsonGenerators.Value],
            parseOptions: GeneratorHarness.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var assembly = context.LoadFromStream(image);
        // The table lives in the namespace its workers share (the assembly's name when they share none).
        var table = assembly.GetTypes().Single(type => type.Name == "ConductorWorkers");
        var all = (IEnumerable)table.GetProperty("All", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        return [.. all.Cast<WorkerDefinition>()];
    }

    /// <summary>System.Text.Json's source generator from the installed targeting pack, the one a build of a net10.0 project runs.</summary>
    private static readonly Lazy<ISourceGenerator[]> SystemTextJsonGenerators = new(() =>
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var version = Path.GetFileName(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var pack = Directory.Exists(Path.Combine(packs, version)) ? Path.Combine(packs, version) : Directory.GetDirectories(packs).Order(StringComparer.Ordinal).Last();
        var path = Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        Assert.True(File.Exists(path), "System.Text.Json's source generator is not at " + path);
        return [.. new AnalyzerFileReference(path, new DefaultLoader()).GetGenerators(LanguageNames.CSharp)];
    });

    private sealed class DefaultLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }

    /// <summary>Loads a scenario's assembly; everything it references (the runtime included) comes from the test's own context.</summary>
    private sealed class CollectibleContext() : AssemblyLoadContext(isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
