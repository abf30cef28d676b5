using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Conductor.Generated.Generator.Tests;

/// <summary>The pipeline reuses its work when nothing that matters to it changed.</summary>
public sealed class IncrementalityTests
{
    private const string UnrelatedPath = "Unrelated.cs";

    private static readonly string[] TrackedSteps =
    [
        WorkerGenerator.TrackingNames.Workers,
        WorkerGenerator.TrackingNames.WorkerModels,
        WorkerGenerator.TrackingNames.WorkerSites,
        WorkerGenerator.TrackingNames.CollectedSites,
        WorkerGenerator.TrackingNames.TableDiagnostics,
        WorkerGenerator.TrackingNames.Diagnostics,
        WorkerGenerator.TrackingNames.Binders,
        WorkerGenerator.TrackingNames.Bindings,
        WorkerGenerator.TrackingNames.JsonContexts,
        WorkerGenerator.TrackingNames.Namespace,
        WorkerGenerator.TrackingNames.CollectedWorkers,
        WorkerGenerator.TrackingNames.CollectedJsonContexts,
        WorkerGenerator.TrackingNames.TableWorkers,
        WorkerGenerator.TrackingNames.TableInputs,
        WorkerGenerator.TrackingNames.Table,
        WorkerGenerator.TrackingNames.WorkerFiles,
    ];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var result = RunTwice(
            "namespace Sample; public static class Unrelated { public static int Value => 1; }",
            "namespace Sample; public static class Unrelated { public static int Value => 2; }",
            UnrelatedPath,
            Scenarios.Greeting);

