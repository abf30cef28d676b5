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

/// <summary>CDG1021: passes the CancellationToken in scope to the call, as the last argument or as a named one.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PassCancellationTokenCodeFix))]
[Shared]
public sealed class PassCancellationTokenCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CancellationTokenAnalyzer.TokenNotPassed.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(CancellationTokenAnalyzer.TokenProperty, out var token) || token is null
            || !properties.TryGetValue(CancellationTokenAnalyzer.ModeProperty, out var mode))
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call)
        {
            return;
        }

        var argument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token));
        if (mode == CancellationTokenAnalyzer.NamedMode)
        {
            if (!properties.TryGetValue(CancellationTokenAnalyzer.ParameterProperty, out var parameter) || parameter is null)
            {
                return;
            }

            argument = argument.WithNameColon(SyntaxFactory.NameColon(parameter));
        }

        var title = $"Pass '{token}'";
        context.RegisterCodeFix(
            CodeAction.Create(
                title,
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(call, call.WithArgumentList(call.ArgumentList.AddArguments(argument))))),
                equivalenceKey: title),
            diagnostic);
    }
}
