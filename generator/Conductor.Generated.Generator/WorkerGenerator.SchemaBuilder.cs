using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator;

public sealed partial class WorkerGenerator
{
    /// <summary>
    /// Describes a .NET type as a JSON Schema (draft 2020-12): the value a task input or output
    /// holds when the generated binder reads it or a JSON context writes it.
    /// </summary>
    internal sealed class SchemaBuilder
    {
        private const int MaxDepth = 8;

        private const string DecimalMaximum = "79228162514264337593543950335";
        private const string DecimalMinimum = "-" + DecimalMaximum;

        // The same patterns as the runtime's readers (Binding/JsonScalars.cs), written as JSON string
        // literals. A duration: the invariant "c" form with at most 7 digits of days, or an ISO-8601
        // duration of weeks, days, hours, minutes and seconds (digit counts that cannot overflow).
        private const string TimeSpanPattern =
            @"""^-?(?:(?:[0-9]{1,7}\\.)?(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,7})?|P(?=[0-9]|T[0-9])(?:[0-9]{1,5}W)?(?:[0-9]{1,6}D)?(?:T(?=[0-9])(?:[0-9]{1,7}H)?(?:[0-9]{1,8}M)?(?:[0-9]{1,9}(?:\\.[0-9]{1,7})?S)?)?)$""";

        // A time of day: hours and minutes, seconds and up to 7 digits of fraction optional.
        private const string TimeOfDayPattern = @"""^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,7})?)?$""";

        // A version: two to four numbers of at most 9 digits.
        private const string VersionPattern = @"""^[0-9]{1,9}(?:\\.[0-9]{1,9}){1,3}$""";

        private readonly KnownTypeSymbols _known;
        private readonly CancellationToken _cancellationToken;

        public SchemaBuilder(KnownTypeSymbols known, CancellationToken cancellationToken)
        {
            _known = known;
            _cancellationToken = cancellationToken;
        }

        public SchemaModel For(ITypeSymbol type, string? description = null) =>
            Build(type, ImmutableHashSet.Create<ITypeSymbol>(SymbolEqualityComparer.Default), 0) with { Description = description };

        private SchemaModel Build(ITypeSymbol type, ImmutableHashSet<ITypeSymbol> expanding, int depth)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                return Build(nullable.TypeArguments[0], expanding, depth) with { IsNullable = true };
            }

