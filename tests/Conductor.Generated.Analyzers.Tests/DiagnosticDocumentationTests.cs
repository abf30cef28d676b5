using System.Text.RegularExpressions;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using WorkflowRules = Conductor.Generated.Analyzers.Workflows.WorkflowDiagnostics;

namespace Conductor.Generated.Analyzers.Tests;

/// <summary>Every worker rule has a help link, a documentation page and a release-tracking entry.</summary>
public sealed partial class DiagnosticDocumentationTests
{
    private static readonly DiagnosticDescriptor[] AllDescriptors = typeof(WorkerAnalyzer).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
        .SelectMany(type => ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics)
        .ToArray();

    /// <summary>One descriptor per rule: the one reported in worker methods themselves, and the workflow file rules.</summary>
    private static readonly DiagnosticDescriptor[] Descriptors = AllDescriptors
        .Where(descriptor => !descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
        .ToArray();

    public static TheoryData<string> DiagnosticIds => [.. Descriptors.Select(descriptor => descriptor.Id)];

    /// <summary>The worker rules (CDG1xxx), which look into methods the worker calls.</summary>
    public static TheoryData<string> WorkerRuleIds => [.. Descriptors.Select(descriptor => descriptor.Id).Where(id => id.StartsWith("CDG1", StringComparison.Ordinal))];

    [Fact]
    public void Ids_are_unique_and_in_the_analyzer_range()
    {
        var ids = Descriptors.Select(descriptor => descriptor.Id).ToArray();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(AnalyzerIdPattern(), id));
    }

    [Fact]
    public void Workflow_file_rules_are_in_their_own_range_and_category()
    {
        var workflowRules = Descriptors.Where(descriptor => descriptor.Category == WorkflowRules.Category).ToArray();

        Assert.Equal(9, workflowRules.Length);
        Assert.All(workflowRules, descriptor => Assert.Matches("^CDG20[0-9]{2}$", descriptor.Id));
    }

    [Fact]
    public void Help_links_share_the_generator_base_address()
    {
        var generatorDescriptors = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "generator", "Conductor.Generated.Generator", "DiagnosticDescriptors.cs"));

        Assert.Contains($"HelpLinkBase = \"{WorkerDiagnostics.HelpLinkBase}\"", generatorDescriptors, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_links_to_its_page_and_the_page_shows_a_bad_and_a_good_example(string id)
    {
        var descriptor = Descriptors.Single(candidate => candidate.Id == id);

        Assert.Equal(WorkerDiagnostics.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        var page = Path.Combine(RepositoryFiles.Root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page at docs/diagnostics/{id}.md");
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ": " + descriptor.Title, text, StringComparison.Ordinal);
        Assert.Contains($"Category: `{descriptor.Category}` · Severity: {descriptor.DefaultSeverity.ToString().ToLowerInvariant()}", text, StringComparison.Ordinal);
        Assert.Contains("## Bad", text, StringComparison.Ordinal);
        Assert.Contains("## Good", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_is_tracked_in_the_unshipped_release_with_its_category_and_severity(string id)
    {
        var descriptor = Descriptors.Single(candidate => candidate.Id == id);
        var releaseNotes = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "analyzers", "Conductor.Generated.Analyzers", "AnalyzerReleases.Unshipped.md"));

        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", releaseNotes, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WorkerRuleIds))]
    public void Each_rule_has_a_local_descriptor_and_a_compilation_end_twin_with_the_same_text(string id)
    {
        var pair = AllDescriptors.Where(candidate => candidate.Id == id).ToArray();

        Assert.Equal(2, pair.Length);
        var local = Assert.Single(pair, candidate => !candidate.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd));
        var twin = Assert.Single(pair, candidate => candidate.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd));
        Assert.True(local.IsEnabledByDefault);
        Assert.Equal(local.Title, twin.Title);
        Assert.Equal(local.MessageFormat, twin.MessageFormat);
        Assert.Equal(local.Category, twin.Category);
        Assert.Equal(local.DefaultSeverity, twin.DefaultSeverity);
        Assert.Equal(local.HelpLinkUri, twin.HelpLinkUri);
    }

    [GeneratedRegex("^CDG[12][0-9]{3}$")]
    private static partial Regex AnalyzerIdPattern();
}
