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

/// <summary>CDG1001: <c>Guid.NewGuid()</c> → <c>context.NewGuid()</c>, adding a TaskContext parameter to the worker when it has none.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseContextNewGuidCodeFix))]
[Shared]
public sealed class UseContextNewGuidCodeFix : CodeFixProvider
{
    public const string Title = "Use context.NewGuid()";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(NondeterministicValueAnalyzer.RandomGuid.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(NondeterministicValueAnalyzer.SourceProperty, out var source) || source != "Guid.NewGuid()")
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call
            || model is null
            || TaskContextAccess.Find(model, call, context.CancellationToken) is not { } access)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                Title,
                _ => Task.FromResult(context.Document.WithSyntaxRoot(access.Apply(root, call, contextName =>
                    SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, contextName, SyntaxFactory.IdentifierName("NewGuid")))))),
                equivalenceKey: Title),
            diagnostic);
    }
}
