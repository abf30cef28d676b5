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
    /// <summary>Maps symbols to models: one <c>[WorkerTask]</c> method, or one JSON context.</summary>
    internal static class Parser
    {
        private const int MaxTypeNesting = 8;

        public static ParsedWorker ParseWorker(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var syntax = (MethodDeclarationSyntax)context.TargetNode;
            var attribute = context.Attributes[0];
            var known = new KnownTypeSymbols(context.SemanticModel.Compilation);
            var location = LocationInfo.From(syntax.Identifier.GetLocation());
            var containingTypeName = ContainingTypeName(method.ContainingType);
            var display = containingTypeName + "." + method.Name;
            var diagnostics = new List<DiagnosticInfo>();
            var canGenerate = true;

            void Report(DiagnosticDescriptor descriptor, LocationInfo? at, params string[] arguments)
            {
                diagnostics.Add(DiagnosticInfo.Create(descriptor, at ?? location, arguments));
                canGenerate = false;
            }

            var taskName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            if (string.IsNullOrWhiteSpace(taskName))
            {
                Report(DiagnosticDescriptors.EmptyTaskName, LocationInfo.From(attribute.ApplicationSyntaxReference, cancellationToken), display);
            }

            CheckMethodShape(method, display, Report);

            var schemas = new SchemaBuilder(known, cancellationToken);
            var parameters = new List<ParameterModel>();
            ParameterModel? wholeInput = null;
            foreach (var parameter in method.Parameters)
            {
                var model = ParseParameter(parameter, known, display, Report, ref canGenerate, cancellationToken);
                if (model is null)
                {
                    continue;
                }

                if (model.Type is not null)
                {
                    model = model with { Schema = schemas.For(parameter.Type, DocumentationComments.Parameter(method, parameter.Name, cancellationToken)) };
                }

                if (model.Source == ParameterSource.WholeInput)
                {
                    if (wholeInput is not null)
                    {
                        Report(DiagnosticDescriptors.MultipleTaskInputParameters, model.Location, display, wholeInput.Name, model.Name);
                    }

                    wholeInput ??= model;
                }

                parameters.Add(model);
            }

            var returnModel = ParseReturn(method, known, display, Report, ref canGenerate, cancellationToken);
            if (returnModel?.Value is not null)
            {
                var valueType = method.ReturnType is INamedTypeSymbol { IsGenericType: true } awaitable && returnModel.IsAwaitable
                    ? awaitable.TypeArguments[0]
                    : method.ReturnType;
                returnModel = returnModel with { Schema = schemas.For(valueType, ReturnsDocumentation(method, cancellationToken)) };
            }

            var settings = ParseSettings(attribute, display, Report, cancellationToken);
            var taskDefinition = TaskDefinitionParser.Parse(
                method.GetAttributes().FirstOrDefault(candidate => candidate.AttributeClass?.ToDisplayString() == KnownTypeSymbols.TaskDefinitionAttributeName),
                display,
                DocumentationComments.Summary(method, cancellationToken),
                Report,
                cancellationToken);

            var worker = canGenerate && returnModel is not null
                ? new WorkerModel(
                    taskName!,
                    method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    containingTypeName,
                    EscapeKeyword(method.Name),
                    parameters.ToEquatableArray(),
                    returnModel,
                    settings,
                    location,
                    taskDefinition)
                : null;
            return new ParsedWorker(worker, diagnostics.ToEquatableArray(), NamespaceOf(method.ContainingType));
        }

        /// <summary>The declaring type's namespace as C# source (keywords escaped), empty for the global namespace.</summary>
        private static string NamespaceOf(INamedTypeSymbol type) =>
            type.ContainingNamespace is null or { IsGlobalNamespace: true }
                ? ""
                : type.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));

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
                .Where(attribute => attribute.AttributeClass?.ToDisplayString() == KnownTypeSymbols.JsonSourceGenerationOptionsAttributeName)
                .Select(GenerationMode)
                .FirstOrDefault(mode => mode is not null);
            var namingPolicy = type.GetAttributes()
                .Where(attribute => attribute.AttributeClass?.ToDisplayString() == KnownTypeSymbols.JsonSourceGenerationOptionsAttributeName)
                .Select(NamingPolicy)
                .FirstOrDefault();
            var convertsEnums = type.GetAttributes()
                .Where(attribute => attribute.AttributeClass?.ToDisplayString() == KnownTypeSymbols.JsonSourceGenerationOptionsAttributeName)
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

        private static string? ReturnsDocumentation(IMethodSymbol method, CancellationToken cancellationToken) =>
            DocumentationComments.Returns(method, cancellationToken);

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

        private static void CheckMethodShape(IMethodSymbol method, string display, Action<DiagnosticDescriptor, LocationInfo?, string[]> report)
        {
            if (!method.IsStatic)
            {
                report(DiagnosticDescriptors.WorkerMethodNotStatic, null, [display]);
            }

            if (method.IsGenericMethod)
            {
                report(DiagnosticDescriptors.WorkerMethodGeneric, null, [display, "has type parameters"]);
            }

            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (type.TypeParameters.Length > 0)
                {
                    report(DiagnosticDescriptors.WorkerMethodGeneric, null, [display, "is declared in the generic type '" + type.ToDisplayString() + "'"]);
                    break;
                }
            }

            if (!IsCallableFromAssembly(method.DeclaredAccessibility))
            {
                report(DiagnosticDescriptors.WorkerMethodInaccessible, null, [display, DescribeAccessibility(method.DeclaredAccessibility)]);
            }
            else
            {
                for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                {
                    if (type.IsFileLocal || !IsCallableFromAssembly(type.DeclaredAccessibility))
                    {
                        var accessibility = type.IsFileLocal ? "file-local" : DescribeAccessibility(type.DeclaredAccessibility);
                        report(DiagnosticDescriptors.WorkerMethodInaccessible, null,
                            [display, "declared in the " + accessibility + " type '" + type.ToDisplayString() + "'"]);
                        break;
                    }
                }
            }

            if (method.IsAsync && method.ReturnsVoid)
            {
                report(DiagnosticDescriptors.AsyncVoidWorker, null, [display]);
            }
        }

        private static ParameterModel? ParseParameter(
            IParameterSymbol parameter,
            KnownTypeSymbols known,
            string display,
            Action<DiagnosticDescriptor, LocationInfo?, string[]> report,
            ref bool canGenerate,
            CancellationToken cancellationToken)
        {
            var location = LocationInfo.From(parameter.Locations.FirstOrDefault());
            var name = parameter.Name;
            // An `in` parameter takes a copy at the call site just as well; ref, out and ref readonly need a variable.
            if (parameter.RefKind is not RefKind.None and not RefKind.In)
            {
                report(DiagnosticDescriptors.UnsupportedParameterModifier, location, [display, name, DescribeRefKind(parameter.RefKind)]);
                return null;
            }

            if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            {
                report(DiagnosticDescriptors.UnsupportedParameterModifier, location, [display, name, "a pointer"]);
                return null;
            }

            if (parameter.Type.TypeKind == TypeKind.Error)
            {
                // The compiler already reports the unknown type; a second error would only add noise.
                canGenerate = false;
                return null;
            }

            if (FindServiceAttribute(parameter, known) is { } serviceAttribute)
            {
                return ParseServiceParameter(parameter, serviceAttribute, known, display, report, location, cancellationToken);
            }

            if (KnownTypeSymbols.Is(parameter.Type, known.TaskContext))
            {
                return new ParameterModel(name, ParameterSource.TaskContext, "", null, null, location);
            }

            if (KnownTypeSymbols.Is(parameter.Type, known.CancellationToken))
            {
                return new ParameterModel(name, ParameterSource.CancellationToken, "", null, null, location);
            }

            var isWholeInput = false;
            var key = name;
            foreach (var attribute in parameter.GetAttributes())
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
                        report(DiagnosticDescriptors.EmptyKey, LocationInfo.From(attribute.ApplicationSyntaxReference, cancellationToken),
                            [display, "Parameter '" + name + "'", "InputParam(\"...\")"]);
                    }
                }
            }

            var type = Classify(parameter.Type, known, 0);
            if (type is null)
            {
                report(DiagnosticDescriptors.UnsupportedParameterType, location, [display, name, parameter.Type.ToDisplayString()]);
                return null;
            }

            return new ParameterModel(
                name,
                isWholeInput ? ParameterSource.WholeInput : ParameterSource.InputKey,
                key,
                type,
                DefaultValueLiteral(parameter, type),
                location);
        }

        /// <summary>The attribute that makes a parameter a service: <c>[FromServices]</c> (ours or ASP.NET Core's) or <c>[FromKeyedServices]</c>.</summary>
        private static AttributeData? FindServiceAttribute(IParameterSymbol parameter, KnownTypeSymbols known) =>
            parameter.GetAttributes().FirstOrDefault(attribute =>
                KnownTypeSymbols.Is(attribute.AttributeClass, known.FromServicesAttribute)
                || KnownTypeSymbols.Is(attribute.AttributeClass, known.FromKeyedServicesAttribute)
                || attribute.AttributeClass?.ToDisplayString() == KnownTypeSymbols.MvcFromServicesAttributeName);

        /// <summary>
        /// A parameter resolved from the task's service scope: no input key, no schema; the type is
        /// kept by name only, and a keyed service's key as the C# expression that recreates it.
        /// </summary>
        private static ParameterModel? ParseServiceParameter(
            IParameterSymbol parameter,
            AttributeData serviceAttribute,
            KnownTypeSymbols known,
            string display,
            Action<DiagnosticDescriptor, LocationInfo?, string[]> report,
            LocationInfo? location,
            CancellationToken cancellationToken)
        {
            var serviceAttributeName = AttributeName(serviceAttribute);
            var inputAttribute = parameter.GetAttributes().FirstOrDefault(attribute =>
                KnownTypeSymbols.Is(attribute.AttributeClass, known.TaskInputAttribute) || KnownTypeSymbols.Is(attribute.AttributeClass, known.InputParamAttribute));
            if (inputAttribute is not null)
            {
                report(DiagnosticDescriptors.ServiceAndInputParameter, location, [display, parameter.Name, serviceAttributeName, AttributeName(inputAttribute)]);
                return null;
            }

            string? keyLiteral = null;
            if (KnownTypeSymbols.Is(serviceAttribute.AttributeClass, known.FromKeyedServicesAttribute))
            {
                var attributeLocation = LocationInfo.From(serviceAttribute.ApplicationSyntaxReference, cancellationToken) ?? location;
                if (serviceAttribute.ConstructorArguments.Length != 1)
                {
                    // The parameterless form inherits the key of the service being built; a worker method is not a keyed service.
                    report(DiagnosticDescriptors.UnsupportedServiceKey, attributeLocation, [display, parameter.Name, "missing"]);
                    return null;
                }

                keyLiteral = ServiceKeyLiteral(serviceAttribute.ConstructorArguments[0], out var problem);
                if (keyLiteral is null)
                {
                    report(DiagnosticDescriptors.UnsupportedServiceKey, attributeLocation, [display, parameter.Name, problem!]);
                    return null;
                }
            }

            var typeArgumentName = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(AnnotatedFormat);
            var service = new ServiceModel(LookupName(parameter.Type), typeArgumentName, keyLiteral);
            return new ParameterModel(parameter.Name, ParameterSource.Service, "", null, null, location, Service: service);
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

        private static ReturnModel? ParseReturn(
            IMethodSymbol method,
            KnownTypeSymbols known,
            string display,
            Action<DiagnosticDescriptor, LocationInfo?, string[]> report,
            ref bool canGenerate,
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
                        report(DiagnosticDescriptors.EmptyKey, LocationInfo.From(attribute.ApplicationSyntaxReference, cancellationToken),
                            [display, "The return value", "OutputParam(\"...\")"]);
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
                canGenerate = false;
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
                canGenerate = false;
                return null;
            }

            if (KnownTypeSymbols.IsConstructedFrom(valueType, known.AsyncEnumerableOfT))
            {
                report(DiagnosticDescriptors.UnsupportedReturnType, null,
                    [display, returnType.ToDisplayString(), "an asynchronous stream, which cannot be reported as one task output"]);
                return null;
            }

            var value = IsTaskLike(valueType, known) ? null : Classify(valueType, known, 0);
            if (value is null)
            {
                report(DiagnosticDescriptors.UnsupportedReturnType, null,
                    [display, returnType.ToDisplayString(), "which cannot be written as task output"]);
                return null;
            }

            return new ReturnModel(isAwaitable, value, outputKey);
        }

        private static WorkerSettingsModel ParseSettings(
            AttributeData attribute,
            string display,
            Action<DiagnosticDescriptor, LocationInfo?, string[]> report,
            CancellationToken cancellationToken)
        {
            int? concurrency = null, pollIntervalMs = null, pollTimeoutMs = null;
            string? domain = null;
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value.Value;
                switch (argument.Key)
                {
                    case "Concurrency" when value is int number:
                        concurrency = number;
                        if (number < 1)
                        {
                            ReportSetting(argument.Key, number, "run at least one task at a time: set Concurrency to 1 or more");
                        }

                        break;
                    case "PollIntervalMs" when value is int number:
                        pollIntervalMs = number;
                        if (number < 0)
                        {
                            ReportSetting(argument.Key, number, "a pause cannot be negative: set PollIntervalMs to 0 or more");
                        }

                        break;
                    case "PollTimeoutMs" when value is int number:
                        pollTimeoutMs = number;
                        if (number is < 0 or > MaxPollTimeoutMs)
                        {
                            ReportSetting(argument.Key, number, "the Conductor server long-polls for 0 to 5000 ms: set PollTimeoutMs within that range");
                        }

                        break;
                    case "Domain":
                        domain = value as string;
                        break;
                }
            }

            return new WorkerSettingsModel(concurrency, pollIntervalMs, domain, pollTimeoutMs);

            void ReportSetting(string name, int value, string fix) =>
                report(DiagnosticDescriptors.InvalidWorkerSetting, NamedArgumentLocation(attribute, name, cancellationToken),
                    [display, name, value.ToString(CultureInfo.InvariantCulture), fix]);
        }

        private const int MaxPollTimeoutMs = 5000;

        private static LocationInfo? NamedArgumentLocation(AttributeData attribute, string name, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                return null;
            }

            var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(candidate => candidate.NameEquals?.Name.Identifier.ValueText == name);
            return LocationInfo.From((argument ?? (SyntaxNode)syntax).GetLocation());
        }

        /// <summary>Classifies a parameter or return type; <see langword="null"/> when it cannot be bound.</summary>
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
                .Where(attribute => attribute.AttributeClass?.ToDisplayString() == KnownTypeSymbols.JsonStringEnumMemberNameAttributeName)
                .Select(attribute => attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null)
                .FirstOrDefault(name => !string.IsNullOrEmpty(name));

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

        /// <summary>The type without nullable reference annotations, as <c>typeof</c> in a <c>[JsonSerializable]</c> names it.</summary>
        private static string LookupName(ITypeSymbol type) =>
            type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(LookupFormat);

        private static readonly SymbolDisplayFormat LookupFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat AnnotatedFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

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
