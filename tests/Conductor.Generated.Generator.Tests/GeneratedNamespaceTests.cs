using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Conductor.Generated.Generator.Tests;

/// <summary>
/// Where <c>ConductorWorkers</c> goes: next to the workers (the namespace their declaring types
/// share), where code beside them finds it; and nowhere in an assembly with no workers, so that a
/// test project does not hide the class of the application it tests.
/// </summary>
public sealed class GeneratedNamespaceTests
{
    [Theory]
    [InlineData("Conductor.Generated.Tests", "Conductor.Generated.Tests")]
    [InlineData("My-Workers", "My_Workers")]
    [InlineData("Acme.2024.Jobs", "Acme._2024.Jobs")]
    [InlineData("Acme.class.Jobs", "Acme._class.Jobs")]
    [InlineData("Acme..Jobs.", "Acme.Jobs")]
    [InlineData("", GeneratedNamespace.Fallback)]
    [InlineData(null, GeneratedNamespace.Fallback)]
    public void Assembly_names_become_valid_namespaces(string? assemblyName, string expected)
    {
        Assert.Equal(expected, GeneratedNamespace.FromAssemblyName(assemblyName));
    }

    [Fact]
    public void The_generated_class_lives_in_the_namespace_of_the_workers_not_of_the_assembly_name()
    {
        // `dotnet new console -n app` with the workers in `namespace App`: the class is App.ConductorWorkers.
        var run = Run("app", Worker("App", "Jobs", "run"), "namespace App; public static class Program { public static int Count => ConductorWorkers.All.Count; }");

        Assert.StartsWith("namespace App;\n", Body(run.GeneratedSources["ConductorWorkers.g.cs"]), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Workers_in_several_namespaces_share_the_longest_common_one()
    {
        var run = Run("app", Worker("App.Orders", "OrderJobs", "order"), Worker("App.Billing.Cards", "CardJobs", "card"),
            "namespace App.Shipping; public static class Uses { public static int Count => ConductorWorkers.All.Count; }");

        Assert.StartsWith("namespace App;\n", Body(run.GeneratedSources["ConductorWorkers.g.cs"]), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Workers_in_the_global_namespace_or_sharing_none_give_a_class_in_the_global_namespace()
    {
        // The README's worker has no namespace and its Program.cs is top-level statements (global namespace).
        var global = Run("app", Worker(null, "Jobs", "run"), "public static class Program { public static int Count => ConductorWorkers.All.Count; }");
        var disjoint = Run("app", Worker("Billing", "BillingJobs", "bill"), Worker("Shipping", "ShippingJobs", "ship"),
            "namespace Elsewhere; public static class Uses { public static int Count => ConductorWorkers.All.Count; }");

        Assert.StartsWith("internal static partial class ConductorWorkers", ClassLine(global), StringComparison.Ordinal);
        Assert.DoesNotContain("namespace", Body(global.GeneratedSources["ConductorWorkers.g.cs"]), StringComparison.Ordinal);
        Assert.DoesNotContain("namespace", Body(disjoint.GeneratedSources["ConductorWorkers.g.cs"]), StringComparison.Ordinal);
        Assert.Empty(global.CompilationProblems);
        Assert.Empty(disjoint.CompilationProblems);
    }

    [Fact]
    public void A_public_class_whose_workers_share_no_namespace_takes_the_assembly_name_so_that_it_cannot_clash_with_an_application_s()
    {
        var run = Run("Acme.Jobs", Worker("Billing", "BillingJobs", "bill"), Worker("Shipping", "ShippingJobs", "ship"), "[assembly: Conductor.Generated.PublicConductorWorkers]");

        Assert.StartsWith("namespace Acme.Jobs;\n", Body(run.GeneratedSources["ConductorWorkers.g.cs"]), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Keyword_namespaces_stay_escaped()
    {
        var run = Run("app", Worker("App.@class", "Jobs", "run"));

        Assert.StartsWith("namespace App.@class;\n", Body(run.GeneratedSources["ConductorWorkers.g.cs"]), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void An_assembly_without_workers_generates_no_class()
    {
        var run = GeneratorHarness.Run(Scenarios.NoWorkers);

        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void An_assembly_whose_only_worker_has_errors_still_gets_the_class_so_that_the_error_stays_the_only_one()
    {
        // An instance method is CDG0001-style invalid: the worker is left out, the class is still there.
        var run = Run("app", """
            using Conductor.Generated;
            namespace App;
            public sealed class Jobs
            {
                [WorkerTask("run")]
                public void Run() { }
            }
            public static class Uses { public static int Count => ConductorWorkers.All.Count; }
            """);

        Assert.NotEmpty(run.GeneratorDiagnostics);
        Assert.Contains("ConductorWorkers.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void A_test_project_without_workers_sees_the_class_of_the_application_it_references()
    {
        // The README's test example: App.Tests references App (which lets it see its internals) and the runtime.
        var app = Run("App", Worker("App", "OrderWorkers", "process_order"), """[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("App.Tests")]""");
        Assert.Empty(app.CompilationProblems);

        var tests = CSharpCompilation.Create(
            "App.Tests",
            [CSharpSyntaxTree.ParseText("""
                namespace App.Tests;
                public static class OrderWorkersTests
                {
                    public static string Name => ConductorWorkers.ProcessOrder.TaskName;
                }
                """, GeneratorHarness.ParseOptions)],
            [.. References(), app.OutputCompilation.ToMetadataReference()],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(tests, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        Assert.Equal(tests.SyntaxTrees.Length, output.SyntaxTrees.Count());
        Assert.Empty(output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Id != "CS1591"));
    }

    private static string Worker(string? @namespace, string type, string taskName) => $$"""
        using Conductor.Generated;
        {{(@namespace is null ? "" : $"namespace {@namespace};")}}
        public static class {{type}}
        {
            [WorkerTask("{{taskName}}")]
            public static void {{string.Concat(taskName.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]))}}() { }
        }
        """;

    private static GeneratorRun Run(string assemblyName, params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: $"Source{index}.cs")),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorRun(driver.GetRunResult(), output);
    }

    private static MetadataReference[] References() =>
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(WorkerTaskAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute).Assembly.Location),
    ];

    /// <summary>The generated file from its first declaration on: past the header, directives and the assembly's worker contracts.</summary>
    private static string Body(string source) => string.Join("\n", source.ReplaceLineEndings("\n").Split('\n').SkipWhile(line =>
        line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('#') || line.StartsWith("[assembly:", StringComparison.Ordinal)
        || line.StartsWith("    @\"", StringComparison.Ordinal)));

    private static string ClassLine(GeneratorRun run) =>
        run.GeneratedSources["ConductorWorkers.g.cs"].ReplaceLineEndings("\n").Split('\n').Single(line => line.Contains("static partial class ConductorWorkers", StringComparison.Ordinal)).Trim();
}
