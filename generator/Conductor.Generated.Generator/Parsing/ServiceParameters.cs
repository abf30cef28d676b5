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
    /// <summary>Reads the parameters taken from the task's service scope, and checks their attributes and keys.</summary>
    internal static partial class Parser
    {
        /// <summary>The attribute that makes a parameter a service: <c>[FromServices]</c> (ours or ASP.NET Core's) or <c>[FromKeyedServices]</c>.</summary>
        private static AttributeData? FindServiceAttribute(IParameterSymbol parameter, KnownTypeSymbols known) =>
            parameter.GetAttributes().FirstOrDefault(attribute =>
                KnownTypeSymbols.Is(attribute.AttributeClass, known.FromServicesAttribute)
                || KnownTypeSymbols.Is(attribute.AttributeClass, known.FromKeyedServicesAttribute)
                || KnownTypeSymbols.HasFullName(attribute.AttributeClass, KnownTypeSymbols.MvcFromServicesAttributeName));

        /// <summary>
        /// A parameter resolved from the task's service scope: no input key, no schema; the type is
        /// kept by name only, and a keyed service's key as the C# expression that recreates it.
        /// </summary>
        private static ParameterModel? ParseServiceParameter(
            IParameterSymbol parameter,
            AttributeData serviceAttribute,
            KnownTypeSymbols known,
            WorkerDiagnostics diagnostics,
            LocationInfo? location,
            CancellationToken cancellationToken)
        {
            var serviceAttributeName = AttributeName(serviceAttribute);
            var inputAttribute = parameter.GetAttributes().FirstOrDefault(attribute =>
                KnownTypeSymbols.Is(attribute.AttributeClass, known.TaskInputAttribute) || KnownTypeSymbols.Is(attribute.AttributeClass, known.InputParamAttribute));
            if (inputAttribute is not null)
            {
                diagnostics.Report(DiagnosticDescriptors.ServiceAndInputParameter, location, diagnostics.Display, parameter.Name, serviceAttributeName, AttributeName(inputAttribute));
                return null;
            }

            string? keyLiteral = null;
            if (KnownTypeSymbols.Is(serviceAttribute.AttributeClass, known.FromKeyedServicesAttribute))
            {
                var attributeLocation = LocationInfo.From(serviceAttribute.ApplicationSyntaxReference, cancellationToken) ?? location;
                if (serviceAttribute.ConstructorArguments.Length != 1)
                {
                    // The parameterless form inherits the key of the service being built; a worker method is not a keyed service.
                    diagnostics.Report(DiagnosticDescriptors.UnsupportedServiceKey, attributeLocation, diagnostics.Display, parameter.Name, "missing");
                    return null;
                }

                keyLiteral = ServiceKeyLiteral(serviceAttribute.ConstructorArguments[0], out var problem);
                if (keyLiteral is null)
                {
                    diagnostics.Report(DiagnosticDescriptors.UnsupportedServiceKey, attributeLocation, diagnostics.Display, parameter.Name, problem!);
                    return null;
                }
            }

            var typeArgumentName = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(AnnotatedFormat);
            var service = new ServiceModel(LookupName(parameter.Type), typeArgumentName, keyLiteral);
            return new ParameterModel(parameter.Name, ParameterSource.Service, "", null, null, Service: service);
        }

        /// <summary>The key as C# text: a string or int literal, or an enum member (a cast of its value when no member has it).</summary>
        private static string? ServiceKeyLiteral(TypedConstant key, out string? problem)
        {
            problem = null;
            if (key.IsNull)
            {
                problem = "null";
                return null;
            }

            if (key.Kind == TypedConstantKind.Enum && key.Type is INamedTypeSymbol enumType)
            {
                var typeName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                var member = enumType.GetMembers().OfType<IFieldSymbol>()
                    .FirstOrDefault(field => field.HasConstantValue && Equals(field.ConstantValue, key.Value));
                return member is not null
                    ? typeName + "." + EscapeKeyword(member.Name)
                    : "(" + typeName + ")(" + Convert.ToDecimal(key.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")";
            }

            switch (key.Value)
            {
                case string text when key.Kind == TypedConstantKind.Primitive:
                    return SymbolDisplay.FormatLiteral(text, quote: true);
                case int number when key.Kind == TypedConstantKind.Primitive:
                    return number.ToString(CultureInfo.InvariantCulture);
                default:
                    problem = "a constant of type '" + (key.Type?.ToDisplayString() ?? "unknown") + "'";
                    return null;
            }
        }

        /// <summary>An attribute's name as written in brackets, without the <c>Attribute</c> suffix.</summary>
        private static string AttributeName(AttributeData attribute)
        {
            var name = attribute.AttributeClass?.Name ?? "";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }
    }
}
