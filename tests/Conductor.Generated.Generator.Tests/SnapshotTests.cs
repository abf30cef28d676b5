using System.Text;

namespace Conductor.Generated.Generator.Tests;

/// <summary>
/// Compares the generated files with the checked-in baselines in <c>Baselines/&lt;scenario&gt;/</c>.
/// After an intended change of the generated code, regenerate them with
/// <c>UPDATE_BASELINES=1 dotnet test tests/Conductor.Generated.Generator.Tests</c> and review the diff.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> ScenarioNames => [.. ScenarioSources.Keys];

    private static readonly Dictionary<string, string> ScenarioSources = new()
    {
        [nameof(Scenarios.Greeting)] = Scenarios.Greeting,
        [nameof(Scenarios.ParameterShapes)] = Scenarios.ParameterShapes,
        [nameof(Scenarios.ReturnShapes)] = Scenarios.ReturnShapes,
        [nameof(Scenarios.NameCollisions)] = Scenarios.NameCollisions,
        [nameof(Scenarios.Miscellaneous)] = Scenarios.Miscellaneous,
        [nameof(Scenarios.NewerShapes)] = Scenarios.NewerShapes,
        [nameof(Scenarios.Services)] = Scenarios.Services,
    };

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Generated_code_matches_the_baseline(string scenario)
    {
        var run = GeneratorHarness.Run(ScenarioSources[scenario]);
        var directory = Path.Combine(RepositoryFiles.TestProjectDirectory, "Baselines", scenario);

        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (var (hintName, text) in run.GeneratedSources)
            {
                File.WriteAllText(Path.Combine(directory, hintName + ".txt"), text, new UTF8Encoding(false));
            }
        }

        var expectedFiles = Directory.GetFiles(directory, "*.g.cs.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var actualFiles = run.GeneratedSources.Keys.Select(hintName => hintName + ".txt").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedFiles, actualFiles);
        foreach (var (hintName, text) in run.GeneratedSources)
        {
            var expected = File.ReadAllText(Path.Combine(directory, hintName + ".txt"));
            Assert.True(expected == text, $"{scenario}/{hintName} differs from its baseline; run the tests with UPDATE_BASELINES=1 and review the diff.\n{text}");
        }
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Generated_code_compiles_without_errors_or_warnings(string scenario)
    {
        var run = GeneratorHarness.Run(ScenarioSources[scenario]);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }
}
