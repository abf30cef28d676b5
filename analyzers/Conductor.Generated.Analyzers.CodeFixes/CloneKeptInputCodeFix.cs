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

/// <summary>CDG1050: a task input element kept beyond the call → a copy of it, <c>value.Clone()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CloneKeptInputCodeFix))]
[Shared]
public sealed class CloneKeptInputCodeFix : CodeFixProvider
{
    public const string Title = "Keep a copy with .Clone()";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(BorrowedInputAnalyzer.KeptBeyondCall.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(BorrowedInputAnalyzer.CloneableProperty, out var cloneable) || cloneable != "true")
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax kept)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                Title,
                _ =>
                {
                    var receiver = kept is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
                        ? kept.WithoutTrivia()
                        : SyntaxFactory.ParenthesizedExpression(kept.WithoutTrivia());
                    var clone = SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Clone")))
                        .WithTriviaFrom(kept);
                    return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(kept, clone)));
                },
                equivalenceKey: Title),
            diagnostic);
    }
}
