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
    /// <summary>Checks that a worker method can be called from generated code: static, not generic, accessible, not async void.</summary>
    internal static partial class Parser
    {
        private static void CheckMethodShape(IMethodSymbol method, WorkerDiagnostics diagnostics)
        {
            var display = diagnostics.Display;
            if (!method.IsStatic)
            {
                diagnostics.Report(DiagnosticDescriptors.WorkerMethodNotStatic, null, display);
            }

            if (method.IsGenericMethod)
            {
                diagnostics.Report(DiagnosticDescriptors.WorkerMethodGeneric, null, display, "has type parameters");
            }

            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (type.TypeParameters.Length > 0)
                {
                    diagnostics.Report(DiagnosticDescriptors.WorkerMethodGeneric, null, display, "is declared in the generic type '" + type.ToDisplayString() + "'");
                    break;
                }
            }

            if (!IsCallableFromAssembly(method.DeclaredAccessibility))
            {
                diagnostics.Report(DiagnosticDescriptors.WorkerMethodInaccessible, null, display, DescribeAccessibility(method.DeclaredAccessibility));
            }
            else
            {
                for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                {
                    if (type.IsFileLocal || !IsCallableFromAssembly(type.DeclaredAccessibility))
                    {
                        var accessibility = type.IsFileLocal ? "file-local" : DescribeAccessibility(type.DeclaredAccessibility);
                        diagnostics.Report(DiagnosticDescriptors.WorkerMethodInaccessible, null, display, "declared in the " + accessibility + " type '" + type.ToDisplayString() + "'");
                        break;
                    }
                }
            }

            if (method.IsAsync && method.ReturnsVoid)
            {
                diagnostics.Report(DiagnosticDescriptors.AsyncVoidWorker, null, display);
            }
        }
    }
}
