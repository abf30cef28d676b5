using System.Text.RegularExpressions;

namespace Conductor.Generated.Generator.Tests;

/// <summary>Every diagnostic has a help link, a documentation page and a release-tracking entry.</summary>
public sealed partial class DiagnosticDocumentationTests
{
    public static TheoryData<string> DiagnosticIds => [.. DiagnosticDescriptors.All.Select(descriptor => descriptor.Id)];

    [Fact]
    public void Ids_are_unique_and_in_the_generator_range()
    {
        var ids = DiagnosticDescriptors.All.Select(descriptor => descriptor.Id).ToArray();

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(GeneratorIdPattern(), id));
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_links_to_its_page_and_the_page_shows_a_bad_and_a_good_example(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(candidate => candidate.Id == id);

        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.Contains(descriptor.Category, new[] { DiagnosticDescriptors.Category, DiagnosticDescriptors.TaskDefinitionCategory });
        var page = Path.Combine(RepositoryFiles.Root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page at docs/diagnostics/{id}.md");
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ": " + descriptor.Title, text, StringComparison.Ordinal);
        Assert.Contains("## Bad", text, StringComparison.Ordinal);
        Assert.Contains("## Good", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_is_tracked_in_the_unshipped_release(string id)
    {
        var releaseNotes = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "generator", "Conductor.Generated.Generator", "AnalyzerReleases.Unshipped.md"));

        var descriptor = DiagnosticDescriptors.All.Single(candidate => candidate.Id == id);

        Assert.Contains(id + " | " + descriptor.Category + " | Error |", releaseNotes, StringComparison.Ordinal);
    }

    [GeneratedRegex("^CDG00[0-9][0-9]$")]
    private static partial Regex GeneratorIdPattern();
}
