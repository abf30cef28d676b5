using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>
/// Creates the descriptors of the worker rules the same way for every rule: IDs CDG1001 and up and
/// a help link to the rule's page in docs/diagnostics. Each rule has two descriptors with the same
/// ID and text: the one declared by the rule, reported while the worker method itself is analyzed
/// (so editors show it as you type and offer its code fix), and a compilation-end twin for what is
/// found in methods the worker calls, which is known only once the whole call graph is.
/// </summary>
internal static class WorkerDiagnostics
{
    /// <summary>
    /// Where the documentation pages live; the page of a rule is <c>{HelpLinkBase}{ID}.md</c>. The
    /// same value as the generator's <c>DiagnosticDescriptors.HelpLinkBase</c>, so every Conductor
    /// diagnostic links to the same folder (a test checks that they agree).
    /// </summary>
    public const string HelpLinkBase = "https://github.com/conductor-generated/conductor-generated/blob/main/docs/diagnostics/";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description) => new(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkBase + id + ".md");

    private static readonly ConcurrentDictionary<DiagnosticDescriptor, DiagnosticDescriptor> CompilationEndTwins = new();

    /// <summary>The descriptor reported at the end of the compilation for what a worker reaches through its calls.</summary>
    public static DiagnosticDescriptor AtCompilationEnd(DiagnosticDescriptor descriptor) => CompilationEndTwins.GetOrAdd(
        descriptor,
        local => new DiagnosticDescriptor(
            local.Id,
            local.Title,
            local.MessageFormat,
            local.Category,
            local.DefaultSeverity,
            local.IsEnabledByDefault,
            local.Description,
            local.HelpLinkUri,
            WellKnownDiagnosticTags.CompilationEnd));
}
