using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
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
            var writer = PerWorkerFileHeader();

            using (Namespace(writer, model.Namespace ?? ""))
            {
                writer.Line("/// <summary>");
                writer.Line("/// The Conductor workers of this assembly, generated from its <c>[WorkerTask]</c> methods.");
                writer.Line("/// Give <see cref=\"All\"/> to the worker host; each field is one worker.");
                writer.Line("/// </summary>");
                writer.Line(GeneratedCodeAttribute);
                using (writer.Block((model.IsPublic ? "public" : "internal") + " static partial class " + ClassName))
                {
                    writer.Line("/// <summary>Every worker of this assembly, in declaration order.</summary>");
                    if (model.Workers.Count == 0)
                    {
                        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<" + Runtime + "WorkerDefinition> All { get; } =");
                        writer.Line("    global::System.Array.Empty<" + Runtime + "WorkerDefinition>();");
                    }
                    else
                    {
                        // The list is a field of a class of its own: the worker properties are declared in
                        // the workers' files, and the order of initializers across the parts of a partial
                        // class is unspecified; this class is initialized when All is first read, after them.
                        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<" + Runtime + "WorkerDefinition> All => Binders.AllWorkers.List;");
                    }

                    writer.Line();
                    writer.Line("/// <summary>");
                    writer.Line("/// The task definitions of <see cref=\"All\"/> as one JSON array, the body of <c>POST /api/metadata/taskdefs</c>.");
                    writer.Line("/// </summary>");
                    if (model.Workers.Count == 0)
                    {
                        writer.Line("public static string TaskDefinitionsJson => \"[]\";");
                    }
                    else
                    {
                        // A loop over All: one call with an argument per worker costs the compiler more than the whole loop.
                        using (writer.Block("public static string TaskDefinitionsJson"))
                        using (writer.Block("get"))
                        {
                            writer.Line("var json = new global::System.Text.StringBuilder(\"[\");");
                            using (writer.Block("foreach (var worker in All)"))
                            {
                                writer.Line("json.Append(json.Length == 1 ? \"\" : \",\").Append(worker.TaskDefinitionJson);");
                            }

                            writer.Line();
                            writer.Line("return json.Append(']').ToString();");
                        }
                    }
                    if (model.Workers.Count > 0)
                    {
                        // The workers' fields, declared in their classes' files, each given its element of
                        // its file's array. In the table, which names every worker anyway (All), so that a
                        // change inside one worker leaves this file as it was.
                        writer.Line();
                        using (writer.Block("static " + ClassName + "()"))
                        {
                            foreach (var file in FilesOf(model.Namespace ?? "", model.Workers))
                            {
                                for (var index = 0; index < file.Workers.Count; index++)
                                {
                                    writer.Line(file.Workers[index].MemberName + " = Binders." + file.Definitions + "[" + index.ToString(CultureInfo.InvariantCulture) + "];");
                                }
                            }
                        }

                        writer.Line();
                        using (writer.Block("partial class Binders"))
                        using (writer.Block("internal static class AllWorkers"))
                        {
                            writer.Line("internal static readonly global::System.Collections.Generic.IReadOnlyList<" + Runtime + "WorkerDefinition> List =");
                            writer.Line("    global::System.Array.AsReadOnly(new " + Runtime + "WorkerDefinition[] { " + string.Join(", ", model.Workers.Select(worker => worker.MemberName)) + " });");
                        }
                    }
                }
            }

            return writer.ToString();
        }

        public const string BindersHintName = "ConductorWorkers.Binders.g.cs";

        /// <summary>
        /// The workers of one class: per worker, its <c>WorkerDefinition</c> field, made by one
        /// call to the shared binding of its signature with the worker method, its task name and its
        /// task definition (a literal). The readers and writers the bindings use are fields of the
        /// shared <c>Binders</c> class.
        /// </summary>
        public static string EmitWorker(WorkerFileModel file)
        {
            var writer = PerWorkerFileHeader();

            // The workers' contracts on the assembly, where the workflow analyzer of a referencing
            // project finds them (Conductor.Generated.WorkerContractAttribute), and the workflow
            // analyzer of this project too: each worker's task definition, the same literal as in
            // its element of the array below, in one JSON array. One attribute per class, not one per worker, and literals rather
            // than constants named by both: each attribute and each constant is bound and analyzed on
            // its own, and a thousand of them cost the build seconds (docs/performance.md, "Build
            // cost"). The text is written twice in the generated source, but not in the assembly
            // (a constant would have been stored once more). Here rather than in the table, so that a
            // change to one worker changes its class's file only.
            // One JSON array in one literal: arrays as attribute arguments are not CLS-compliant (CS3016).
            // Each definition is escaped once, for its element below and for the attribute's array.
            var literals = new List<string>(file.Workers.Count);
            foreach (var resolved in file.Workers)
            {
                literals.Add(DefinitionLiteral(resolved));
            }

            writer.Line("[assembly: " + Runtime + "WorkerContract(" + ArrayLiteral(literals) + ")]");
            writer.Line();
            using (Namespace(writer, file.Namespace))
            {
                using (writer.Block("partial class " + ClassName))
                {
                    // Each worker is a static readonly field, assigned its element of one array per class
                    // by the static constructor of the table (EmitTable): a field is a declaration with no
                    // body, where a property was a getter method of its own to bind, compile, emit and
                    // analyze, a thousand times over; the array's elements are created in one initializer,
                    // where a thousand initializers were each bound on their own, by the compile and again
                    // by the analyzers that look at generated code (docs/performance.md, "Build cost").
                    foreach (var resolved in file.Workers)
                    {
                        var worker = resolved.Worker;
                        writer.Line("/// <summary>Task <c>" + EscapeXml(worker.TaskName) + "</c>, run by <c>" + EscapeXml(worker.DisplayName) + "</c>.</summary>");
                        writer.Line("public static readonly " + Runtime + "WorkerDefinition " + resolved.MemberName + ";");
                        writer.Line();
                    }

                    using (writer.Block("partial class Binders"))
                    {
                        writer.Line("/// <summary>The workers of this file, in order: one expression each, the shared binding of its signature given the method to call.</summary>");
                        writer.Line("internal static readonly " + Runtime + "WorkerDefinition[] " + file.Definitions + " =");
                        writer.Line("[");
                        for (var element = 0; element < file.Workers.Count; element++)
                        {
                            var resolved = file.Workers[element];
                            var worker = resolved.Worker;
                            var arguments = worker.ContainingTypeFullName + "." + worker.MethodName + ", " + Literal(worker.TaskName) + ",\n"
                                + "    " + literals[element]
                                + (worker.Settings.IsEmpty ? "" : ",\n    " + SettingsExpression(worker.Settings));
                            foreach (var line in ("Define" + resolved.Binding + "(" + arguments + "),").Split('\n'))
                            {
                                writer.Line("    " + line);
                            }
                        }

                        writer.Line("];");
                    }
                }
            }

            return writer.ToString();
        }

        /// <summary>A worker's task definition as a verbatim string literal.</summary>
        private static string DefinitionLiteral(ResolvedWorker resolved) => "@\"" + resolved.TaskDefinitionJson.Replace("\"", "\"\"") + "\"";

        /// <summary>The verbatim literal of a JSON array of definitions, from their own verbatim literals (escaping is per character).</summary>
        private static string ArrayLiteral(List<string> definitionLiterals)
        {
            var text = new StringBuilder("@\"[");
            for (var index = 0; index < definitionLiterals.Count; index++)
            {
                var literal = definitionLiterals[index];
                text.Append(index == 0 ? "" : ",").Append(literal, 2, literal.Length - 3);
            }

            return text.Append("]\"").ToString();
        }

        /// <summary>The shared readers, writers and enum tables, and the helpers that turn a call's outcome into a result.</summary>
        public static string EmitBinders(BindersFileModel model)
        {
            var writer = FileHeader();
            using (Namespace(writer, model.Namespace))
            using (writer.Block("partial class " + ClassName))
            {
                writer.Line("/// <summary>The readers, writers and enum tables of the workers, each created once, and the helpers their invokers share.</summary>");
                writer.Line(NeverBrowsable);
                using (writer.Block("private static partial class Binders"))
                {
                    // Every static field of Binders is declared with nullable warnings off (these, the
                    // workers' arrays, the services' lists): the compiler analyzes the static constructor
                    // (all the workers' definitions) only if some static field is declared with them on.
                    writer.Line(NullableWarningsOff);
                    foreach (var field in model.Fields)
                    {
                        writer.Line("internal static readonly " + field.FieldType + " " + field.Name + " =");
                        foreach (var line in (field.Initializer + ";").Split('\n'))
                        {
                            writer.Line("    " + line);
                        }

                        writer.Line();
                    }

                    writer.Line(NullableWarningsOn);

                    foreach (var helper in model.Helpers)
                    {
                        WriteHelper(writer, helper);
                    }
                }
            }

            return writer.ToString();
        }

        private const string WriterType = Binding + "IOutputWriter<T>";
        private const string ResultType = Runtime + "WorkerResult";

        /// <summary>The helpers an invoker of <paramref name="worker"/> calls: see <see cref="WriteHelper"/>.</summary>
        public static IEnumerable<string> HelpersOf(WorkerModel worker)
        {
            if (worker.Parameters.Any(parameter => parameter.Type is not null))
            {
                yield return "Failed";
            }

            yield return ResultHelper(worker.Return);
        }

        private static string ResultHelper(ReturnModel returns) =>
            (returns.Value is null ? "Completed" : returns.OutputKey is null ? "Complete" : "CompleteUnder") + (returns.IsAwaitable ? "Async" : "");

        private static void WriteHelper(CodeWriter writer, string helper)
        {
            switch (helper)
            {
                case "Failed":
                    writer.Line("internal static " + ValueTaskOfResult + " Failed(" + Binding + "BindingErrors errors) =>");
                    writer.Line("    global::System.Threading.Tasks.ValueTask.FromResult(" + InputValues + ".Failure(errors));");
                    break;
                case "Completed":
                    writer.Line("internal static " + ValueTaskOfResult + " Completed() =>");
                    writer.Line("    global::System.Threading.Tasks.ValueTask.FromResult(" + ResultType + ".CompletedEmpty());");
                    break;
                case "Complete":
                    writer.Line("internal static " + ValueTaskOfResult + " Complete<T>(T result, " + WriterType + " writer) =>");
                    writer.Line("    global::System.Threading.Tasks.ValueTask.FromResult(" + Binding + "WorkerOutput.Complete(result, writer));");
                    break;
                case "CompleteUnder":
                    writer.Line("internal static " + ValueTaskOfResult + " CompleteUnder<T>(T result, " + WriterType + " writer, string key) =>");
                    writer.Line("    global::System.Threading.Tasks.ValueTask.FromResult(" + Binding + "WorkerOutput.CompleteUnder(result, writer, key));");
                    break;
                default:
                    // The awaiting helpers, one per awaitable: the invokers themselves are not async methods.
                    foreach (var awaitable in new[] { "global::System.Threading.Tasks.Task", "global::System.Threading.Tasks.ValueTask" })
                    {
                        switch (helper)
                        {
                            case "CompletedAsync":
                                writer.Line("internal static async " + ValueTaskOfResult + " CompletedAsync(" + awaitable + " call)");
                                using (writer.Block())
                                {
                                    writer.Line("await call.ConfigureAwait(false);");
                                    writer.Line("return " + ResultType + ".CompletedEmpty();");
                                }

                                break;
                            case "CompleteAsync":
                                writer.Line("internal static async " + ValueTaskOfResult + " CompleteAsync<T>(" + awaitable + "<T> call, " + WriterType + " writer) =>");
                                writer.Line("    " + Binding + "WorkerOutput.Complete(await call.ConfigureAwait(false), writer);");
                                break;
                            case "CompleteUnderAsync":
                                writer.Line("internal static async " + ValueTaskOfResult + " CompleteUnderAsync<T>(" + awaitable + "<T> call, " + WriterType + " writer, string key) =>");
                                writer.Line("    " + Binding + "WorkerOutput.CompleteUnder(await call.ConfigureAwait(false), writer, key);");
                                break;
                        }

                        writer.Line();
                    }

                    return;
            }

            writer.Line();
        }

        private static readonly string[] ReservedLocals = ["Binders", "context", "cancellationToken", "errors", "input", "method", "property"];

        /// <summary>The hint name of a shared binding's file.</summary>
        public static string BindingHintName(string name) => ClassName + ".Binding" + name + ".g.cs";

        /// <summary>A shared binding's file: its members in the <c>Binders</c> class.</summary>
        public static string EmitBinding(BindingModel binding)
        {
            var writer = FileHeader();
            using (Namespace(writer, binding.Namespace))
            using (writer.Block("partial class " + ClassName))
            using (writer.Block("partial class Binders"))
            {
                foreach (var line in binding.Code.TrimEnd('\n').Split('\n'))
                {
                    writer.Line(line);
                }
            }

            return writer.ToString();
        }

        /// <summary>
        /// The binding that workers of one signature share (same parameters, keys, defaults, readers,
        /// return type and writer): the delegate type of the worker method, <c>Define…</c> that makes a
        /// worker's <c>WorkerDefinition</c> from its method, and <c>Bind…</c> that binds <c>inputData</c>,
        /// calls the method and writes what it returns. Workers of the same signature get the same text,
        /// so it is written once, named after a hash of its text.
        /// </summary>
        public static string BindingCode(ResolvedWorker resolved, string name)
        {
            var worker = resolved.Worker;
            var writer = new CodeWriter();
            var signature = "Signature" + name;
            var delegateParameters = worker.Parameters.Select(parameter => DelegateParameterType(parameter) + " " + Parser.EscapeKeyword(parameter.Name));
            writer.Line("/// <summary>The workers that share this binding: " + EscapeXml(BindingDescription(worker)) + ".</summary>");
            writer.Line("internal delegate " + worker.Return.DeclaredType + " " + signature + "(" + string.Join(", ", delegateParameters) + ");");
            writer.Line();
            var services = HasServices(worker) ? ", ServiceDependencies = Services" + name : "";
            writer.Line("internal static " + Runtime + "WorkerDefinition Define" + name + "(" + signature + " method, string taskName, string taskDefinitionJson, " + Runtime + "WorkerSettings? settings = null) =>");
            writer.Line("    new(taskName, (context, cancellationToken) => Bind" + name + "(method, context, cancellationToken), settings) { TaskDefinitionJson = taskDefinitionJson" + services + " };");
            writer.Line();
            if (HasServices(worker))
            {
                WriteServiceDependencies(writer, worker, "Services" + name);
            }

            WriteBind(writer, resolved, name, signature);
            return writer.ToString();
        }

        /// <summary>
        /// A parameter's type in the delegate of its binding: for a parameter bound from input, the
        /// type it is bound as (a reference type of oblivious code is read as nullable, and the
        /// delegate says so); for the others, the type as declared.
        /// </summary>
        private static string DelegateParameterType(ParameterModel parameter) =>
            parameter.Type is { } type
                ? (parameter.DeclaredType.StartsWith("in ", StringComparison.Ordinal) ? "in " : "") + type.FullName
                : parameter.DeclaredType;

        /// <summary>What a binding reads and returns, for its summary: <c>(string name, int count) returning string</c>.</summary>
        private static string BindingDescription(WorkerModel worker) =>
            "(" + string.Join(", ", worker.Parameters.Select(parameter => parameter.DeclaredType.Replace("global::", "") + " " + parameter.Name)) + ") returning " + worker.Return.DeclaredType.Replace("global::", "");

        private static void WriteBind(CodeWriter writer, ResolvedWorker resolved, string name, string signature)
        {
            var worker = resolved.Worker;
            var used = new HashSet<string>(ReservedLocals, StringComparer.Ordinal);
            var locals = AssignLocals(worker, used);
            writer.Line("private static " + ValueTaskOfResult + " Bind" + name + "(" + signature + " method, " + Runtime + "TaskContext context, global::System.Threading.CancellationToken cancellationToken)");
            using (writer.Block())
            {
                if (worker.Parameters.Any(parameter => parameter.Type is not null))
                {
                    WriteInputBinding(writer, resolved, locals, used);
                }

                for (var index = 0; index < worker.Parameters.Count; index++)
                {
                    if (worker.Parameters[index].Service is { } service)
                    {
                        writer.Line("var " + locals[index] + " = " + ResolveExpression(service) + ";");
                    }
                }

                var call = "method(" + string.Join(", ", locals) + ")";
                var helper = "Binders." + ResultHelper(worker.Return);
                if (resolved.ResultWriter is not { } resultWriter)
                {
                    if (worker.Return.IsAwaitable)
                    {
                        writer.Line("return " + helper + "(" + call + ");");
                    }
                    else
                    {
                        writer.Line(call + ";");
                        writer.Line("return " + helper + "();");
                    }
                }
                else
                {
                    var key = worker.Return.OutputKey is { } outputKey ? ", " + Literal(outputKey) : "";
                    writer.Line("return " + helper + "(" + call + ", Binders." + resultWriter + key + ");");
                }
            }
        }

        private const string InputValues = Binding + "InputValues";

        /// <summary>
        /// Binds the parameters read from input: one pass over <c>inputData</c>'s properties finds
        /// every key (an exact UTF-8 comparison per key, the last duplicate winning); then each
        /// parameter is read from its value, directly when it is a primitive in its plain form, else
        /// with its reader (which also looks a key not found up ignoring case, and names problems).
        /// </summary>
        private static void WriteInputBinding(CodeWriter writer, ResolvedWorker resolved, string[] locals, HashSet<string> used)
        {
            var worker = resolved.Worker;
            writer.Line("var input = context.Input;");

            // One local per distinct key, named after the first parameter that reads it.
            var foundOfKey = new Dictionary<string, string>(StringComparer.Ordinal);
            var keys = new List<string>();
            for (var index = 0; index < worker.Parameters.Count; index++)
            {
                var parameter = worker.Parameters[index];
                if (parameter.Type is not null && parameter.Source == ParameterSource.InputKey && !foundOfKey.ContainsKey(parameter.Key))
                {
                    foundOfKey.Add(parameter.Key, UniqueName(locals[index].TrimStart('@') + "Found", used, ""));
                    keys.Add(parameter.Key);
                }
            }

            if (keys.Count > 0)
            {
                writer.Line("global::System.Text.Json.JsonElement " + string.Join(", ", keys.Select(key => foundOfKey[key] + " = default")) + ";");
                using (writer.Block("foreach (var property in input.EnumerateObject())"))
                {
                    for (var index = 0; index < keys.Count; index++)
                    {
                        using (writer.Block((index == 0 ? "if" : "else if") + " (property.NameEquals(" + Utf8Literal(keys[index]) + "))"))
                        {
                            writer.Line(foundOfKey[keys[index]] + " = property.Value;");
                        }
                    }
                }

                writer.Line();
            }

            writer.Line("global::Conductor.Generated.Binding.BindingErrors? errors = null;");
            for (var index = 0; index < worker.Parameters.Count; index++)
            {
                var parameter = worker.Parameters[index];
                if (parameter.Type is not null)
                {
                    var found = parameter.Source == ParameterSource.InputKey ? foundOfKey[parameter.Key] : null;
                    writer.Line("var " + locals[index] + " = " + BindExpression(parameter, found, "Binders." + resolved.Readers[index], locals[index], used) + ";");
                }
            }

            using (writer.Block("if (errors is not null)"))
            {
                writer.Line("return Binders.Failed(errors);");
            }

            writer.Line();
        }

        /// <summary>A key as a UTF-8 literal, or as a string where it is not valid UTF-16 (a lone surrogate has no UTF-8 form).</summary>
        private static string Utf8Literal(string key) => IsWellFormedUtf16(key) ? Literal(key) + "u8" : Literal(key);

        private static bool IsWellFormedUtf16(string text)
        {
            for (var index = 0; index < text.Length; index++)
            {
                if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
                {
                    index++;
                }
                else if (char.IsSurrogate(text[index]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The direct reading of a primitive's plain form (<c>InputValues.TryInt32</c>), or <see langword="null"/> for types read only by their reader.</summary>
        private static string? DirectReading(TypeModel type) =>
            (type.Kind == BindingKind.NullableValue ? type.Element!.Kind : type.Kind) switch
            {
                BindingKind.String => "TryString",
                BindingKind.Int32 => "TryInt32",
                BindingKind.Int64 => "TryInt64",
                BindingKind.Double => "TryDouble",
                BindingKind.Decimal => "TryDecimal",
                BindingKind.Boolean => "TryBoolean",
                BindingKind.Guid => "TryGuid",
                BindingKind.DateTimeOffset => "TryDateTimeOffset",
                _ => null,
            };

        /// <summary>
        /// Reads one parameter: directly from its value when it has a plain form, else (and when
        /// that form is not there) with its reader; the type argument is inferred from the reader
        /// unless a default value needs it.
        /// </summary>
        private static string BindExpression(ParameterModel parameter, string? found, string reader, string local, HashSet<string> used)
        {
            var type = parameter.Type!;
            var name = Literal(parameter.Name);
            if (parameter.Source == ParameterSource.WholeInput)
            {
                return InputValues + ".WholeInput(input, " + name + ", " + reader + ", ref errors)";
            }

            var key = Literal(parameter.Key);
            var defaultValue = parameter.DefaultValueLiteral ?? (type.IsNullable ? "null" : null);
            var read = defaultValue is null
                ? InputValues + ".Required(input, " + found + ", " + key + ", " + name + ", " + reader + ", ref errors)"
                : InputValues + ".Optional<" + type.FullName + ">(input, " + found + ", " + key + ", " + name + ", " + reader + ", " + defaultValue + ", ref errors)";
            if (DirectReading(type) is not { } direct)
            {
                return read;
            }

            var value = UniqueName(local.TrimStart('@') + "Read", used, "");
            return InputValues + "." + direct + "(" + found + ", out var " + value + ") ? " + value + " : " + read;
        }

        /// <summary>The local each parameter is passed as: its own name, unless generated code already uses that name.</summary>
        private static string[] AssignLocals(WorkerModel worker, HashSet<string> used) =>
            worker.Parameters.Select(parameter => parameter.Source switch
            {
                ParameterSource.TaskContext => "context",
                ParameterSource.CancellationToken => "cancellationToken",
                _ => Parser.EscapeKeyword(UniqueName(parameter.Name, used, "Argument")),
            }).ToArray();

        private static string UniqueName(string candidate, HashSet<string> used, string suffix)
        {
            var name = candidate;
            for (var number = 1; !used.Add(name); number++)
            {
                name = candidate + suffix + (number == 1 && suffix.Length > 0 ? "" : number.ToString(CultureInfo.InvariantCulture));
            }

            return name;
        }

        private static string ResolveExpression(ServiceModel service) =>
            service.KeyLiteral is { } key
                ? ServiceProviderExtensions + "ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<" + service.TypeArgumentName + ">(context.Services, " + key + ")"
                : ServiceProviderExtensions + "ServiceProviderServiceExtensions.GetRequiredService<" + service.TypeArgumentName + ">(context.Services)";

        /// <summary>A name kept free beside each worker's (earlier generated code declared its task definition constant under it).</summary>
        internal static string DefinitionMember(ResolvedWorker resolved) => DefinitionMember(resolved.MemberName);

        internal static string DefinitionMember(string memberName) => memberName.TrimStart('@') + "Definition";

        /// <summary>A name kept free beside each worker's (earlier generated code listed its service dependencies under it).</summary>
        internal static string ServicesMember(ResolvedWorker resolved) => ServicesMember(resolved.MemberName);

        internal static string ServicesMember(string memberName) => memberName.TrimStart('@') + "Services";

        private static bool HasServices(WorkerModel worker) =>
            worker.Parameters.Any(parameter => parameter.Source == ParameterSource.Service);

        /// <summary>The services the workers take, listed so that a host can check at start that each is registered.</summary>
        private static void WriteServiceDependencies(CodeWriter writer, WorkerModel worker, string field)
        {
            // A static field of Binders: declared with nullable warnings off, as all of them (see EmitBinders).
            writer.Line(NullableWarningsOff);
            writer.Line("private static readonly global::System.Collections.Generic.IReadOnlyList<" + Runtime + "WorkerServiceDependency> " + field + " =");
            writer.Line("    global::System.Array.AsReadOnly(new " + Runtime + "WorkerServiceDependency[]");
            writer.Line("    {");
            foreach (var parameter in worker.Parameters.Where(parameter => parameter.Source == ParameterSource.Service))
            {
                var service = parameter.Service!;
                writer.Line("        new(typeof(" + service.TypeOfName + "), " + (service.KeyLiteral ?? "null") + ", " + Literal(parameter.Name) + "),");
            }

            writer.Line("    });");
            writer.Line(NullableWarningsOn);
            writer.Line();
        }

        private static CodeWriter FileHeader() =>
            new CodeWriter()
                .Line("// <auto-generated/>")
                .Line("#nullable enable")
                .Line();

        /// <summary>
        /// The header of the files with a declaration or an element per worker (the table and the
        /// workers' files): nullable annotations on, so that their API reads as with <c>#nullable enable</c>,
        /// but nullable warnings off, so that the compiler does not run its nullable analysis over a
        /// thousand fields and array elements, once for the compile and once more for each
        /// analyzer's semantic model (docs/performance.md, "Build cost"). Their code has nothing
        /// for it to find: each element passes a worker method to the delegate of its own signature.
        /// </summary>
        private const string NullableWarningsOff = "#nullable disable warnings";

        private const string NullableWarningsOn = "#nullable enable warnings";

        private static CodeWriter PerWorkerFileHeader() =>
            new CodeWriter()
                .Line("// <auto-generated/>")
                .Line("#nullable enable annotations")
                .Line("#nullable disable warnings")
                .Line();

        /// <summary>
        /// A file-scoped namespace (the generated code needs C# 12 anyway, for its collection
        /// expressions): one level of indentation less on every line of the file.
        /// </summary>
        private static NoScope Namespace(CodeWriter writer, string name)
        {
            if (name.Length > 0)
            {
                writer.Line("namespace " + name + ";");
                writer.Line();
            }

            return new NoScope();
        }

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
    }
}