        foreach (var step in TrackedSteps)
        {
            var reasons = OutputReasons(result, step);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_a_worker_body_leaves_its_model_unchanged()
    {
        var before = Scenarios.Greeting;
        var after = before.Replace("await Task.Delay(1, cancellationToken);", "await Task.Delay(2, cancellationToken);", StringComparison.Ordinal);
        Assert.NotEqual(before, after);

        var result = RunTwice(before, after, "Workers.cs");

        Assert.All(OutputReasons(result, WorkerGenerator.TrackingNames.Workers), reason => Assert.NotEqual(IncrementalStepRunReason.Modified, reason));
        Assert.All(OutputReasons(result, WorkerGenerator.TrackingNames.Table), reason => Assert.NotEqual(IncrementalStepRunReason.Modified, reason));
    }

    [Fact]
    public void Changing_a_worker_signature_regenerates_its_file()
    {
        var before = Scenarios.Greeting;
        var after = before.Replace("int repeat = 1", "int repeat = 2", StringComparison.Ordinal);

        var result = RunTwice(before, after, "Workers.cs");

        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(result, WorkerGenerator.TrackingNames.Workers));
        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(result, WorkerGenerator.TrackingNames.WorkerFiles));
    }

    [Fact]
    public void Changing_a_task_definition_setting_regenerates_its_class_s_file_only()
    {
        const string before = """
            using Conductor.Generated;
            namespace Sample;
            public static class Jobs
            {
                [WorkerTask("first")]
                [TaskDefinition(RetryCount = 1)]
                public static void First() { }
            }

            public static class Others
            {
                [WorkerTask("second")]
                public static void Second() { }
            }
            """;
        var after = before.Replace("RetryCount = 1", "RetryCount = 2", StringComparison.Ordinal);

        var result = RunTwice(before, after, "Workers.cs");

        var fileReasons = result.TrackedSteps[WorkerGenerator.TrackingNames.WorkerFiles].SelectMany(run => run.Outputs).ToArray();
        // One file per class that declares workers: Jobs.g.cs changes, Others.g.cs does not.
        Assert.Equal(IncrementalStepRunReason.Modified, fileReasons.Single(output => ((WorkerFileModel)output.Value).Workers.Single().Worker.TaskName == "first").Reason);
        Assert.NotEqual(IncrementalStepRunReason.Modified, fileReasons.Single(output => ((WorkerFileModel)output.Value).Workers.Single().Worker.TaskName == "second").Reason);
        Assert.Contains("""
            ""retryCount"":2
            """.Trim(), result.GeneratedSources.Single(source => source.HintName == "Jobs.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_parameter_type_in_another_file_updates_the_schema()
    {
        const string worker = """
            using Conductor.Generated;
            namespace Sample;
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(Order order) { }
            }
            """;
        const string context = "namespace Sample; [System.Text.Json.Serialization.JsonSerializable(typeof(Order))] internal partial class AppJsonContext;";

        var result = RunTwice(
            "namespace Sample; public sealed record Order(string Id);",
            "namespace Sample; public sealed record Order(string Id, int Quantity);",
            "Order.cs",
            worker,
            context);

        // The schema of Order is shared by every task definition that uses it, in the Binders file.
        Assert.Contains("\"\"Quantity\"\"", result.GeneratedSources.Single(source => source.HintName == "Jobs.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Declaring_a_type_in_a_json_context_later_resolves_the_worker()
    {
        const string worker = """
            using Conductor.Generated;
            namespace Sample;
            public sealed record Order(string Id);
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(Order order) { }
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(worker, GeneratorHarness.JsonContextStub);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal("CDG0009", Assert.Single(driver.GetRunResult().Diagnostics).Id);

        var withContext = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Sample; [System.Text.Json.Serialization.JsonSerializable(typeof(Order))] internal partial class AppJsonContext;",
            GeneratorHarness.ParseOptions,
            path: "Context.cs"));
        var result = driver.RunGenerators(withContext).GetRunResult();

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedTrees, tree => tree.FilePath.EndsWith("Jobs.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorHarness.CreateCompilation(Scenarios.ParameterShapes, Scenarios.ReturnShapes.Replace("namespace Sample;", "namespace Sample.Returns;", StringComparison.Ordinal), GeneratorHarness.JsonContextStub);
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(run => run.Outputs))
            {
                AssertHoldsOnlyValues(output.Value, step);
            }
        }
    }

    [Fact]
    public void An_unrelated_edit_leaves_workers_with_services_cached()
    {
        var result = RunTwice(
            "namespace Other { public static class Unrelated { public static int Value => 1; } }",
            "namespace Other { public static class Unrelated { public static int Value => 2; } }",
            UnrelatedPath,
            Scenarios.Services);

        Assert.Empty(result.Diagnostics);
        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Referencing_the_hosting_package_later_clears_the_missing_hosting_error()
    {
        const string worker = """
            using Conductor.Generated;
            namespace Sample;
            public interface IClock { }
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([FromServices] IClock clock) { }
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(worker, GeneratorHarness.JsonContextStub);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal("CDG0017", Assert.Single(driver.GetRunResult().Diagnostics).Id);

        var withHosting = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(GeneratorHarness.HostingMarker, GeneratorHarness.ParseOptions, path: "Hosting.cs"));
        var result = driver.RunGenerators(withHosting).GetRunResult();

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Service_parameters_hold_no_symbols_in_the_pipeline()
    {
        var compilation = GeneratorHarness.CreateCompilation(Scenarios.Services, GeneratorHarness.JsonContextStub);
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        // The scenario declares no JSON context, so that step has no run.
        foreach (var step in TrackedSteps.Where(result.TrackedSteps.ContainsKey))
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(run => run.Outputs))
            {
                AssertHoldsOnlyValues(output.Value, step);
            }
        }

        Assert.Contains(WorkerGenerator.TrackingNames.Workers, result.TrackedSteps.Keys);
    }

    /// <summary>Runs the generator, replaces the file at <paramref name="path"/>, runs it again and returns the second run.</summary>
    private static GeneratorRunResult RunTwice(string before, string after, string path, params string[] otherSources)
    {
        var parse = GeneratorHarness.ParseOptions;
        var compilation = GeneratorHarness.CreateCompilation([.. otherSources, GeneratorHarness.JsonContextStub])
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(before, parse, path: path));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var oldTree = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        var edited = compilation.ReplaceSyntaxTree(oldTree, CSharpSyntaxTree.ParseText(after, parse, path: path));
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
    }

    private static IncrementalStepRunReason[] OutputReasons(GeneratorRunResult result, string step) =>
        [.. result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason)];

    private static void AssertHoldsOnlyValues(object? value, string path)
    {
        switch (value)
        {
            case null or string or bool or int or Enum:
                return;
            case ISymbol or SyntaxNode or Compilation or Location or SemanticModel or SyntaxTree:
                Assert.Fail($"{path} holds a {value.GetType().Name}, which keeps a compilation alive and defeats caching.");
                return;
            case ITuple tuple:
                for (var item = 0; item < tuple.Length; item++)
                {
                    AssertHoldsOnlyValues(tuple[item], $"{path}.Item{item + 1}");
                }

                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    AssertHoldsOnlyValues(item, $"{path}[{index++}]");
                }

                return;
        }

        var type = value.GetType();
        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis.Text", StringComparison.Ordinal) == true || value is DiagnosticDescriptor)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.DeclaringType != typeof(object) && property.Name != "EqualityContract")
            {
                AssertHoldsOnlyValues(property.GetValue(value), path + "." + property.Name);
            }
        }
    }
}
