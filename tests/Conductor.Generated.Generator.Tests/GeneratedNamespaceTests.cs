namespace Conductor.Generated.Generator.Tests;

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
    public void The_generated_class_lives_in_the_namespace_of_the_assembly_name()
    {
        var run = GeneratorHarness.Run(Scenarios.NoWorkers);

        Assert.Contains("namespace Sample.Workers", run.GeneratedSources["ConductorWorkers.g.cs"], StringComparison.Ordinal);
    }
}
