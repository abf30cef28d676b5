using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Conductor.Generated.Generator;

public sealed partial class WorkerGenerator
{
    /// <summary>Writes the generated files: the <c>ConductorWorkers</c> table and one invoker per worker.</summary>
    internal static class Emitter
    {
        public const string TableHintName = "ConductorWorkers.g.cs";
        public const string ClassName = "ConductorWorkers";

        private const string Runtime = "global::Conductor.Generated.";
        private const string Binding = "global::Conductor.Generated.Binding.";
        private const string ServiceProviderExtensions = "global::Microsoft.Extensions.DependencyInjection.";
        private const string ValueTaskOfResult = "global::System.Threading.Tasks.ValueTask<global::Conductor.Generated.WorkerResult>";

        private static readonly string GeneratedCodeAttribute =
            "[global::System.CodeDom.Compiler.GeneratedCode(\"Conductor.Generated\", \"" + typeof(Emitter).Assembly.GetName().Version + "\")]";

        private const string NeverBrowsable = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

        public static string EmitTable(WorkerTableModel model)
        {
            var writer = FileHeader();

            // Each worker's contract on the assembly, where the workflow analyzer of a referencing
            // project finds it (Conductor.Generated.WorkerContractAttribute).
            foreach (var resolved in model.Workers)
            {
                writer.Line("[assembly: " + Runtime + "WorkerContract(" + Literal(resolved.TaskDefinitionJson) + ")]");
            }

            if (model.Workers.Count > 0)
            {
                writer.Line();
            }

            using (Namespace(writer, model.Namespace ?? ""))
            {
                writer.Line("/// <summary>");
                writer.Line("/// The Conductor workers of this assembly, generated from its <c>[WorkerTask]</c> methods.");
                writer.Line("/// Give <see cref=\"All\"/> to the worker host; each property is one worker.");
                writer.Line("/// </summary>");
                writer.Line(GeneratedCodeAttribute);
                using (writer.Block((model.IsPublic ? "public" : "internal") + " static partial class " + ClassName))
                {
                    foreach (var resolved in model.Workers)
                    {
                        var worker = resolved.Worker;
                        writer.Line("/// <summary>Task <c>" + EscapeXml(worker.TaskName) + "</c>, run by <c>" + EscapeXml(worker.DisplayName) + "</c>.</summary>");
                        writer.Line("public static " + Runtime + "WorkerDefinition " + resolved.MemberName + " { get; } = new " + Runtime + "WorkerDefinition(");
                        writer.Line("    " + Literal(worker.TaskName) + ",");
                        writer.Line("    Invokers." + resolved.MemberName + ".InvokeAsync" + (worker.Settings.IsEmpty ? ")" : ","));
                        if (!worker.Settings.IsEmpty)
                        {
                            writer.Line("    " + SettingsExpression(worker.Settings) + ")");
                        }

                        writer.Line("{");
                        writer.Line("    TaskDefinitionJson = Invokers." + resolved.MemberName + ".TaskDefinitionJson,");
                        if (HasServices(worker))
                        {
                            writer.Line("    ServiceDependencies = Invokers." + resolved.MemberName + ".ServiceDependencies,");
                        }

                        writer.Line("};");

                        writer.Line();
                    }

                    writer.Line("/// <summary>Every worker of this assembly, in declaration order.</summary>");
                    writer.Line("public static global::System.Collections.Generic.IReadOnlyList<" + Runtime + "WorkerDefinition> All { get; } =");
                    writer.Line(model.Workers.Count == 0
                        ? "    global::System.Array.Empty<" + Runtime + "WorkerDefinition>();"
                        : "    global::System.Array.AsReadOnly(new " + Runtime + "WorkerDefinition[] { " + string.Join(", ", model.Workers.Select(worker => worker.MemberName)) + " });");
                    writer.Line();
                    writer.Line("/// <summary>");
                    writer.Line("/// The task definitions of <see cref=\"All\"/> as one JSON array, the body of <c>POST /api/metadata/taskdefs</c>.");
                    writer.Line("/// </summary>");
                    writer.Line("public static string TaskDefinitionsJson =>");
                    writer.Line(model.Workers.Count == 0
                        ? "    \"[]\";"
                        : "    \"[\" + string.Join(\",\", " + string.Join(", ", model.Workers.Select(worker => "Invokers." + worker.MemberName + ".TaskDefinitionJson")) + ") + \"]\";");
                    writer.Line();
                    writer.Line("/// <summary>The generated binders, one nested class per worker.</summary>");
                    writer.Line(NeverBrowsable);
                    writer.Line("private static partial class Invokers");
                    writer.Line("{");
                    writer.Line("}");
                }
            }

            return writer.ToString();
        }

