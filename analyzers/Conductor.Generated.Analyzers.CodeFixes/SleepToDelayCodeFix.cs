using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Conductor.Generated.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Conductor.Generated.Analyzers.CodeFixes;

/// <summary>CDG1020: <c>Thread.Sleep(x)</c> in an async method → <c>await Task.Delay(x, cancellationToken)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SleepToDelayCodeFix))]
[Shared]
public sealed class SleepToDelayCodeFix : CodeFixProvider
{
    public const string Title = "Use await Task.Delay";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(BlockingCallAnalyzer.BlockingCall.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.KindProperty, out var kind) || kind != BlockingCallAnalyzer.SleepKind)
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax sleep
            || model is null
            || !IsInAsyncFunction(sleep)
            || sleep.ArgumentList.Arguments.Count != 1)
        {
            return;
        }

        var token = CancellationTokenInScope(model, sleep, context.CancellationToken);
        context.RegisterCodeFix(
            CodeAction.Create(
                Title,
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(sleep, Delay(sleep, token)))),
                equivalenceKey: Title),
            diagnostic);
    }

    private static AwaitExpressionSyntax Delay(InvocationExpressionSyntax sleep, string? token)
    {
        var arguments = sleep.ArgumentList.Arguments;
        if (token is not null)
        {
            arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));
        }

        var taskType = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task").WithAdditionalAnnotations(Simplifier.Annotation);
        var delay = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taskType, SyntaxFactory.IdentifierName("Delay")),
            sleep.ArgumentList.WithArguments(arguments));
        return SyntaxFactory.AwaitExpression(delay).WithTriviaFrom(sleep);
    }

    /// <summary>Whether the innermost function around <paramref name="node"/> is async, so that an await is allowed there.</summary>
    private static bool IsInAsyncFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax function:
                    return function.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
            }
        }

        return false;
    }

    private static string? CancellationTokenInScope(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var tokenType = model.Compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        foreach (var ancestor in node.Ancestors())
        {
            var parameters = ancestor switch
            {
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters.ToArray(),
                SimpleLambdaExpressionSyntax lambda => new[] { lambda.Parameter },
                LocalFunctionStatementSyntax function => function.ParameterList.Parameters.ToArray(),
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters.ToArray(),
                _ => System.Array.Empty<ParameterSyntax>(),
            };
            foreach (var parameter in parameters)
            {
                if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol.Type, tokenType))
                {
                    return parameter.Identifier.ValueText;
                }
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                break;
            }
        }

        return null;
    }
}
