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
    /// <summary>Decides how each parameter and return type is bound: a scalar, a collection, an enum, or JSON through a context.</summary>
    internal static partial class Parser
    {
        private const int MaxTypeNesting = 8;

        /// <summary>Classifies a parameter or return type; <see langword="null"/> when it cannot be bound.</summary>
        /// <summary>Classifies a parameter or return type once per compilation.</summary>
        private static TypeModel? Classify(ITypeSymbol type, KnownTypeSymbols known) =>
            known.TypeModels.GetOrAdd(type, key => Classify(key, known, 0));

        private static TypeModel? Classify(ITypeSymbol type, KnownTypeSymbols known, int depth)
        {
            if (depth > MaxTypeNesting || type.TypeKind == TypeKind.Error)
            {
                return null;
            }

            // Oblivious references (code without #nullable) are taken as nullable: null is what they may hold.
            var isNullableReference = !type.IsValueType && type.NullableAnnotation != NullableAnnotation.NotAnnotated;
            var lookupName = LookupName(type);
            var displayName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                var underlying = Classify(nullable.TypeArguments[0], known, depth + 1);
                return underlying is null
                    ? null
                    : new TypeModel(BindingKind.NullableValue, underlying.FullName + "?", lookupName, displayName, true, true, underlying, EquatableArray<EnumMemberModel>.Empty, null);
            }

            TypeModel Leaf(BindingKind kind, EquatableArray<EnumMemberModel> members = default) =>
                new(kind, lookupName + (isNullableReference ? "?" : ""), lookupName, displayName, type.IsValueType, isNullableReference, null, members, null);

            TypeModel Composite(BindingKind kind, string fullName, TypeModel element) =>
                new(kind, fullName + (isNullableReference ? "?" : ""), lookupName, displayName, false, isNullableReference, element, EquatableArray<EnumMemberModel>.Empty, null);

            var simpleKind = SpecialKind(type.SpecialType);
            if (simpleKind is not null)
            {
                return Leaf(simpleKind.Value);
            }

            if (KnownTypeSymbols.Is(type, known.Guid))
            {
                return Leaf(BindingKind.Guid);
            }

            if (KnownTypeSymbols.Is(type, known.DateTimeOffset))
            {
                return Leaf(BindingKind.DateTimeOffset);
            }

            if (KnownTypeSymbols.Is(type, known.TimeSpan))
            {
                return Leaf(BindingKind.TimeSpan);
            }

            var newerScalar = NewerScalarKind(type, known);
            if (newerScalar is not null)
            {
                return Leaf(newerScalar.Value);
            }

            if (KnownTypeSymbols.Is(type, known.JsonElement))
            {
                return Leaf(BindingKind.JsonElement);
            }

            if (KnownTypeSymbols.Is(type, known.JsonNode))
            {
                return Leaf(BindingKind.JsonNode);
            }

            if (KnownTypeSymbols.Is(type, known.JsonObject))
            {
                return Leaf(BindingKind.JsonObject);
            }

            if (KnownTypeSymbols.Is(type, known.JsonArray))
            {
                return Leaf(BindingKind.JsonArray);
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return Leaf(BindingKind.Enum, EnumMembers((INamedTypeSymbol)type));
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                var element = Classify(array.ElementType, known, depth + 1);
                if (element is not null)
                {
                    return Composite(BindingKind.Array, element.FullName + "[]", element);
                }
            }

            if (type is INamedTypeSymbol { IsGenericType: true } generic)
            {
                var definitionName = generic.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + generic.Name;
                if (KnownTypeSymbols.IsConstructedFrom(generic, known.ListOfT) || known.ListInterfaces.Any(candidate => KnownTypeSymbols.IsConstructedFrom(generic, candidate)))
                {
                    var element = Classify(generic.TypeArguments[0], known, depth + 1);
                    if (element is not null)
                    {
                        return Composite(BindingKind.List, definitionName + "<" + element.FullName + ">", element);
                    }
                }
                else if (KnownTypeSymbols.IsConstructedFrom(generic, known.HashSetOfT) || KnownTypeSymbols.IsConstructedFrom(generic, known.ISetOfT)
                    || KnownTypeSymbols.IsConstructedFrom(generic, known.IReadOnlySetOfT))
                {
                    var element = Classify(generic.TypeArguments[0], known, depth + 1);
                    if (element is not null)
                    {
                        return Composite(BindingKind.Set, definitionName + "<" + element.FullName + ">", element);
                    }
                }
                else if (KnownTypeSymbols.IsConstructedFrom(generic, known.ImmutableArrayOfT))
                {
                    var element = Classify(generic.TypeArguments[0], known, depth + 1);
                    if (element is not null)
                    {
                        return new TypeModel(BindingKind.ImmutableArray, definitionName + "<" + element.FullName + ">", lookupName, displayName, true, false, element, EquatableArray<EnumMemberModel>.Empty, null);
                    }
                }
                else if ((KnownTypeSymbols.IsConstructedFrom(generic, known.DictionaryOfTKeyTValue) || known.DictionaryInterfaces.Any(candidate => KnownTypeSymbols.IsConstructedFrom(generic, candidate)))
                    && generic.TypeArguments[0].SpecialType == SpecialType.System_String)
                {
                    var value = Classify(generic.TypeArguments[1], known, depth + 1);
                    if (value is not null)
                    {
                        return Composite(BindingKind.Dictionary, definitionName + "<string, " + value.FullName + ">", value);
                    }
                }
            }

            return CanComeFromJsonContext(type, known) ? Leaf(BindingKind.Json) with { NestedEnums = NestedEnumTypes.Of(type) } : null;
        }

        /// <summary>The scalars bound like System.Text.Json converts them: <c>char</c>, <c>Half</c>, dates and times of day, URIs, versions and base64 bytes.</summary>
        private static BindingKind? NewerScalarKind(ITypeSymbol type, KnownTypeSymbols known) =>
            type.SpecialType == SpecialType.System_Char ? BindingKind.Char
            : KnownTypeSymbols.Is(type, known.Half) ? BindingKind.Half
            : KnownTypeSymbols.Is(type, known.DateOnly) ? BindingKind.DateOnly
            : KnownTypeSymbols.Is(type, known.TimeOnly) ? BindingKind.TimeOnly
            : KnownTypeSymbols.Is(type, known.Uri) ? BindingKind.Uri
            : KnownTypeSymbols.Is(type, known.Version) ? BindingKind.Version
            : type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } ? BindingKind.ByteArray
            : null;

        /// <summary>Types a <c>JsonSerializerContext</c> could serialize; whether one does is checked later.</summary>
        private static bool CanComeFromJsonContext(ITypeSymbol type, KnownTypeSymbols known) =>
            type switch
            {
                IArrayTypeSymbol { Rank: 1 } array => CanComeFromJsonContext(array.ElementType, known),
                INamedTypeSymbol named => named.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface
                    && named.SpecialType == SpecialType.None
                    && !named.IsRefLikeType
                    && !named.IsStatic
                    && !named.IsAnonymousType
                    && !named.IsUnboundGenericType
                    && !IsTaskLike(named, known)
                    && !KnownTypeSymbols.Is(named, known.TaskContext)
                    && !KnownTypeSymbols.Is(named, known.CancellationToken)
                    && named.TypeArguments.All(argument => argument.TypeKind != TypeKind.TypeParameter),
                _ => false,
            };

        private static bool IsTaskLike(ITypeSymbol type, KnownTypeSymbols known) =>
            KnownTypeSymbols.Is(type, known.Task) || KnownTypeSymbols.Is(type, known.ValueTask)
            || KnownTypeSymbols.IsConstructedFrom(type, known.TaskOfT) || KnownTypeSymbols.IsConstructedFrom(type, known.ValueTaskOfT);

        private static BindingKind? SpecialKind(SpecialType specialType) => specialType switch
        {
            SpecialType.System_String => BindingKind.String,
            SpecialType.System_Boolean => BindingKind.Boolean,
            SpecialType.System_SByte => BindingKind.SByte,
            SpecialType.System_Byte => BindingKind.Byte,
            SpecialType.System_Int16 => BindingKind.Int16,
            SpecialType.System_UInt16 => BindingKind.UInt16,
            SpecialType.System_Int32 => BindingKind.Int32,
            SpecialType.System_UInt32 => BindingKind.UInt32,
            SpecialType.System_Int64 => BindingKind.Int64,
            SpecialType.System_UInt64 => BindingKind.UInt64,
            SpecialType.System_Double => BindingKind.Double,
            SpecialType.System_Single => BindingKind.Single,
            SpecialType.System_Decimal => BindingKind.Decimal,
            SpecialType.System_DateTime => BindingKind.DateTime,
            _ => null,
        };

        /// <summary>The members of an enum, named as JSON names them (<c>[JsonStringEnumMemberName]</c> wins over the C# name).</summary>
        private static EquatableArray<EnumMemberModel> EnumMembers(INamedTypeSymbol enumType) =>
            enumType.GetMembers()
                .OfType<IFieldSymbol>()
                .Where(field => field.HasConstantValue)
                .Select(field => new EnumMemberModel(
                    field.Name,
                    JsonMemberName(field) ?? field.Name,
                    Convert.ToDecimal(field.ConstantValue, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "m"))
                .ToEquatableArray();

        internal static string? JsonMemberName(IFieldSymbol field) =>
            field.GetAttributes()
                .Where(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.JsonStringEnumMemberNameAttributeName))
                .Select(attribute => attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null)
                .FirstOrDefault(name => !string.IsNullOrEmpty(name));

        /// <summary>The type without nullable reference annotations, as <c>typeof</c> in a <c>[JsonSerializable]</c> names it.</summary>
        private static string LookupName(ITypeSymbol type) =>
            type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(LookupFormat);

        private static readonly SymbolDisplayFormat LookupFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat AnnotatedFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
    }
}