        public static string EmitWorker(WorkerFileModel file)
        {
            var resolved = file.Worker;
            var worker = resolved.Worker;
            var writer = FileHeader();
            using (Namespace(writer, file.Namespace))
            {
                using (writer.Block("partial class " + ClassName))
                using (writer.Block("partial class Invokers"))
                {
                    writer.Line("/// <summary>");
                    writer.Line("/// Task <c>" + EscapeXml(worker.TaskName) + "</c>: binds <c>inputData</c> to the parameters of <c>" + EscapeXml(worker.DisplayName) + "</c>,");
                    writer.Line("/// calls it and turns what it returns into the task's <c>outputData</c>.");
                    writer.Line("/// </summary>");
                    writer.Line(GeneratedCodeAttribute);
                    using (writer.Block("internal static class " + resolved.MemberName))
                    {
                        writer.Line("/// <summary>The Conductor task definition of the worker, with JSON Schemas of its input and output.</summary>");
                        writer.Line("public const string TaskDefinitionJson = @\"" + resolved.TaskDefinitionJson.Replace("\"", "\"\"").Replace("\n", "\n    ") + "\";");
                        writer.Line();
                        if (HasServices(worker))
                        {
                            WriteServiceDependencies(writer, worker);
                        }

                        new InvokerWriter(writer, worker).Write();
                    }
                }
            }

            return writer.ToString();
        }

        private static bool HasServices(WorkerModel worker) =>
            worker.Parameters.Any(parameter => parameter.Source == ParameterSource.Service);

        /// <summary>The services the worker takes, listed so that a host can check at start that each is registered.</summary>
        private static void WriteServiceDependencies(CodeWriter writer, WorkerModel worker)
        {
            writer.Line("/// <summary>The services the worker method takes as parameters, for the host to check at start.</summary>");
            writer.Line("public static global::System.Collections.Generic.IReadOnlyList<" + Runtime + "WorkerServiceDependency> ServiceDependencies { get; } =");
            writer.Line("    global::System.Array.AsReadOnly(new " + Runtime + "WorkerServiceDependency[]");
            writer.Line("    {");
            foreach (var parameter in worker.Parameters.Where(parameter => parameter.Source == ParameterSource.Service))
            {
                var service = parameter.Service!;
                writer.Line("        new(typeof(" + service.TypeOfName + "), " + (service.KeyLiteral ?? "null") + ", " + Literal(parameter.Name) + "),");
            }

            writer.Line("    });");
            writer.Line();
        }

        private static CodeWriter FileHeader() =>
            new CodeWriter()
                .Line("// <auto-generated/>")
                .Line("#nullable enable")
                .Line();

        private static IDisposable Namespace(CodeWriter writer, string name) =>
            name.Length == 0 ? new NoScope() : writer.Block("namespace " + name);

