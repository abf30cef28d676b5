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
/// source generator wrote. The compilation's own: each worker's
/// invoker class, nested in <c>ConductorWorkers.Invokers</c>, holds its task definition as the
/// string constant <c>TaskDefinitionJson</c>. The constants are read from the generated syntax,
/// not bound as symbols (binding a thousand constants costs about a second), and each definition
/// is parsed only when a workflow names its task.
/// </summary>
internal static class WorkerContracts
{
    private const string TableName = "ConductorWorkers";
    private const string InvokersName = "Invokers";
    private const string DefinitionField = "TaskDefinitionJson";
    private const string GeneratedFileSuffix = ".g.cs";
    private const string RuntimeAssemblyName = "Conductor.Generated";
    private const string ContractAttributeName = "WorkerContractAttribute";
    private const string ContractAttributeNamespace = "Conductor.Generated";

    public static WorkerContractSet Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.FilePath.EndsWith(GeneratedFileSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var table in Types(tree.GetRoot(cancellationToken).ChildNodes(), TableName))
            {
                foreach (var invokers in Types(table.Members, InvokersName))
                {
                    foreach (var invoker in invokers.Members.OfType<ClassDeclarationSyntax>())
                    {
                        foreach (var field in invoker.Members.OfType<FieldDeclarationSyntax>())
                        {
                            if (!field.Modifiers.Any(SyntaxKind.ConstKeyword))
                            {
                                continue;
                            }

                            foreach (var variable in field.Declaration.Variables)
                            {
                                if (variable.Identifier.ValueText == DefinitionField
                                    && variable.Initializer?.Value is LiteralExpressionSyntax { Token.Value: string json }
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
        }

        AddReferencedWorkers(compilation, definitions, cancellationToken);
        return new WorkerContractSet(definitions);
    }

    /// <summary>
    /// The workers of referenced assemblies (a worker library referenced by the host, say): the
    /// generator writes each worker's task definition on its assembly as a
    /// <c>[assembly: Conductor.Generated.WorkerContract("…")]</c> attribute, which reference
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
                    && attribute.ConstructorArguments[0].Value is string json
                    && JsonReader.LeadingName(json) is { } name
                    && !definitions.ContainsKey(name))
                {
                    definitions.Add(name, json);
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
