namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>The README's test example and <see cref="ReadmeExampleTests"/> are the same code.</summary>
public sealed class ReadmeExampleSyncTests
{
    [Fact]
    public void Readme_test_example_is_the_body_of_ReadmeExampleTests()
    {
        var root = FindRepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var testFile = File.ReadAllText(Path.Combine(root, "tests", "Conductor.Generated.Tests", "EndToEnd", "ReadmeExampleTests.cs")).ReplaceLineEndings("\n");

        var section = readme[readme.IndexOf("## Testing your workers", StringComparison.Ordinal)..];
        var blockStart = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var example = section[blockStart..section.IndexOf("```\n", blockStart, StringComparison.Ordinal)];

        var classBody = testFile[testFile.IndexOf("    [Fact]", StringComparison.Ordinal)..testFile.TrimEnd().LastIndexOf('}')];
        var dedented = string.Join("\n", classBody.TrimEnd().Split('\n').Select(line => line.StartsWith("    ", StringComparison.Ordinal) ? line[4..] : line)) + "\n";

        Assert.Equal(dedented, example);
    }

    [Fact]
    public void Readme_console_snippet_is_ReadmeConsoleSnippet_which_compiles()
    {
        var root = FindRepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var file = File.ReadAllText(Path.Combine(root, "tests", "Conductor.Generated.Tests", "EndToEnd", "ReadmeConsoleSnippet.cs")).ReplaceLineEndings("\n");

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
