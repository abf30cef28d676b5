namespace Conductor.Generated.Generator.Tests;

/// <summary><c>[assembly: PublicConductorWorkers]</c> makes the generated class public, for class libraries of workers.</summary>
public sealed class PublicWorkersTests
{
    private const string Worker = """
        using Conductor.Generated;
        namespace Sample;
        public static class Jobs
        {
            [WorkerTask("run")]
            public static void Run() { }
        }
        """;

    [Fact]
    public void The_generated_class_is_internal_by_default()
    {
        var run = GeneratorHarness.Run(Worker);

        Assert.Contains("internal static partial class ConductorWorkers", run.GeneratedSources["ConductorWorkers.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_assembly_attribute_makes_the_generated_class_public()
    {
        var run = GeneratorHarness.Run(Worker, "[assembly: Conductor.Generated.PublicConductorWorkers]");

        Assert.Contains("public static partial class ConductorWorkers", run.GeneratedSources["ConductorWorkers.g.cs"], StringComparison.Ordinal);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }
}
