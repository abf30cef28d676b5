using System;
using System.Collections.Generic;
using System.Threading;
using Conductor.Generated.Analyzers.Infrastructure;
using Conductor.Generated.WorkflowChecks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Analyzers.Workflows;

/// <summary>
/// Finds the workers of a compilation, and of the assemblies it references, in what the source
/// generator wrote. The compilation's own: the <c>[assembly: Conductor.Generated.WorkerContract(…)]</c>
/// attributes of the generated files (one per class of workers), whose argument is a literal JSON
/// array of the workers' task definitions, read from the generated syntax rather than bound
/// (binding a thousand task definitions costs about a second); each definition is parsed only
/// when a workflow names its task.
/// </summary>
internal static class WorkerContracts
{
    private const string GeneratedFileSuffix = ".g.cs";
    private const string RuntimeAssemblyName = "Conductor.Generated";
    private const string ContractAttributeName = "WorkerContractAttribute";
    private const string ContractAttributeShortName = "WorkerContract";
    private const string ContractAttributeNamespace = "Conductor.Generated";

    public static WorkerContractSet Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.FilePath.EndsWith(GeneratedFileSuffix, StringComparison.OrdinalIgnoreCase)
                || tree.GetRoot(cancellationToken) is not CompilationUnitSyntax root)
            {
                continue;
            }

            foreach (var list in root.AttributeLists)
            {
                if (list.Target?.Identifier.IsKind(SyntaxKind.AssemblyKeyword) != true)
                {
                    continue;
                }

                foreach (var attribute in list.Attributes)
                {
                    if (!IsContractAttribute(attribute.Name) || attribute.ArgumentList is null)
                    {
                        continue;
                    }

                    foreach (var argument in attribute.ArgumentList.Arguments)
                    {
                        if (Evaluate(argument.Expression) is { } json)
                        {
                            AddDefinitions(json, definitions);
                        }
                    }
                }
            }
        }

        AddReferencedWorkers(compilation, definitions, cancellationToken);
        return new WorkerContractSet(definitions);
    }

    /// <summary>
    /// The task definitions of a <c>WorkerContract</c> attribute: a JSON array of them (one per class
    /// of workers), or one definition (a JSON object). The first definition of a task name wins.
    /// </summary>
    private static void AddDefinitions(string json, Dictionary<string, string> definitions)
    {
        if (json.TrimStart().StartsWith("[", StringComparison.Ordinal))
        {
            JsonValue array;
            try
            {
                array = JsonReader.Parse(json);
            }
            catch (JsonSyntaxException)
            {
                // Not what the generator writes: no contracts from it.
                return;
            }

            foreach (var item in array.Items)
            {
                Add(json.Substring(item.Span.Start, item.Span.Length));
            }
        }
        else
        {
            Add(json);
        }

        void Add(string definition)
        {
            if (JsonReader.LeadingName(definition) is { } name && !definitions.ContainsKey(name))
            {
                definitions.Add(name, definition);
            }
        }
    }

    /// <summary><c>WorkerContract</c> or <c>WorkerContractAttribute</c>, qualified or not, as the generator writes it.</summary>
    private static bool IsContractAttribute(NameSyntax name) =>
        SyntaxNames.Simple(name) is ContractAttributeShortName or ContractAttributeName;

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
                    && attribute.ConstructorArguments[0].Value is string json)
                {
                    AddDefinitions(json, definitions);
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

    /// <summary>The text of a constant string expression as the generator writes it: literals, joined by <c>+</c>; null for anything else.</summary>
    private static string? Evaluate(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax { Token.Value: string text } => text,
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression)
            => Evaluate(binary.Left) is { } left && Evaluate(binary.Right) is { } right ? left + right : null,
        ParenthesizedExpressionSyntax parenthesized => Evaluate(parenthesized.Expression),
        _ => null,
    };
}
