using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Conductor.Generated.Analyzers.CodeFixes;

/// <summary>
/// Finds the <c>TaskContext</c> a fix can use at a point of a worker: a parameter of the innermost
/// lambda, local function or method around it, or, in a worker method that has none, a new
/// <c>TaskContext context</c> parameter (the generator binds it by type).
/// </summary>
internal sealed class TaskContextAccess
{
    private const string TaskContextMetadataName = "Conductor.Generated.TaskContext";
    private const string WorkerTaskAttributeMetadataName = "Conductor.Generated.WorkerTaskAttribute";

    private readonly string _name;
    private readonly MethodDeclarationSyntax? _methodToExtend;

    private TaskContextAccess(string name, MethodDeclarationSyntax? methodToExtend)
    {
        _name = name;
        _methodToExtend = methodToExtend;
    }

    /// <summary>How to reach a TaskContext from <paramref name="node"/>, or null when the fix cannot offer one (a helper without a context).</summary>
    public static TaskContextAccess? Find(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var contextType = model.Compilation.GetTypeByMetadataName(TaskContextMetadataName);
        if (contextType is null)
        {
            return null;
        }

        foreach (var ancestor in node.Ancestors())
        {
            foreach (var parameter in ParametersOf(ancestor))
            {
                if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol
                    && SymbolEqualityComparer.Default.Equals(symbol.Type, contextType))
                {
                    return new TaskContextAccess(parameter.Identifier.ValueText, methodToExtend: null);
                }
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                break;
            }
        }

        var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        var workerAttribute = model.Compilation.GetTypeByMetadataName(WorkerTaskAttributeMetadataName);
        if (method is null
            || model.GetDeclaredSymbol(method, cancellationToken) is not { } methodSymbol
            || !methodSymbol.GetAttributes().Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, workerAttribute)))
        {
            return null;
        }

        var name = "context";
        for (var suffix = 2; model.LookupSymbols(node.SpanStart, name: name).Any() || method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name); suffix++)
        {
            name = "taskContext" + (suffix == 2 ? "" : suffix.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return new TaskContextAccess(name, method);
    }

    /// <summary>Replaces <paramref name="node"/> with what <paramref name="build"/> makes from the context, adding the parameter if needed.</summary>
    public SyntaxNode Apply(SyntaxNode root, SyntaxNode node, Func<IdentifierNameSyntax, ExpressionSyntax> build)
    {
        var replacement = build(SyntaxFactory.IdentifierName(_name)).WithTriviaFrom(node);
        if (_methodToExtend is null)
        {
            return root.ReplaceNode(node, replacement);
        }

        var method = _methodToExtend.ReplaceNode(node, replacement);
        var parameters = method.ParameterList.Parameters;
        var index = parameters.IndexOf(parameter => parameter.Default is not null || parameter.Modifiers.Any(SyntaxKind.ParamsKeyword));
        var contextParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(_name))
            .WithType(SyntaxFactory.ParseTypeName("global::" + TaskContextMetadataName).WithAdditionalAnnotations(Simplifier.Annotation).WithTrailingTrivia(SyntaxFactory.Space));
        parameters = index < 0 ? parameters.Add(contextParameter) : parameters.Insert(index, contextParameter);
        return root.ReplaceNode(_methodToExtend, method.WithParameterList(method.ParameterList.WithParameters(parameters)));
    }

    private static IEnumerable<ParameterSyntax> ParametersOf(SyntaxNode node) => node switch
    {
        ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
        SimpleLambdaExpressionSyntax lambda => new[] { lambda.Parameter },
        AnonymousMethodExpressionSyntax method when method.ParameterList is not null => method.ParameterList.Parameters,
        LocalFunctionStatementSyntax function => function.ParameterList.Parameters,
        BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
        _ => Enumerable.Empty<ParameterSyntax>(),
    };
}