            var schema = NonNullable(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), expanding, depth);
            if (type.IsReferenceType && Is(type, _known.JsonNode) && type.NullableAnnotation != NullableAnnotation.NotAnnotated)
            {
                return SchemaModel.Any; // JsonNode? (or oblivious): null as well
            }

            return type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated ? schema with { IsNullable = true } : schema;
        }

        private SchemaModel NonNullable(ITypeSymbol type, ImmutableHashSet<ITypeSymbol> expanding, int depth)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return SchemaModel.Of("string");
                case SpecialType.System_Char:
                    return SchemaModel.Of("string") with { Keywords = Keywords(("minLength", "1"), ("maxLength", "1")) };
                case SpecialType.System_Boolean:
                    return SchemaModel.Of("boolean");
                case SpecialType.System_SByte:
                    return Integer(sbyte.MinValue, sbyte.MaxValue);
                case SpecialType.System_Byte:
                    return Integer(byte.MinValue, byte.MaxValue);
                case SpecialType.System_Int16:
                    return Integer(short.MinValue, short.MaxValue);
                case SpecialType.System_UInt16:
                    return Integer(ushort.MinValue, ushort.MaxValue);
                case SpecialType.System_Int32:
                    return SchemaModel.Of("integer", "int32");
                case SpecialType.System_UInt32:
                    return Integer(uint.MinValue, uint.MaxValue);
                case SpecialType.System_Int64:
                    return SchemaModel.Of("integer", "int64");
                case SpecialType.System_UInt64:
                    return SchemaModel.Of("integer") with { Minimum = "0", Maximum = ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                case SpecialType.System_Single:
                    return SchemaModel.Of("number", "float");
                case SpecialType.System_Double:
                    return SchemaModel.Of("number", "double");
                case SpecialType.System_Decimal:
                    return SchemaModel.Of("number") with { Minimum = DecimalMinimum, Maximum = DecimalMaximum };
                case SpecialType.System_DateTime:
                    return SchemaModel.Of("string", "date-time");
                case SpecialType.System_Object:
                    return SchemaModel.Any;
            }

            if (Is(type, _known.Half))
            {
                return SchemaModel.Of("number") with { Minimum = "-65504", Maximum = "65504" };
            }

            if (Is(type, _known.Guid))
            {
                return SchemaModel.Of("string", "uuid");
            }

            if (Is(type, _known.DateTimeOffset))
            {
                return SchemaModel.Of("string", "date-time");
            }

            if (Is(type, _known.DateOnly))
            {
                return SchemaModel.Of("string", "date");
            }

            if (Is(type, _known.TimeOnly))
            {
                // Not format "time": RFC 3339 requires an offset there, which a time of day has not.
                return SchemaModel.Of("string") with { Keywords = Keywords(("pattern", TimeOfDayPattern)) };
            }

            if (Is(type, _known.TimeSpan))
            {
                // No format fits both forms the binder reads ("01:30:00" and ISO-8601 "PT1H30M"), so
                // the pattern states them; the binder refuses what it does not match.
                return SchemaModel.Of("string") with { Keywords = Keywords(("pattern", TimeSpanPattern)) };
            }

            if (Is(type, _known.Uri))
            {
                return SchemaModel.Of("string", "uri");
            }

            if (Is(type, _known.Version))
            {
                return SchemaModel.Of("string") with { Keywords = Keywords(("pattern", VersionPattern)) };
            }

            if (Is(type, _known.JsonElement))
            {
                return SchemaModel.Any;
            }

            if (Is(type, _known.JsonNode))
            {
                // Any JSON value but null, which the binder refuses for a JsonNode that is not JsonNode?.
                return SchemaModel.Any with { Keywords = Keywords(("not", "{\"type\": \"null\"}")) };
            }

            if (Is(type, _known.JsonObject))
            {
                return SchemaModel.Of("object");
            }

            if (Is(type, _known.JsonArray))
            {
                return SchemaModel.Of("array");
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                var names = type.GetMembers().OfType<IFieldSymbol>()
                    .Where(field => field.HasConstantValue)
                    .Select(field => Parser.JsonMemberName(field) ?? field.Name);
                return SchemaModel.Of("string") with { EnumValues = names.ToEquatableArray() };
            }

            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
            {
                return SchemaModel.Of("string") with { Keywords = Keywords(("contentEncoding", "\"base64\"")) };
            }

            if (depth >= MaxDepth)
            {
                return SchemaModel.Any;
            }

            if (DictionaryValue(type) is { } value)
            {
                return SchemaModel.Of("object") with { AdditionalProperties = Build(value, expanding, depth + 1) };
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return SchemaModel.Of("array") with { Items = Build(array.ElementType, expanding, depth + 1) };
            }

            if (SequenceElement(type) is { } element)
            {
                var isSet = IsConstructedFrom(type, _known.HashSetOfT) || IsConstructedFrom(type, _known.ISetOfT) || IsConstructedFrom(type, _known.IReadOnlySetOfT);
                return SchemaModel.Of("array") with { Items = Build(element, expanding, depth + 1), Keywords = isSet ? Keywords(("uniqueItems", "true")) : EquatableArray<SchemaKeyword>.Empty };
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } converted && HasConverterAttribute(converted))
            {
                // A type with a converter of its own is read as that converter says, not as its properties.
                return SchemaModel.Any;
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && !expanding.Contains(named))
            {
                return ObjectSchema(named, expanding.Add(named), depth);
            }

            // A type that contains itself: its inner occurrences are described as any value.
            return SchemaModel.Any;
        }

        private SchemaModel ObjectSchema(INamedTypeSymbol type, ImmutableHashSet<ITypeSymbol> expanding, int depth)
        {
            var properties = new List<SchemaPropertyModel>();
            var seen = new HashSet<string>();
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                        || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }
                        || !seen.Add(property.Name) || IsIgnored(property) || property.IsImplicitlyDeclared && property.Name == "EqualityContract")
                    {
                        continue;
                    }

                    var description = DocumentationComments.Summary(property, _cancellationToken)
                        ?? (property.DeclaringSyntaxReferences.Length == 0 || current.IsRecord
                            ? DocumentationComments.Parameter(current, property.Name, _cancellationToken)
                            : null);
                    var explicitName = property.GetAttributes()
                        .Where(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.JsonPropertyNameAttributeName))
                        .Select(attribute => attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null)
                        .FirstOrDefault(name => name is not null);
                    var isRequired = property.IsRequired
                        || property.GetAttributes().Any(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.JsonRequiredAttributeName));
                    // A converter of the user's own decides the JSON there: the schema says nothing
                    // rather than the names the generated binding would use without it.
                    var schema = HasOwnConverter(property) ? SchemaModel.Any : Build(property.Type, expanding, depth + 1);
                    properties.Add(new SchemaPropertyModel(property.Name, explicitName, schema with { Description = description }, isRequired));
                }
            }

            return SchemaModel.Of("object") with { Properties = properties.ToEquatableArray() };
        }

        private static bool HasOwnConverter(IPropertySymbol property)
        {
            var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : property.Type;
            return HasConverterAttribute(property) || (type.TypeKind == TypeKind.Enum && HasConverterAttribute(type));
        }

        private static bool HasConverterAttribute(ISymbol symbol) =>
            symbol.GetAttributes().Any(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, "System.Text.Json.Serialization.JsonConverterAttribute"));

        /// <summary>[JsonIgnore] without a condition, or with <c>Always</c>, removes a property from the JSON.</summary>
        private static bool IsIgnored(IPropertySymbol property) =>
            property.GetAttributes().Any(attribute =>
                KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.JsonIgnoreAttributeName)
                && !attribute.NamedArguments.Any(argument => argument.Key == "Condition" && argument.Value.Value is int condition && condition != JsonIgnoreConditionAlways));

        private const int JsonIgnoreConditionAlways = 1;

        private ITypeSymbol? DictionaryValue(ITypeSymbol type)
        {
            foreach (var candidate in SelfAndInterfaces(type))
            {
                if ((IsConstructedFrom(candidate, _known.DictionaryInterfaceOfTKeyTValue) || IsConstructedFrom(candidate, _known.ReadOnlyDictionaryOfTKeyTValue))
                    && candidate is INamedTypeSymbol dictionary)
                {
                    return dictionary.TypeArguments[1];
                }
            }

            return null;
        }

        private ITypeSymbol? SequenceElement(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            foreach (var candidate in SelfAndInterfaces(type))
            {
                if (IsConstructedFrom(candidate, _known.EnumerableOfT) && candidate is INamedTypeSymbol sequence)
                {
                    return sequence.TypeArguments[0];
                }
            }

            return null;
        }

        private static IEnumerable<ITypeSymbol> SelfAndInterfaces(ITypeSymbol type) =>
            new[] { type }.Concat(type.AllInterfaces);

        private static EquatableArray<SchemaKeyword> Keywords(params (string Name, string JsonValue)[] keywords) =>
            keywords.Select(keyword => new SchemaKeyword(keyword.Name, keyword.JsonValue)).ToEquatableArray();

        private static SchemaModel Integer(long minimum, long maximum) =>
            SchemaModel.Of("integer") with
            {
                Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };

        private static bool Is(ITypeSymbol type, INamedTypeSymbol? known) => KnownTypeSymbols.Is(type, known);

        private static bool IsConstructedFrom(ITypeSymbol type, INamedTypeSymbol? definition) => KnownTypeSymbols.IsConstructedFrom(type, definition);
    }
}
