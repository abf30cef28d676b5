using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Conductor.Generated.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Analyzers.CodeFixes;

/// <summary>CDG1002: clock readings → the task's stable <c>context.ScheduledAt</c>, in the type the code read.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseScheduledTimeCodeFix))]
[Shared]
public sealed class UseScheduledTimeCodeFix : CodeFixProvider
{
    public const string Title = "Use context.ScheduledAt";

    /// <summary>For each clock reading the fix handles, the members to read after <c>context.ScheduledAt</c>.</summary>
    private static readonly ImmutableDictionary<string, string> Replacements = ImmutableDictionary.CreateRange(new[]
    {
        new System.Collections.Generic.KeyValuePair<string, string>("DateTimeOffset.UtcNow", ""),
        new System.Collections.Generic.KeyValuePair<string, string>("DateTimeOffset.Now", ".ToLocalTime()"),
        new System.Collections.Generic.KeyValuePair<string, string>("DateTime.UtcNow", ".UtcDateTime"),
        new System.Collections.Generic.KeyValuePair<string, string>("DateTime.Now", ".LocalDateTime"),
        new System.Collections.Generic.KeyValuePair<string, string>("DateTime.Today", ".LocalDateTime.Date"),
    });

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(NondeterministicValueAnalyzer.ClockAsData.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(NondeterministicValueAnalyzer.SourceProperty, out var source)
            || source is null
            || !Replacements.TryGetValue(source, out var suffix))
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax clock
            || model is null
            || TaskContextAccess.Find(model, clock, context.CancellationToken) is not { } access)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                Title,
                _ => Task.FromResult(context.Document.WithSyntaxRoot(access.Apply(root, clock, contextName =>
                    SyntaxFactory.ParseExpression(contextName.Identifier.ValueText + ".ScheduledAt" + suffix)))),
                equivalenceKey: Title),
            diagnostic);
    }
}
