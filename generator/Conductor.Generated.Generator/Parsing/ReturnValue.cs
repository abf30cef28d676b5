using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Generator;

public sealed partial class WorkerGenerator
{
    /// <summary>Reads what a worker method returns and its <c>[OutputParam]</c> key.</summary>
    internal static partial class Parser
    {
        private static string? ReturnsDocumentation(IMethodSymbol method, CancellationToken cancellationToken) =>
            DocumentationComments.Returns(method, cancellationToken);

        private static ReturnModel? ParseReturn(
            IMethodSymbol method,
            KnownTypeSymbols known,
            WorkerDiagnostics diagnostics,
            CancellationToken cancellationToken)
        {
            string? outputKey = null;
            foreach (var attribute in method.GetAttributes().Concat(method.GetReturnTypeAttributes()))
            {
                if (KnownTypeSymbols.Is(attribute.AttributeClass, known.OutputParamAttribute))
                {
                    outputKey = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
                    if (string.IsNullOrWhiteSpace(outputKey))
                    {
                        diagnostics.Report(DiagnosticDescriptors.EmptyKey, LocationInfo.From(attribute.ApplicationSyntaxReference, cancellationToken), diagnostics.Display, "The return value", "OutputParam(\"...\")");
                    }
                }
            }

            if (method.ReturnsVoid)
            {
                return new ReturnModel(false, null, outputKey);
            }

            var returnType = method.ReturnType;
            if (returnType.TypeKind == TypeKind.Error)
            {
                diagnostics.Skip();
                return null;
            }

            if (KnownTypeSymbols.Is(returnType, known.Task) || KnownTypeSymbols.Is(returnType, known.ValueTask))
            {
                return new ReturnModel(true, null, outputKey);
            }

            var isAwaitable = KnownTypeSymbols.IsConstructedFrom(returnType, known.TaskOfT) || KnownTypeSymbols.IsConstructedFrom(returnType, known.ValueTaskOfT);
            var valueType = isAwaitable ? ((INamedTypeSymbol)returnType).TypeArguments[0] : returnType;
            if (valueType.TypeKind == TypeKind.Error)
            {
                diagnostics.Skip();
                return null;
            }

            if (KnownTypeSymbols.IsConstructedFrom(valueType, known.AsyncEnumerableOfT))
            {
                diagnostics.Report(DiagnosticDescriptors.UnsupportedReturnType, null, diagnostics.Display, returnType.ToDisplayString(), "an asynchronous stream, which cannot be reported as one task output");
                return null;
            }

            var value = IsTaskLike(valueType, known) ? null : Classify(valueType, known);
            if (value is null)
            {
                diagnostics.Report(DiagnosticDescriptors.UnsupportedReturnType, null, diagnostics.Display, returnType.ToDisplayString(), "which cannot be written as task output");
                return null;
            }

            return new ReturnModel(isAwaitable, value, outputKey);
        }
    }
}
