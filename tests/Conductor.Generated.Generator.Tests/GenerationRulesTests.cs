using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator.Tests;

/// <summary>Decisions of the generator that the baselines show only indirectly.</summary>
public sealed class GenerationRulesTests
{
    [Fact]
    public void Nothing_is_generated_when_the_runtime_is_not_referenced()
    {
        var compilation = GeneratorHarness.CreateCompilationWithoutRuntime("public static class Plain { public static void Run() { } }");

        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();

        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Reference_types_in_oblivious_code_are_bound_as_nullable()
    {
        var run = GeneratorHarness.Run("""
            #nullable disable
            using System.Collections.Generic;
            using Conductor.Generated;
            namespace Sample;
            public static class Jobs
            {
                [WorkerTask("run")]
                public static string Run(string text, List<string> items) => text;
            }
            """);

        var generated = run.WorkerCode("Jobs.g.cs");
        Assert.Contains("""InputValues.Optional<string?>(input, textFound, "text", "text", Binders.NullableStringReader, null, ref errors)""", generated, StringComparison.Ordinal);
        Assert.Contains("""InputValues.Optional<global::System.Collections.Generic.List<string?>?>(input, itemsFound, "items", "items", Binders.NullableListOfNullableStringReader, null, ref errors)""", generated, StringComparison.Ordinal);
        Assert.Contains("""InputReaders.ListOf<string?>(""", run.GeneratedSources["ConductorWorkers.Binders.g.cs"], StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Annotated_reference_types_are_bound_as_nullable_and_others_as_required()
    {
        var run = GeneratorHarness.Run("""
            using Conductor.Generated;
            namespace Sample;
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(string required, string? optional) { }
            }
            """);

        var generated = run.WorkerCode("Jobs.g.cs");
        Assert.Contains("""InputValues.Required(input, requiredFound, "required", "required", Binders.StringReader, ref errors)""", generated, StringComparison.Ordinal);
        Assert.Contains("""InputValues.Optional<string?>(input, optionalFound, "optional", "optional", Binders.NullableStringReader, null, ref errors)""", generated, StringComparison.Ordinal);
        Assert.Contains("IInputReader<string> StringReader", run.GeneratedSources["ConductorWorkers.Binders.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_collection_declared_whole_in_a_json_context_is_read_through_the_context()
    {
        var run = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using Conductor.Generated;
            namespace Sample;
            public sealed class Item { }
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(List<Item> items) { }
            }
            [JsonSerializable(typeof(List<Item>))]
            internal partial class AppJsonContext;
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(
            "InputReaders.Json<global::System.Collections.Generic.List<global::Sample.Item>>(global::Sample.AppJsonContext.Default)",
            run.GeneratedSources["ConductorWorkers.Binders.g.cs"],
            StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_that_are_not_set_are_not_written()
    {
        var run = GeneratorHarness.Run("""
            using Conductor.Generated;
            namespace Sample;
            public static class Jobs
            {
                [WorkerTask("plain")]
                public static void Plain() { }

                [WorkerTask("tuned", PollTimeoutMs = 5000)]
                public static void Tuned() { }
            }
            """);

        // Plain's call ends with its task definition: no settings argument.
        var plain = run.GeneratedSources["Jobs.g.cs"].Split("(global::Sample.Jobs.Plain, \"plain\",\n")[1];
        Assert.EndsWith("\"\"enforceSchema\"\":false}\"),", plain[..(plain.IndexOf("),\n", StringComparison.Ordinal) + 2)], StringComparison.Ordinal);
        Assert.Contains("\n                new global::Conductor.Generated.WorkerSettings { PollTimeout = global::System.TimeSpan.FromMilliseconds(5000) }),\n", run.GeneratedSources["Jobs.g.cs"], StringComparison.Ordinal);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void The_generated_code_of_a_CLS_compliant_assembly_compiles_without_warnings()
    {
        // The WorkerContract attribute takes one string (a JSON array): an array argument would be CS3016 there.
        var run = GeneratorHarness.Run("""
            using Conductor.Generated;
            [assembly: System.CLSCompliant(true)]
            namespace Sample;
            public static class Jobs
            {
                [WorkerTask("first")]
                public static string First(string id) => id;

                [WorkerTask("second")]
                public static int Second(int count) => count;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void A_worker_named_like_another_workers_definition_constant_gets_a_number()
    {
        // The names <worker>Definition and <worker>Services stay free (earlier generated code used them):
        // the worker declared later takes another name, whichever it is, and the code compiles.
        var run = GeneratorHarness.Run("""
            using Conductor.Generated;
            namespace Sample;
            public static class Shipping
            {
                [WorkerTask("ship")]
                public static string Ship(string id) => id;

                [WorkerTask("ship_definition")]
                public static string ShipDefinition(string id) => id;

                [WorkerTask("track_services")]
                public static string TrackServices(string id) => id;

                [WorkerTask("track")]
                public static string Track(string id) => id;
            }
            """);

        // Each field is declared in its worker's file.
        var table = string.Concat(run.GeneratedSources.Values);
        Assert.Contains("WorkerDefinition Ship;", table, StringComparison.Ordinal);
        Assert.Contains("WorkerDefinition ShipDefinition2;", table, StringComparison.Ordinal);
        Assert.Contains("WorkerDefinition TrackServices;", table, StringComparison.Ordinal);
        Assert.Contains("WorkerDefinition Track2;", table, StringComparison.Ordinal);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Generated_files_carry_the_auto_generated_header_and_enable_nullable()
    {
        var run = GeneratorHarness.Run(Scenarios.Greeting);

        // The files with a member or an element per worker (the table, each class's workers) enable the
        // annotations and not the warnings, so that the compiler skips its nullable analysis of each
        // member: the API reads as with #nullable enable all the same.
        Assert.All(run.GeneratedSources, file => Assert.StartsWith(
            file.Key == "ConductorWorkers.g.cs" || !file.Key.StartsWith("ConductorWorkers.", StringComparison.Ordinal)
                ? "// <auto-generated/>\n#nullable enable annotations\n#nullable disable warnings\n"
                : "// <auto-generated/>\n#nullable enable\n",
            file.Value,
            StringComparison.Ordinal));
        var workers = run.OutputCompilation.GetSymbolsWithName("ConductorWorkers", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        var properties = workers.GetMembers().OfType<IPropertySymbol>().ToList();
        Assert.Contains(properties, property => property.Name == "All");
        Assert.All(properties, property =>
        {
            Assert.Equal(NullableAnnotation.NotAnnotated, property.NullableAnnotation);
            Assert.All(((INamedTypeSymbol)property.Type).TypeArgumentNullableAnnotations, annotation => Assert.Equal(NullableAnnotation.NotAnnotated, annotation));
        });

        // Each worker is a static readonly field, a non-nullable WorkerDefinition like the property it was.
        var greet = Assert.Single(workers.GetMembers("Greet").OfType<IFieldSymbol>());
        Assert.True(greet is { IsStatic: true, IsReadOnly: true, DeclaredAccessibility: Accessibility.Public });
        Assert.Equal(NullableAnnotation.NotAnnotated, greet.NullableAnnotation);
        Assert.Equal("Conductor.Generated.WorkerDefinition", greet.Type.ToDisplayString());
        Assert.All(run.OutputCompilation.SyntaxTrees.Where(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)),
            tree => Assert.Equal(SourceCodeKind.Regular, tree.Options.Kind));
    }

    [Fact]
    public void The_workers_contracts_on_the_assembly_are_their_whole_task_definitions_with_the_schemas_spliced_in()
    {
        // Two workers take the same record: its schema is built once and spliced into both definitions.
        var run = GeneratorHarness.Run("""
            using System.Text.Json.Serialization;
            using Conductor.Generated;
            namespace Sample;
            public sealed record Order(string Id, int Count);
            public static class Jobs
            {
                [WorkerTask("ship")]
                public static string Ship(Order order) => order.Id;

                [WorkerTask("bill")]
                public static int Bill(Order order) => order.Count;
            }

            [JsonSerializable(typeof(Order))]
            internal partial class AppJsonContext;
            """);

        Assert.Empty(run.CompilationProblems);
        // One attribute for the workers of a class, its argument a JSON array of their task definitions, in declaration order.
        var contractText = Assert.IsType<string>(Assert.Single(run.OutputCompilation.Assembly.GetAttributes(),
                attribute => attribute.AttributeClass?.ToDisplayString() == "Conductor.Generated.WorkerContractAttribute")
            .ConstructorArguments.Single().Value);
        using var array = System.Text.Json.JsonDocument.Parse(contractText);
        var contracts = array.RootElement.EnumerateArray().Select(element => element.GetRawText()).ToArray();

        Assert.Equal(2, contracts.Length);
        foreach (var (contract, taskName) in contracts.Zip(new[] { "ship", "bill" }))
        {
            using var definition = System.Text.Json.JsonDocument.Parse(contract);
            Assert.Equal(taskName, definition.RootElement.GetProperty("name").GetString());
            var order = definition.RootElement.GetProperty("inputSchema").GetProperty("data").GetProperty("properties").GetProperty("order");
            Assert.Equal(["Id", "Count"], order.GetProperty("properties").EnumerateObject().Select(property => property.Name));
        }

        // The attribute is in the file of the workers' class, with the same text as each property's literal.
        var file = run.GeneratedSources["Jobs.g.cs"].Split('\n');
        var attribute = file.Single(line => line.StartsWith("[assembly: global::Conductor.Generated.WorkerContract(", StringComparison.Ordinal));
        var literals = file.Select(line => line.Trim()).Where(line => line.StartsWith("@\"{", StringComparison.Ordinal)).Select(line => line[2..line.LastIndexOf('"')]).ToArray();
        Assert.Equal(2, literals.Length);
        Assert.All(literals, literal => Assert.Contains(literal, attribute, StringComparison.Ordinal));
        Assert.DoesNotContain("WorkerContract", run.GeneratedSources["ConductorWorkers.g.cs"], StringComparison.Ordinal);
    }
}
