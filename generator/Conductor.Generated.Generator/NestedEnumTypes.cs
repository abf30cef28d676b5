using System.Collections.Generic;
using System.Linq;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator;

/// <summary>
/// Finds the enums inside a type bound through a JSON context, the way System.Text.Json walks it
/// (public instance properties, array elements, generic arguments of collections and
/// dictionaries, <c>Nullable&lt;T&gt;</c>), so they are bound by name as the schema says.
/// </summary>
internal static class NestedEnumTypes
{
    private const int MaxDepth = 8;
    private const string JsonConverterAttributeName = "System.Text.Json.Serialization.JsonConverterAttribute";

    public static EquatableArray<string> Of(ITypeSymbol type)
    {
        var found = new SortedSet<string>(System.StringComparer.Ordinal);
        Walk(type, found, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), 0);
        return found.ToEquatableArray();
    }

    private static void Walk(ITypeSymbol type, SortedSet<string> found, HashSet<ITypeSymbol> seen, int depth)
    {
        if (depth > MaxDepth || !seen.Add(type))
        {
            return;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            // An enum with a converter of its own is read as that converter says.
            if (!HasConverter(type))
            {
                found.Add(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            }

            return;
        }

        if (type is IArrayTypeSymbol array)
        {
            Walk(array.ElementType, found, seen, depth + 1);
            return;
        }

        if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None || HasConverter(named))
        {
            return;
        }

        foreach (var argument in named.TypeArguments)
        {
            Walk(argument, found, seen, depth + 1);
        }

        if (named.ContainingNamespace?.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal) == true)
        {
            return; // collections and the like: their elements were walked above
        }

        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public || HasConverter(property)
                    || property.GetAttributes().Any(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.JsonIgnoreAttributeName)))
                {
                    continue;
                }

                Walk(property.Type, found, seen, depth + 1);
            }
        }
    }

    private static bool HasConverter(ISymbol symbol) =>
        symbol.GetAttributes().Any(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, JsonConverterAttributeName));
}
