using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Conductor.Generated.WorkflowChecks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Analyzers.Workflows;

/// <summary>
/// Finds the workers of a compilation, and of the assemblies it references, in the code the
/// source generator wrote. The compilation's own: each worker's task definition is a string
/// constant of <c>ConductorWorkers.Invokers</c> named after the worker (<c>ChargeDefinition</c>),
/// beside its invoker method. The constants are read from the generated syntax,
/// not bound as symbols (binding a thousand constants costs about a second), and each definition
/// is parsed only when a workflow names its task. A definition is a literal, or literals joined
/// with the JSON Schemas the workers share (constants of <c>ConductorWorkers.Binders</c>).
/// </summary>
internal static class WorkerContracts
{
    private const string TableName = "ConductorWorkers";
    private const string InvokersName = "Invokers";
    private const string BindersName = "Binders";
    private const string DefinitionSuffix = "Definition";
    private const string GeneratedFileSuffix = ".g.cs";
    private const string RuntimeAssemblyName = "Conductor.Generated";
    private const string ContractAttributeName = "WorkerContractAttribute";
    private const string ContractAttributeNamespace = "Conductor.Generated";

    public static WorkerContractSet Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var initializers = new List<ExpressionSyntax>();
        var sharedConstants = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.FilePath.EndsWith(GeneratedFileSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var table in Types(tree.GetRoot(cancellationToken).ChildNodes(), TableName))
            {
                foreach (var binders in Types(table.Members, BindersName))
                {
                    foreach (var (name, value) in Constants(binders))
                    {
                        sharedConstants[name] = value;
                    }
                }

                foreach (var invokers in Types(table.Members, InvokersName))
                {
                    foreach (var (name, value) in Constants(invokers))
                    {
                        if (name.EndsWith(DefinitionSuffix, StringComparison.Ordinal))
                        {
                            initializers.Add(value);
                        }
                    }
                }
            }
        }

        var evaluated = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var initializer in initializers)
        {
            if (Evaluate(initializer, sharedConstants, evaluated) is { } json
                && JsonReader.LeadingName(json) is { } name
                && !definitions.ContainsKey(name))
            {
                definitions.Add(name, json);
            }
        }

        AddReferencedWorkers(compilation, definitions, cancellationToken);
        return new WorkerContractSet(definitions);
    }

    /// <summary>
    /// The workers of referenced assemblies (a worker library referenced by the host, say): the
    /// generator writes the workers' task definitions on its assembly in one
    /// <c>[assembly: Conductor.Generated.WorkerContract(…)]</c> attribute (naming each worker's
    /// task definition constant; the attribute holds their values), which reference
    /// assemblies keep. Only assemblies that reference Conductor.Generated are looked at; a task
    /// the compilation serves itself keeps its own contract.
    /// </summary>
    private static void AddReferencedWorkers(Compilation compilation, Dictionary<string, string> definitions, CancellationToken cancellationToken)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ReferencesRuntime(assembly))
            {
                continue;
            }

            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: ContractAttributeName } type
                    && type.ContainingNamespace?.ToDisplayString() == ContractAttributeNamespace
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Array } contracts)
                {
                    foreach (var contract in contracts.Values)
                    {
                        if (contract.Value is string json
                            && JsonReader.LeadingName(json) is { } name
                            && !definitions.ContainsKey(name))
                        {
                            definitions.Add(name, json);
                        }
                    }
                }
            }
        }
    }

    private static bool ReferencesRuntime(IAssemblySymbol assembly)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var reference in module.ReferencedAssemblies)
            {
                if (reference.Name == RuntimeAssemblyName)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The constant fields of a class and their initializers.</summary>
    private static IEnumerable<(string Name, ExpressionSyntax Value)> Constants(ClassDeclarationSyntax type)
    {
        foreach (var field in type.Members.OfType<FieldDeclarationSyntax>())
        {
            if (!field.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                continue;
            }

            foreach (var variable in field.Declaration.Variables)
            {
                if (variable.Initializer?.Value is { } value)
                {
                    yield return (variable.Identifier.ValueText, value);
                }
            }
        }
    }

    /// <summary>
    /// The text of a constant string expression as the generator writes them: literals, and shared
    /// constants (<c>Binders.Name</c> or <c>Name</c>), joined by <c>+</c>; null for anything else.
    /// </summary>
    private static string? Evaluate(ExpressionSyntax expression, Dictionary<string, ExpressionSyntax> shared, Dictionary<string, string?> evaluated)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax { Token.Value: string text }:
                return text;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Evaluate(binary.Left, shared, evaluated) is { } left && Evaluate(binary.Right, shared, evaluated) is { } right ? left + right : null;
            case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: BindersName } } access:
                return Shared(access.Name.Identifier.ValueText, shared, evaluated);
            case IdentifierNameSyntax identifier:
                return Shared(identifier.Identifier.ValueText, shared, evaluated);
            default:
                return null;
        }
    }

    private static string? Shared(string name, Dictionary<string, ExpressionSyntax> shared, Dictionary<string, string?> evaluated)
    {
        if (evaluated.TryGetValue(name, out var text))
        {
            return text;
        }

        // Marked first, so that a constant referring to itself ends as null rather than looping.
        evaluated[name] = null;
        text = shared.TryGetValue(name, out var value) ? Evaluate(value, shared, evaluated) : null;
        evaluated[name] = text;
        return text;
    }

    /// <summary>The classes of a name among some nodes, looking into namespaces.</summary>
    private static IEnumerable<ClassDeclarationSyntax> Types(IEnumerable<SyntaxNode> nodes, string name)
    {
        foreach (var node in nodes)
        {
            if (node is BaseNamespaceDeclarationSyntax namespaceDeclaration)
            {
                foreach (var nested in Types(namespaceDeclaration.Members, name))
                {
                    yield return nested;
                }
            }
            else if (node is ClassDeclarationSyntax type && type.Identifier.ValueText == name)
            {
                yield return type;
            }
        }
    }

}
