using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>
/// Creates the descriptors of the worker rules the same way for every rule: IDs CDG1001 and up,
/// a help link to the rule's page in docs/diagnostics, and the compilation-end tag (the rules are
/// reported once the whole call graph of the workers is known).
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
            helpLinkUri: HelpLinkBase + id + ".md",
            customTags: WellKnownDiagnosticTags.CompilationEnd);
}