        private static string SettingsExpression(WorkerSettingsModel settings)
        {
            var assignments = new List<string>();
            if (settings.Concurrency is { } concurrency)
            {
                assignments.Add("Concurrency = " + concurrency.ToString(CultureInfo.InvariantCulture));
            }

            if (settings.PollIntervalMs is { } pollInterval)
            {
                assignments.Add("PollInterval = global::System.TimeSpan.FromMilliseconds(" + pollInterval.ToString(CultureInfo.InvariantCulture) + ")");
            }

            if (settings.Domain is { } domain)
            {
                assignments.Add("Domain = " + Literal(domain));
            }

            if (settings.PollTimeoutMs is { } pollTimeout)
            {
                assignments.Add("PollTimeout = global::System.TimeSpan.FromMilliseconds(" + pollTimeout.ToString(CultureInfo.InvariantCulture) + ")");
            }

            return "new " + Runtime + "WorkerSettings { " + string.Join(", ", assignments) + " }";
        }

        internal static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

        private static string EscapeXml(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        private sealed class NoScope : IDisposable
        {
            public void Dispose()
            {
            }
        }

        /// <summary>Writes the body of one worker's invoker class: its reader and writer fields and <c>InvokeAsync</c>.</summary>
        private sealed class InvokerWriter
        {
            private static readonly string[] ReservedLocals = ["context", "cancellationToken", "input", "result"];

            private readonly CodeWriter _writer;
            private readonly WorkerModel _worker;
            private readonly List<string> _fields = [];
            private readonly HashSet<string> _fieldNames = new(StringComparer.Ordinal);
            private readonly Dictionary<string, string> _enumTables = new(StringComparer.Ordinal);

            public InvokerWriter(CodeWriter writer, WorkerModel worker)
            {
                _writer = writer;
                _worker = worker;
            }

            public void Write()
            {
                var bindings = new List<(ParameterModel Parameter, string Reader)>();
                foreach (var parameter in _worker.Parameters)
                {
                    if (parameter.Type is { } type)
                    {
                        bindings.Add((parameter, ReaderFor(parameter, type)));
                    }
                }

                var resultWriter = _worker.Return.Value is { } returnType ? WriterFor(returnType) : null;

                foreach (var field in _fields)
                {
                    foreach (var line in field.Split('\n'))
                    {
                        _writer.Line(line);
                    }

                    _writer.Line();
                }

                var locals = AssignLocals();
                var isAsync = _worker.Return.IsAwaitable;
                _writer.Line("public static " + (isAsync ? "async " : "") + ValueTaskOfResult + " InvokeAsync(");
                _writer.Line("    " + Runtime + "TaskContext context,");
                _writer.Line("    global::System.Threading.CancellationToken cancellationToken)");
                using (_writer.Block())
                {
                    if (bindings.Count > 0)
                    {
                        _writer.Line("// Every parameter is bound before the first problem is reported, so the task fails once with all of them.");
                        _writer.Line("var input = new " + Binding + "InputBinder(context.Input);");
                        foreach (var (parameter, reader) in bindings)
                        {
                            _writer.Line("var " + locals[parameter] + " = " + BindExpression(parameter, reader) + ";");
                        }

                        using (_writer.Block("if (input.HasErrors)"))
                        {
                            _writer.Line(Return("input.Failure()", isAsync));
                        }

                        _writer.Line();
                    }

                    var services = _worker.Parameters.Where(parameter => parameter.Source == ParameterSource.Service).ToList();
                    if (services.Count > 0)
                    {
                        _writer.Line("// Services come from this task's scope, which the host disposes once the method has returned.");
                        foreach (var parameter in services)
                        {
                            _writer.Line("var " + locals[parameter] + " = " + ResolveExpression(parameter.Service!) + ";");
                        }

                        _writer.Line();
                    }

                    var call = _worker.ContainingTypeFullName + "." + _worker.MethodName + "(" + string.Join(", ", _worker.Parameters.Select(parameter => locals[parameter])) + ")";
                    if (isAsync)
                    {
                        call = "await " + call + ".ConfigureAwait(false)";
                    }

                    if (resultWriter is null)
                    {
                        _writer.Line(call + ";");
                        _writer.Line(Return(Runtime + "WorkerResult.CompletedEmpty()", isAsync));
                    }
                    else
                    {
                        _writer.Line("var result = " + call + ";");
                        var complete = _worker.Return.OutputKey is { } key
                            ? Binding + "WorkerOutput.CompleteUnder<" + _worker.Return.Value!.FullName + ">(result, " + resultWriter + ", key: " + Literal(key) + ")"
                            : Binding + "WorkerOutput.Complete<" + _worker.Return.Value!.FullName + ">(result, " + resultWriter + ")";
                        _writer.Line(Return(complete, isAsync));
                    }
                }

            }

            private static string Return(string expression, bool isAsync) =>
                isAsync ? "return " + expression + ";" : "return global::System.Threading.Tasks.ValueTask.FromResult(" + expression + ");";

            private static string ResolveExpression(ServiceModel service) =>
                service.KeyLiteral is { } key
                    ? ServiceProviderExtensions + "ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<" + service.TypeArgumentName + ">(context.Services, " + key + ")"
                    : ServiceProviderExtensions + "ServiceProviderServiceExtensions.GetRequiredService<" + service.TypeArgumentName + ">(context.Services)";

            private static string BindExpression(ParameterModel parameter, string reader)
            {
                var type = parameter.Type!;
                var name = Literal(parameter.Name);
                if (parameter.Source == ParameterSource.WholeInput)
                {
                    return "input.WholeInput<" + type.FullName + ">(parameter: " + name + ", " + reader + ")";
                }

                var key = Literal(parameter.Key);
                var defaultValue = parameter.DefaultValueLiteral ?? (type.IsNullable ? "null" : null);
                return defaultValue is null
                    ? "input.Required<" + type.FullName + ">(key: " + key + ", parameter: " + name + ", " + reader + ")"
                    : "input.Optional<" + type.FullName + ">(key: " + key + ", parameter: " + name + ", " + reader + ", defaultValue: " + defaultValue + ")";
            }

            /// <summary>The local each parameter is passed as: its own name, unless generated code already uses that name.</summary>
            private Dictionary<ParameterModel, string> AssignLocals()
            {
                var used = new HashSet<string>(ReservedLocals.Concat(_fieldNames), StringComparer.Ordinal);
                var locals = new Dictionary<ParameterModel, string>();
                foreach (var parameter in _worker.Parameters)
                {
                    locals[parameter] = parameter.Source switch
                    {
                        ParameterSource.TaskContext => "context",
                        ParameterSource.CancellationToken => "cancellationToken",
                        _ => Parser.EscapeKeyword(UniqueName(parameter.Name, used, "Argument")),
                    };
                }

                return locals;
            }

            private static string UniqueName(string candidate, HashSet<string> used, string suffix)
            {
                var name = candidate;
                for (var number = 1; !used.Add(name); number++)
                {
                    name = candidate + suffix + (number == 1 ? "" : number.ToString(CultureInfo.InvariantCulture));
                }

                return name;
            }

            private string ReaderFor(ParameterModel parameter, TypeModel type)
            {
                var expression = Reader(type);
                if (expression.StartsWith(Binding + "InputReaders.", StringComparison.Ordinal) && !expression.Contains("("))
                {
                    return expression;
                }

                return AddField(Binding + "IInputReader<" + type.FullName + ">", Pascal(parameter.Name) + "Reader", expression);
            }

            private string WriterFor(TypeModel type) =>
                AddField(Binding + "IOutputWriter<" + type.FullName + ">", "ResultWriter", Writer(type));

            private string AddField(string type, string name, string initializer)
            {
                var unique = UniqueName(name, _fieldNames, "");
                _fields.Add("private static readonly " + type + " " + unique + " =\n    " + initializer.Replace("\n", "\n    ") + ";");
                return unique;
            }

            private string Reader(TypeModel type)
            {
                if (type.Kind == BindingKind.NullableValue)
                {
                    return Binding + "InputReaders.Nullable(" + Reader(type.Element!) + ")";
                }

                var reader = NonNullableReader(type);
                return type.IsNullable && !type.IsValueType && type.Kind != BindingKind.JsonElement
                    ? Binding + "InputReaders.NullableReference<" + type.NonNullableFullName + ">(" + reader + ")"
                    : reader;
            }

            private string NonNullableReader(TypeModel type) => type.Kind switch
            {
                BindingKind.Enum => Binding + "InputReaders.Enum(" + EnumTable(type) + ")",
                BindingKind.Array => Binding + "InputReaders.ArrayOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
                BindingKind.List => Binding + "InputReaders.ListOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
                BindingKind.Set => Binding + "InputReaders.SetOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
                BindingKind.ImmutableArray => Binding + "InputReaders.ImmutableArrayOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
                BindingKind.Dictionary => Binding + "InputReaders.DictionaryOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
                BindingKind.Json when type.NestedEnums.Count > 0 => Binding + "InputReaders.JsonWithEnumNames<" + type.NonNullableFullName + ">(" + type.JsonContext + ".Default, " + EnumNamesList(type) + ")",
                BindingKind.Json => Binding + "InputReaders.Json<" + type.NonNullableFullName + ">(" + type.JsonContext + ".Default)",
                _ => Binding + "InputReaders." + type.Kind,
            };

            private string Writer(TypeModel type) => type.Kind switch
            {
                BindingKind.NullableValue => Binding + "OutputWriters.Nullable(" + Writer(type.Element!) + ")",
                BindingKind.Enum => Binding + "OutputWriters.Enum(" + EnumTable(type) + ")",
                BindingKind.ImmutableArray => Binding + "OutputWriters.ImmutableArrayOf<" + type.Element!.FullName + ">(" + Writer(type.Element) + ")",
                BindingKind.Array or BindingKind.List or BindingKind.Set => Binding + "OutputWriters.SequenceOf<" + type.Element!.FullName + ">(" + Writer(type.Element) + ")",
                BindingKind.Dictionary => Binding + "OutputWriters.DictionaryOf<" + type.Element!.FullName + ">(" + Writer(type.Element) + ")",
                BindingKind.Json when type.NestedEnums.Count > 0 => Binding + "OutputWriters.JsonWithEnumNames<" + type.FullName + ">(" + type.JsonContext + ".Default, " + EnumNamesList(type) + ")",
                BindingKind.Json => Binding + "OutputWriters.Json<" + type.FullName + ">(" + type.JsonContext + ".Default)",
                BindingKind.JsonObject or BindingKind.JsonArray => Binding + "OutputWriters.JsonNode",
                _ => Binding + "OutputWriters." + type.Kind,
            };

            /// <summary>The enums inside a JSON-bound type, to be bound by name: <c>EnumNames.For&lt;E&gt;()</c>, …</summary>
            private static string EnumNamesList(TypeModel type) =>
                string.Join(", ", type.NestedEnums.Select(name => Binding + "EnumNames.For<" + name + ">()"));

            /// <summary>The field holding an enum's member table, declared once per enum type.</summary>
            private string EnumTable(TypeModel type)
            {
                var enumType = type.NonNullableFullName;
                if (_enumTables.TryGetValue(enumType, out var existing))
                {
                    return existing;
                }

                var simpleName = enumType.Substring(enumType.LastIndexOf('.') + 1).Replace("global::", "");
                var members = type.EnumMembers.Select(member =>
                    "        (" + Literal(member.JsonName) + ", " + enumType + "." + Parser.EscapeKeyword(member.Name) + ", " + member.NumberLiteral + "),");
                var initializer = "new " + Binding + "EnumTable<" + enumType + ">(new (string, " + enumType + ", decimal)[]\n"
                    + "    {\n" + string.Join("\n", members) + (type.EnumMembers.Count > 0 ? "\n" : "") + "    })";
                var field = AddField(Binding + "EnumTable<" + enumType + ">", simpleName + "Members", initializer);
                _enumTables.Add(enumType, field);
                return field;
            }

            private static string Pascal(string name) =>
                name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
        }
    }
}
