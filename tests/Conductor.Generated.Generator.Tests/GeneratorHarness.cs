using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Conductor.Generated.Generator.Tests;

/// <summary>Compiles test sources against net10.0 and the runtime, and runs the worker generator on them.</summary>
internal static class GeneratorHarness
{
    public const string AssemblyName = "Sample.Workers";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(WorkerTaskAttribute).Assembly.Location),
        // The runtime depends on the dependency injection abstractions, so every real worker project sees them.
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute).Assembly.Location),
    ];

    /// <summary>
    /// Stands in for the hosting package: the generator looks for this type to tell whether the
    /// workers run with a service scope per task. Uses a block namespace so it can follow any source.
    /// </summary>
    public const string HostingMarker = """

        namespace Conductor.Generated.Hosting
        {
            public static class ConductorWorkersServiceCollectionExtensions { }
        }
        """;

    /// <summary>
    /// A hand-written stand-in for what System.Text.Json generates for a context, so that generated
    /// code referring to <c>Context.Default</c> compiles without running that generator.
    /// </summary>
    public const string JsonContextStub = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;

        namespace Sample;

        internal partial class AppJsonContext : JsonSerializerContext
        {
            public AppJsonContext() : base(null) { }
            public static AppJsonContext Default { get; } = new();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(References, sources);

    /// <summary>A compilation of <paramref name="sources"/> against net10.0 only, without the Conductor.Generated runtime.</summary>
    public static CSharpCompilation CreateCompilationWithoutRuntime(params string[] sources) => CreateCompilation([.. Net100.References.All], sources);

    private static CSharpCompilation CreateCompilation(IEnumerable<MetadataReference> references, string[] sources) =>
        CSharpCompilation.Create(
            AssemblyName,
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true, warningLevel: 9999));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new WorkerGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="sources"/> (plus the JSON context stub).</summary>
    public static GeneratorRun Run(params string[] sources)
    {
        var compilation = CreateCompilation([.. sources, JsonContextStub]);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorRun(driver.GetRunResult(), output);
    }
}

/// <summary>What one generator run produced, and the compilation with the generated files added.</summary>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation OutputCompilation)
{
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    public IReadOnlyDictionary<string, string> GeneratedSources =>
        Result.Results.Single().GeneratedSources.ToDictionary(source => source.HintName, source => source.SourceText.ToString());

    /// <summary>
    /// A worker's generated code: its own file (its <c>WorkerDefinition</c> property and task
    /// definition) followed by the file of the binding it shares with the workers of its signature.
    /// </summary>
    public string WorkerCode(string hintName)
    {
        var sources = GeneratedSources;
        var own = sources[hintName];
        // The file's array of definitions: one Define<binding>(...) call per worker.
        var name = System.Text.RegularExpressions.Regex.Match(own, @"\bDefine(\w+)\(").Groups[1].Value;
        return own + sources["ConductorWorkers.Binding" + name + ".g.cs"];
    }

    /// <summary>
    /// Errors and warnings of the compilation that includes the generated code. Documentation
    /// comments are checked (a malformed one in generated code is a warning), but the test sources'
    /// public types need none (CS1591).
    /// </summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        [.. OutputCompilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Id != "CS1591")];
}
