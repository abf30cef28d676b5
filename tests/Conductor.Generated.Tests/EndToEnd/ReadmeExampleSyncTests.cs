namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>The README's test example and <see cref="ReadmeExampleTests"/> are the same code.</summary>
public sealed class ReadmeExampleSyncTests
{
    [Fact]
    public void Readme_test_example_is_the_body_of_ReadmeExampleTests()
    {
        var example = FirstCodeBlockUnder("## Testing your workers");
        var testFile = ReadTestFile("ReadmeExampleTests.cs");

        var classBody = testFile[testFile.IndexOf("    [Fact]", StringComparison.Ordinal)..testFile.TrimEnd().LastIndexOf('}')];
        var dedented = string.Join("\n", classBody.TrimEnd().Split('\n').Select(line => line.StartsWith("    ", StringComparison.Ordinal) ? line[4..] : line)) + "\n";

        Assert.Equal(dedented, example);
    }

    [Fact]
    public void Readme_console_snippet_is_ReadmeConsoleSnippet_which_compiles()
    {
        var readme = ReadReadme();
        var file = ReadTestFile("ReadmeConsoleSnippet.cs");

        const string Marker = "```csharp\nusing Conductor.Generated;\nusing Microsoft.Extensions.Logging;\n";
        var blockStart = readme.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(blockStart >= 0, "the README has no plain-console snippet starting with its two using directives");
        var snippet = readme[(blockStart + "```csharp\n".Length)..readme.IndexOf("```\n", blockStart + Marker.Length, StringComparison.Ordinal)];
        var usings = string.Concat(snippet.Split('\n').TakeWhile(line => line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var", StringComparison.Ordinal)).Select(line => line + "\n"));
        var statements = snippet[usings.Length..].TrimStart('\n');

        var bodyStart = file.IndexOf("    public static async Task RunAsync()\n    {\n", StringComparison.Ordinal);
        var body = file[(file.IndexOf('{', bodyStart) + 2)..file.IndexOf("    }\n}", bodyStart, StringComparison.Ordinal)];
        var dedented = string.Concat(body.Split('\n').Where(line => line.Length > 0).Select(line => line[8..] + "\n"));

        Assert.Equal(file[..file.IndexOf("\nnamespace", StringComparison.Ordinal)] + "\n", usings + "\n");
        Assert.Equal(dedented, statements);
    }

    [Fact]
    public void Readme_worker_example_is_ReadmeWorkers_which_compiles()
    {
        // ReadmeWorkers.cs is the README's worker block word for word, with a namespace line added
        // after its using directives; the test project compiles it (and runs its greet worker).
        var example = FirstCodeBlockUnder("## A worker\n");
        var file = ReadTestFile("ReadmeWorkers.cs");
        const string NamespaceLine = "\nnamespace Conductor.Generated.Tests.EndToEnd;\n";
        Assert.Contains(NamespaceLine, file, StringComparison.Ordinal);

        Assert.Equal(example, file.Replace(NamespaceLine, "", StringComparison.Ordinal));
    }

    /// <summary>The text of the first C# block after <paramref name="heading"/> in the README.</summary>
    private static string FirstCodeBlockUnder(string heading)
    {
        var readme = ReadReadme();
        var section = readme[readme.IndexOf(heading, StringComparison.Ordinal)..];
        var blockStart = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        return section[blockStart..section.IndexOf("```\n", blockStart, StringComparison.Ordinal)];
    }

    private static string ReadReadme() => File.ReadAllText(Path.Combine(FindRepositoryRoot(), "README.md")).ReplaceLineEndings("\n");

    private static string ReadTestFile(string name) =>
        File.ReadAllText(Path.Combine(FindRepositoryRoot(), "tests", "Conductor.Generated.Tests", "EndToEnd", name)).ReplaceLineEndings("\n");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conductor.Generated.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Conductor.Generated.sln.");
    }
}
