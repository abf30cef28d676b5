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
    /// <summary>Names and accessibility of symbols, as the checks and generated code spell them.</summary>
    internal static partial class Parser
    {
        private static string ContainingTypeName(INamedTypeSymbol type) =>
            type.ContainingType is null ? type.Name : ContainingTypeName(type.ContainingType) + "." + type.Name;

        internal static string EscapeKeyword(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static bool IsAccessibleFromAssembly(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsFileLocal || !IsCallableFromAssembly(current.DeclaredAccessibility))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsCallableFromAssembly(Accessibility accessibility) =>
            accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        private static string DescribeAccessibility(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Private => "private",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => accessibility.ToString().ToLowerInvariant(),
        };

        private static string DescribeRefKind(RefKind refKind) => refKind switch
        {
            RefKind.Ref => "a ref parameter",
            RefKind.Out => "an out parameter",
            RefKind.RefReadOnlyParameter => "a ref readonly parameter",
            _ => "passed by reference",
        };
    }
}
