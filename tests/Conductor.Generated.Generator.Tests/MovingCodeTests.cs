using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Conductor.Generated.Generator.Tests;

/// <summary>
/// Edits that move code without changing any worker: the models hold no locations, so every step
/// after the parse is cached or unchanged and no file is generated anew. Only the parse itself and
/// the workers' sites (the locations diagnostics are reported at) see the move.
/// </summary>
public sealed class MovingCodeTests
{
    private const string WorkersPath = "Workers.cs";

    /// <summary>The steps that carry locations, and so change when code moves.</summary>
    private static readonly string[] LocationSteps =
    [
        WorkerGenerator.TrackingNames.Workers,
        WorkerGenerator.TrackingNames.WorkerSites,
        WorkerGenerator.TrackingNames.CollectedSites,
    ];

    /// <summary>The generator's own steps (Roslyn's steps inside ForAttributeWithMetadataName see every edit of the file).</summary>
    private static readonly string[] OwnSteps =
        [.. typeof(WorkerGenerator.TrackingNames).GetFields().Select(field => (string)field.GetRawConstantValue()!)];

    private const string TwoWorkers = """
        using System.Threading;
        using System.Threading.Tasks;
        using System.Text.Json.Serialization;
        using Conductor.Generated;

        namespace Sample;

        public enum Priority { Low, High }
        public sealed record Order(string Id, Priority Priority);

        public static class Jobs
        {
            [WorkerTask("ship")]
            public static string Ship(Order order, Priority priority = Priority.Low) => order.Id;
        }

        public static class Billing
        {
            [WorkerTask("bill")]
            public static async Task<int> Bill(Order order, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return 1;
            }
        }

        [JsonSerializable(typeof(Order))]
        internal partial class AppJsonContext;
        """;

    private const string FirstWorker = "    [WorkerTask(\"ship\")]";

