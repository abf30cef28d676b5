using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// <summary>Reads the parameters bound from input: their keys, types and default values.</summary>
    internal static partial class Parser
    {
        private static ParameterModel? ParseParameter(
            IParameterSymbol parameter,
            ParameterSyntax? declaration,
            LocationInfo? location,
            KnownTypeSymbols known,
            WorkerDiagnostics diagnostics,
            CancellationToken cancellationToken)
        {
            var name = parameter.Name;
            // An `in` parameter takes a copy at the call site just as well; ref, out and ref readonly need a variable.
            if (parameter.RefKind is not RefKind.None and not RefKind.In)
            {
                diagnostics.Report(DiagnosticDescriptors.UnsupportedParameterModifier, location, diagnostics.Display, name, DescribeRefKind(parameter.RefKind));
                return null;
            }

            if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            {
                diagnostics.Report(DiagnosticDescriptors.UnsupportedParameterModifier, location, diagnostics.Display, name, "a pointer");
                return null;
            }

            if (parameter.Type.TypeKind == TypeKind.Error)
            {
                // The compiler already reports the unknown type; a second error would only add noise.
                diagnostics.Skip();
                return null;
            }

            // What the declaration says, read from its syntax: a parameter with no attribute and no
            // default value there (most of them) needs neither its attributes nor its default bound.
            var declared = declaration is null ? Declared(parameter, cancellationToken) : Declared(declaration);
            if ((declared & DeclaredParts.Attributes) != 0 && FindServiceAttribute(parameter, known) is { } serviceAttribute)
            {
                return ParseServiceParameter(parameter, serviceAttribute, known, diagnostics, location, cancellationToken);
            }

            if (KnownTypeSymbols.Is(parameter.Type, known.TaskContext))
            {
                return new ParameterModel(name, ParameterSource.TaskContext, "", null, null);
            }

            if (KnownTypeSymbols.Is(parameter.Type, known.CancellationToken))
            {
                return new ParameterModel(name, ParameterSource.CancellationToken, "", null, null);
            }

            var isWholeInput = false;
            var key = name;
            var attributes = (declared & DeclaredParts.Attributes) != 0 ? parameter.GetAttributes() : ImmutableArray<AttributeData>.Empty;
            foreach (var attribute in attributes)
            {
                if (KnownTypeSymbols.Is(attribute.AttributeClass, known.TaskInputAttribute))
                {
                    isWholeInput = true;
                }
                else if (KnownTypeSymbols.Is(attribute.AttributeClass, known.InputParamAttribute))
                {
                    key = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
                    if (string.IsNullOrWhiteSpace(key))
                    {
                        diagnostics.Report(DiagnosticDescriptors.EmptyKey, LocationInfo.From(attribute.ApplicationSyntaxReference, cancellationToken), diagnostics.Display, "Parameter '" + name + "'", "InputParam(\"...\")");
                    }
                }
            }

            var type = Classify(parameter.Type, known);
            if (type is null)
            {
                diagnostics.Report(DiagnosticDescriptors.UnsupportedParameterType, location, diagnostics.Display, name, parameter.Type.ToDisplayString());
                return null;
            }

            return new ParameterModel(
                name,
                isWholeInput ? ParameterSource.WholeInput : ParameterSource.InputKey,
                key,
                type,
                declared == DeclaredParts.None ? null : DefaultValueLiteral(parameter, type));
        }

        [Flags]
        private enum DeclaredParts
        {
            None = 0,
            Attributes = 1,
            DefaultValue = 2,
        }

        /// <summary>
        /// Whether a parameter's declarations have attributes or a default value, from the syntax
        /// alone. A default value comes from <c>= value</c> or an attribute (<c>[Optional]</c>,
        /// <c>[DefaultParameterValue]</c>), so without either <see cref="IParameterSymbol.HasExplicitDefaultValue"/>
        /// is false, and reading it or the attributes would only bind them for nothing. Both when the
        /// declarations cannot be read.
        /// </summary>
        private static DeclaredParts Declared(IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            var references = parameter.DeclaringSyntaxReferences;
            if (references.IsEmpty)
            {
                return DeclaredParts.Attributes | DeclaredParts.DefaultValue;
            }

            var parts = DeclaredParts.None;
            foreach (var reference in references)
            {
                if (reference.GetSyntax(cancellationToken) is not ParameterSyntax syntax)
                {
                    return DeclaredParts.Attributes | DeclaredParts.DefaultValue;
                }

                parts |= Declared(syntax);
            }

            return parts;
        }

        private static DeclaredParts Declared(ParameterSyntax syntax) =>
            (syntax.AttributeLists.Count > 0 ? DeclaredParts.Attributes : DeclaredParts.None)
            | (syntax.Default is not null ? DeclaredParts.DefaultValue : DeclaredParts.None);

        /// <summary>At most one parameter takes the whole input (<c>[TaskInput]</c>).</summary>
        private static void CheckSingleTaskInput(List<ParameterModel> parameters, List<LocationInfo> locations, WorkerDiagnostics diagnostics)
        {
            ParameterModel? wholeInput = null;
            for (var index = 0; index < parameters.Count; index++)
            {
                var parameter = parameters[index];
                if (parameter.Source != ParameterSource.WholeInput)
                {
                    continue;
                }

                if (wholeInput is not null)
                {
                    diagnostics.Report(DiagnosticDescriptors.MultipleTaskInputParameters, locations[index], diagnostics.Display, wholeInput.Name, parameter.Name);
                }

                wholeInput ??= parameter;
            }
        }

        /// <summary>The C# text of a parameter's default value, or <see langword="null"/> when it has none.</summary>
        private static string? DefaultValueLiteral(IParameterSymbol parameter, TypeModel type)
        {
            if (!parameter.HasExplicitDefaultValue)
            {
                return null;
            }

            var value = parameter.ExplicitDefaultValue;
            if (value is null)
            {
                // `string text = null!` declares a non-nullable parameter whose default is null anyway.
                return type.IsNullable ? "null" : type.IsValueType ? "default" : "null!";
            }

            var target = type.Kind == BindingKind.NullableValue ? type.Element! : type;
            if (target.Kind == BindingKind.Enum)
            {
                return "(" + target.FullName + ")(" + Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")";
            }

            return value switch
            {
                string text => SymbolDisplay.FormatLiteral(text, quote: true),
                bool flag => flag ? "true" : "false",
                char character => SymbolDisplay.FormatLiteral(character, quote: true),
                double number => FloatingLiteral(number, "double", "D"),
                float number => FloatingLiteral(number, "float", "F"),
                decimal number => number.ToString(CultureInfo.InvariantCulture) + "M",
                long number => number.ToString(CultureInfo.InvariantCulture) + "L",
                ulong number => number.ToString(CultureInfo.InvariantCulture) + "UL",
                uint number => number.ToString(CultureInfo.InvariantCulture) + "U",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => "default",
            };
        }

        private static string FloatingLiteral(double number, string keyword, string suffix) =>
            double.IsNaN(number) ? keyword + ".NaN"
            : double.IsPositiveInfinity(number) ? keyword + ".PositiveInfinity"
            : double.IsNegativeInfinity(number) ? keyword + ".NegativeInfinity"
            : (suffix == "F" ? ((float)number).ToString("R", CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture)) + suffix;
    }
}
