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