    public static TheoryData<string, string> Moves => new()
    {
        { "a comment above the workers", TwoWorkers.Replace("public static class Jobs", "// Jobs of the shop, billed and shipped.\npublic static class Jobs", StringComparison.Ordinal) },
        { "a blank line above the workers", TwoWorkers.Replace("public static class Jobs", "\npublic static class Jobs", StringComparison.Ordinal) },
        { "a comment inside the class", TwoWorkers.Replace(FirstWorker, "    // Shipping comes first.\n" + FirstWorker, StringComparison.Ordinal) },
        { "an unrelated method above the workers", TwoWorkers.Replace(FirstWorker, "    public static int Helper(int value) => value * 2;\n\n" + FirstWorker, StringComparison.Ordinal) },
        { "a new type above the workers", TwoWorkers.Replace("public static class Jobs", "public static class Helpers { public static int Twice(int value) => value * 2; }\n\npublic static class Jobs", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Moving_the_workers_leaves_every_later_step_and_every_output_cached(string edit, string after)
    {
        Assert.NotEqual(TwoWorkers, after);
        var (first, second) = RunTwice(WorkersPath, TwoWorkers, after);

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, WorkerGenerator.TrackingNames.WorkerSites));
        AssertCachedExceptLocations(second, edit);
        Assert.Empty(second.Diagnostics);
        Assert.Equal(Sources(first), Sources(second));
    }

    [Fact]
    public void A_change_in_another_file_leaves_every_step_and_output_cached()
    {
        const string other = "namespace Sample; public static class Unrelated { public static int Value => 1; }";
        const string otherAfter = "namespace Sample;\n\n// Longer now.\npublic static class Unrelated { public static int Value => 12345; public static int Other => 2; }";

        var (first, second) = RunTwice("Unrelated.cs", other, otherAfter, TwoWorkers);

        foreach (var (step, runs) in second.TrackedSteps.Where(step => OwnSteps.Contains(step.Key)))
        {
            Assert.All(runs.SelectMany(run => run.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}"));
        }

        AssertOutputsCached(second, "a change in another file");
        Assert.Equal(Sources(first), Sources(second));
    }

    [Fact]
    public void Moving_a_worker_with_an_error_moves_its_diagnostic_and_nothing_else()
    {
        var before = TwoWorkers.Replace("[WorkerTask(\"bill\")]", "[WorkerTask(\"ship\")]", StringComparison.Ordinal);
        var after = before.Replace("public static class Jobs", "// A comment.\npublic static class Jobs", StringComparison.Ordinal);

        var (first, second) = RunTwice(WorkersPath, before, after);

        var moved = Assert.Single(second.Diagnostics);
        Assert.Equal("CDG0004", moved.Id);
        Assert.Equal(Assert.Single(first.Diagnostics).Location.GetLineSpan().StartLinePosition.Line + 1, moved.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(Sources(first), Sources(second));
        foreach (var step in new[] { WorkerGenerator.TrackingNames.WorkerModels, WorkerGenerator.TrackingNames.Table, WorkerGenerator.TrackingNames.WorkerFiles, WorkerGenerator.TrackingNames.Binders })
        {
            Assert.All(Reasons(second, step), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }
    }

    [Fact]
    public void Changing_one_worker_changes_its_class_s_file_and_its_binding_only()
    {
        var after = TwoWorkers.Replace("Priority priority = Priority.Low", "Priority priority = Priority.High", StringComparison.Ordinal);

        var (first, second) = RunTwice(WorkersPath, TwoWorkers, after);

        // The workers' properties and constants are generated in one file per declaring class: Jobs.g.cs
        // for ship, Billing.g.cs for bill.
        var files = second.TrackedSteps[WorkerGenerator.TrackingNames.WorkerFiles].SelectMany(run => run.Outputs).ToArray();
        Assert.Equal(IncrementalStepRunReason.Modified, files.Single(output => ((WorkerFileModel)output.Value).Workers.Single().Worker.TaskName == "ship").Reason);
        Assert.True(files.Single(output => ((WorkerFileModel)output.Value).Workers.Single().Worker.TaskName == "bill").Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.All(Reasons(second, WorkerGenerator.TrackingNames.Binders), reason => Assert.Equal(IncrementalStepRunReason.Unchanged, reason));

        // Ship's default is part of its binding: it moves to a binding of its new signature (a file
        // of its own), and the binding it leaves, which no other worker shares, goes.
        var sourcesBefore = Sources(first);
        var sourcesAfter = Sources(second);
        var changed = sourcesAfter.Keys.Union(sourcesBefore.Keys)
            .Where(name => !sourcesBefore.TryGetValue(name, out var text) || !sourcesAfter.TryGetValue(name, out var now) || text != now)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal("Jobs.g.cs", Assert.Single(changed, name => !name.StartsWith("ConductorWorkers.Binding", StringComparison.Ordinal) || name == "ConductorWorkers.Binders.g.cs"));
        Assert.Equal(2, changed.Count(name => name.StartsWith("ConductorWorkers.Binding", StringComparison.Ordinal) && name != "ConductorWorkers.Binders.g.cs"));
        var bindings = second.TrackedSteps[WorkerGenerator.TrackingNames.Bindings].SelectMany(run => run.Outputs).ToArray();
        Assert.Equal(IncrementalStepRunReason.Modified, bindings.Single(output => ((BindingModel)output.Value).Code.Contains("Priority priority", StringComparison.Ordinal)).Reason);
        Assert.True(bindings.Single(output => !((BindingModel)output.Value).Code.Contains("Priority priority", StringComparison.Ordinal)).Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_one_worker_s_task_definition_changes_its_class_s_file_only()
    {
        // The definition is in the worker's property and in its class's WorkerContract attribute, both
        // in its class's file: the table, the binders, the bindings and the other class's file stay as they were.
        var after = TwoWorkers.Replace("    [WorkerTask(\"ship\")]", "    [WorkerTask(\"ship\")]\n    [TaskDefinition(RetryCount = 3)]", StringComparison.Ordinal);

        var (first, second) = RunTwice(WorkersPath, TwoWorkers, after);

        var sourcesBefore = Sources(first);
        var sourcesAfter = Sources(second);
        Assert.Equal(sourcesBefore.Keys.Order(StringComparer.Ordinal), sourcesAfter.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Jobs.g.cs", Assert.Single(sourcesAfter.Keys, name => sourcesBefore[name] != sourcesAfter[name]));
        Assert.Contains("\"\"retryCount\"\":3", sourcesAfter["Jobs.g.cs"], StringComparison.Ordinal);
    }

    private static void AssertCachedExceptLocations(GeneratorRunResult result, string edit)
    {
        foreach (var (step, runs) in result.TrackedSteps)
        {
            if (!OwnSteps.Contains(step) || LocationSteps.Contains(step))
            {
                continue;
            }

            Assert.All(runs.SelectMany(run => run.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{edit}: step {step} is {output.Reason}"));
        }

        AssertOutputsCached(result, edit);
    }

    private static void AssertOutputsCached(GeneratorRunResult result, string edit) =>
        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.True(output.Reason == IncrementalStepRunReason.Cached, $"{edit}: an output is {output.Reason}"));

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        [.. result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason)];

    private static Dictionary<string, string> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(source => source.HintName, source => source.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Runs the generator, replaces the file at <paramref name="path"/>, runs it again; returns both runs.</summary>
    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(string path, string before, string after, params string[] otherSources)
    {
        var parse = GeneratorHarness.ParseOptions;
        var compilation = GeneratorHarness.CreateCompilation([.. otherSources, GeneratorHarness.JsonContextStub])
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(before, parse, path: path));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        var oldTree = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        var edited = compilation.ReplaceSyntaxTree(oldTree, CSharpSyntaxTree.ParseText(after, parse, path: path));
        return (first, driver.RunGenerators(edited).GetRunResult().Results.Single());
    }
}
