using System.Collections.Immutable;
using System.Linq;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Rules;

/// <summary>
/// CDG1021: a worker (or a method it calls) that has a <see cref="System.Threading.CancellationToken"/>
/// and calls an async API that accepts one, without passing it. The token is how the host stops a
/// worker at shutdown; a call that does not see it keeps the process alive and the task half done.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationTokenAnalyzer : WorkerAnalyzer
{
    /// <summary>The name of the token in scope, for the code fix.</summary>
    public const string TokenProperty = "Token";

    /// <summary>How to pass it: <see cref="AppendMode"/> (an overload with one more parameter) or <see cref="NamedMode"/> (an optional parameter).</summary>
    public const string ModeProperty = "Mode";

    /// <summary>The name of the optional CancellationToken parameter, for <see cref="NamedMode"/>.</summary>
    public const string ParameterProperty = "Parameter";

    public const string AppendMode = "Append";
    public const string NamedMode = "Named";

    internal static readonly DiagnosticDescriptor TokenNotPassed = WorkerDiagnostics.Create(
        "CDG1021",
        "Worker does not pass its CancellationToken on",
        "'{0}' can take a CancellationToken but is called without one {2}; when the worker shuts down this call keeps running and holds the task: pass '{1}'",
        WorkerAnalyzerCategories.Reliability,
        DiagnosticSeverity.Info,
        "The runtime cancels the token a worker receives when the host stops. Async calls that accept a token should get it.");

    internal override ImmutableArray<DiagnosticDescriptor> Rules { get; } = ImmutableArray.Create(TokenNotPassed);

    internal override void AnalyzeMethod(MethodBody body)
    {
        var symbols = body.Symbols;
        if (symbols.CancellationToken is null)
        {
            return;
        }

        foreach (var operation in body.Operations)
        {
            if (operation is not IInvocationOperation call
                || !symbols.IsTaskLike(call.TargetMethod.ReturnType)
                || call.Arguments.Any(argument => argument.ArgumentKind != ArgumentKind.DefaultValue && KnownSymbols.Is(argument.Value.Type, symbols.CancellationToken)))
            {
                continue;
            }

            var token = TokenInScope(call, body);
            if (token is null)
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(TokenProperty, token.Name);
            var optional = call.Arguments.FirstOrDefault(argument => argument.ArgumentKind == ArgumentKind.DefaultValue
                && KnownSymbols.Is(argument.Parameter?.Type, symbols.CancellationToken));
            if (optional?.Parameter is { } parameter)
            {
                properties = properties.Add(ModeProperty, NamedMode).Add(ParameterProperty, parameter.Name);
            }
            else if (HasOverloadWithToken(call.TargetMethod, symbols))
            {
                properties = properties.Add(ModeProperty, AppendMode);
            }
            else
            {
                continue;
            }

            var method = call.TargetMethod;
            body.Report(TokenNotPassed, call.Syntax.GetLocation(), properties, method.ContainingType.Name + "." + method.Name, token.Name);
        }
    }

    /// <summary>The CancellationToken parameter of the innermost lambda, local function or method around the call.</summary>
    private static IParameterSymbol? TokenInScope(IOperation call, MethodBody body)
    {
        for (var parent = call.Parent; parent is not null; parent = parent.Parent)
        {
            var parameters = parent switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol.Parameters,
                ILocalFunctionOperation local => local.Symbol.Parameters,
                _ => default,
            };
            if (!parameters.IsDefault && FindToken(parameters, body.Symbols) is { } nested)
            {
                return nested;
            }
        }

        return FindToken(body.Method.Parameters, body.Symbols);
    }

    private static IParameterSymbol? FindToken(ImmutableArray<IParameterSymbol> parameters, KnownSymbols symbols)
        => parameters.FirstOrDefault(parameter => KnownSymbols.Is(parameter.Type, symbols.CancellationToken));

    /// <summary>Whether the method has an overload with the same parameters followed by a CancellationToken.</summary>
    private static bool HasOverloadWithToken(IMethodSymbol method, KnownSymbols symbols)
    {
        var original = (method.ReducedFrom ?? method).OriginalDefinition;
        foreach (var candidate in original.ContainingType.GetMembers(original.Name).OfType<IMethodSymbol>())
        {
            var parameters = candidate.Parameters;
            if (candidate.IsStatic != original.IsStatic
                || parameters.Length != original.Parameters.Length + 1
                || !KnownSymbols.Is(parameters[parameters.Length - 1].Type, symbols.CancellationToken))
            {
                continue;
            }

            var same = true;
            for (var index = 0; index < original.Parameters.Length && same; index++)
            {
                same = SameType(parameters[index].Type, original.Parameters[index].Type);
            }

            if (same)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameType(ITypeSymbol left, ITypeSymbol right)
        => SymbolEqualityComparer.Default.Equals(left, right)
        || (left is ITypeParameterSymbol && right is ITypeParameterSymbol)
        || SymbolEqualityComparer.Default.Equals(left.OriginalDefinition, right.OriginalDefinition);
}
