using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Generator;

public sealed partial class WorkerGenerator
{
    /// <summary>
    /// Maps one <c>[WorkerTask]</c> method to a <see cref="WorkerModel"/> (plain values, no symbols or
    /// locations) and the diagnostics that keep it from being generated. Each concern has its own
    /// file: <c>MethodShape</c>, <c>WorkerSettings</c>, <c>Parameters</c>, <c>ServiceParameters</c>,
    /// <c>ReturnValue</c>, <c>TypeClassification</c>, <c>TaskDefinition</c>; JSON contexts are read
    /// by <c>JsonContexts</c>. docs/adding-a-diagnostic.md shows how a new check fits in.
    /// </summary>
    internal static partial class Parser
    {
        /// <summary>The types the parser recognises, looked up once per compilation and shared by every worker method of it.</summary>
        private static readonly ConditionalWeakTable<Compilation, KnownTypeSymbols> KnownTypes = new();

        /// <summary>A type's schema, built once per compilation: many workers take or return the same types.</summary>
        private static SchemaModel SchemaOf(ITypeSymbol type, KnownTypeSymbols known, SchemaBuilder schemas) =>
            known.Schemas.GetOrAdd(type, key => schemas.For(key));

        public static ParsedWorker ParseWorker(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var syntax = (MethodDeclarationSyntax)context.TargetNode;
            var attribute = context.Attributes[0];
            var known = KnownTypes.GetValue(context.SemanticModel.Compilation, static compilation => new KnownTypeSymbols(compilation));
            var location = LocationInfo.From(syntax.Identifier.GetLocation());
            var declaringType = known.DeclaringTypes.GetOrAdd(method.ContainingType, static type => new DeclaringTypeNames(
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), ContainingTypeName(type), NamespaceOf(type)));
            var containingTypeName = declaringType.Name;
            var diagnostics = new WorkerDiagnostics(containingTypeName + "." + method.Name, location);

            var taskName = ParseTaskName(attribute, diagnostics, cancellationToken);
            CheckMethodShape(method, diagnostics);

            var schemas = new SchemaBuilder(known, cancellationToken);
            var parameters = new List<ParameterModel>();
            var parameterLocations = new List<LocationInfo>();
            // Each parameter's declaration, in order, when the method has one declaration (not partial).
            var parameterSymbols = method.Parameters;
            var parameterSyntax = syntax.ParameterList.Parameters;
            var declarations = method.PartialDefinitionPart is null && method.PartialImplementationPart is null && parameterSyntax.Count == parameterSymbols.Length;
            for (var index = 0; index < parameterSymbols.Length; index++)
            {
                var parameter = parameterSymbols[index];
                var parameterLocation = LocationInfo.From(parameter.Locations.FirstOrDefault());
                var model = ParseParameter(parameter, declarations ? parameterSyntax[index] : null, parameterLocation, known, diagnostics, cancellationToken);
                if (model is null)
                {
                    continue;
                }

                // The parameter as the worker's signature declares it, for the delegate its binding calls.
                model = model with { DeclaredType = (parameter.RefKind == RefKind.In ? "in " : "") + DeclaredTypeName(parameter.Type, known) };
                if (model.Type is not null)
                {
                    model = model with { Schema = SchemaOf(parameter.Type, known, schemas) with { Description = DocumentationComments.Parameter(method, parameter.Name, cancellationToken) } };
                }

                parameters.Add(model);
                parameterLocations.Add(parameterLocation ?? location ?? LocationInfo.None);
            }

            CheckSingleTaskInput(parameters, parameterLocations, diagnostics);

            var returnModel = ParseReturn(method, known, diagnostics, cancellationToken);
            if (returnModel?.Value is not null)
            {
                var valueType = method.ReturnType is INamedTypeSymbol { IsGenericType: true } awaitable && returnModel.IsAwaitable
                    ? awaitable.TypeArguments[0]
                    : method.ReturnType;
                returnModel = returnModel with { Schema = SchemaOf(valueType, known, schemas) with { Description = ReturnsDocumentation(method, cancellationToken) } };
            }

            if (returnModel is not null)
            {
                returnModel = returnModel with { DeclaredType = method.ReturnsVoid ? "void" : DeclaredTypeName(method.ReturnType, known) };
            }

            var settings = ParseSettings(attribute, diagnostics, cancellationToken);
            var taskDefinition = TaskDefinitionParser.Parse(
                method.GetAttributes().FirstOrDefault(static candidate => KnownTypeSymbols.HasFullName(candidate.AttributeClass, KnownTypeSymbols.TaskDefinitionAttributeName)),
                DocumentationComments.Summary(method, cancellationToken),
                diagnostics,
                cancellationToken);

            var worker = diagnostics.CanGenerate && returnModel is not null
                ? new WorkerModel(
                    taskName!,
                    declaringType.FullName,
                    containingTypeName,
                    EscapeKeyword(method.Name),
                    parameters.ToEquatableArray(),
                    returnModel,
                    settings,
                    taskDefinition)
                : null;

            // Where the worker is, apart from its model: a comment added above it moves these and nothing else.
            var site = new WorkerSite(diagnostics.ToEquatableArray(), location, worker is null ? EquatableArray<LocationInfo>.Empty : parameterLocations.ToEquatableArray());
            return new ParsedWorker(worker, site, declaringType.Namespace);
        }

        /// <summary>A parameter's or return type as C# source: <c>global::</c>-qualified, with its nullable annotations.</summary>
        private static string DeclaredTypeName(ITypeSymbol type, KnownTypeSymbols known) =>
            known.DeclaredTypeNames.GetOrAdd(type, static key => key.ToDisplayString(AnnotatedFormat));

        /// <summary>The declaring type's namespace as C# source (keywords escaped), empty for the global namespace.</summary>
        private static string NamespaceOf(INamedTypeSymbol type) =>
            type.ContainingNamespace is null or { IsGlobalNamespace: true }
                ? ""
                : type.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
    }
}
