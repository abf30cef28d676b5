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
    /// <summary>Reads a <c>JsonSerializerContext</c>: the types it declares, whether it can read them, its naming policy, whether its options convert enums.</summary>
    internal static partial class Parser
    {
        public static JsonContextModel? ParseJsonContext(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || type.IsGenericType || !IsAccessibleFromAssembly(type))
            {
                return null;
            }

            var jsonSerializerContext = context.SemanticModel.Compilation.GetTypeByMetadataName(KnownTypeSymbols.JsonSerializerContextName);
            var isContext = false;
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                isContext |= KnownTypeSymbols.Is(baseType, jsonSerializerContext);
            }

            if (!isContext)
            {
                return null;
            }

            var contextMode = type.GetAttributes()
                .Where(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.JsonSourceGenerationOptionsAttributeName))
                .Select(GenerationMode)
                .FirstOrDefault(mode => mode is not null);
            var namingPolicy = type.GetAttributes()
                .Where(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.JsonSourceGenerationOptionsAttributeName))
                .Select(NamingPolicy)
                .FirstOrDefault();
            var convertsEnums = type.GetAttributes()
                .Where(attribute => KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.JsonSourceGenerationOptionsAttributeName))
                .Any(attribute => attribute.NamedArguments.Any(argument =>
                    (argument.Key == "UseStringEnumConverter" && argument.Value.Value is true)
                    || (argument.Key == "Converters" && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.Values.IsDefaultOrEmpty)));
            var serializableTypes = new List<SerializableTypeModel>();
            foreach (var attribute in context.Attributes)
            {
                if (attribute.ConstructorArguments.Length > 0
                    && attribute.ConstructorArguments[0].Value is ITypeSymbol serializable
                    && serializable.TypeKind != TypeKind.Error)
                {
                    var mode = GenerationMode(attribute) ?? contextMode ?? DefaultGenerationMode;
                    serializableTypes.Add(new SerializableTypeModel(LookupName(serializable), CanRead: mode != SerializationOnlyGenerationMode));
                }
            }

            return new JsonContextModel(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), serializableTypes.ToEquatableArray(), namingPolicy, convertsEnums);
        }

        // JsonSerializerDefaults.Web = 1, whose naming policy is camelCase.
        private const int WebDefaults = 1;

        /// <summary>The property naming policy of <c>[JsonSourceGenerationOptions]</c>: an explicit one, else camelCase for the web defaults.</summary>
        private static int NamingPolicy(AttributeData attribute)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "PropertyNamingPolicy" && argument.Value.Value is int policy)
                {
                    return policy;
                }
            }

            return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int defaults && defaults == WebDefaults
                ? JsonNamingPolicies.CamelCase
                : JsonNamingPolicies.Unspecified;
        }

        // JsonSourceGenerationMode: Default = 0 (metadata and serialization), Metadata = 1, Serialization = 2.
        private const int DefaultGenerationMode = 0;
        private const int SerializationOnlyGenerationMode = 2;

        private static int? GenerationMode(AttributeData attribute)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "GenerationMode" && argument.Value.Value is int mode)
                {
                    return mode;
                }
            }

            return null;
        }
    }
}
