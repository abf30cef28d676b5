using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Conductor.Generated.Generator.Model;

namespace Conductor.Generated.Generator;

public sealed partial class WorkerGenerator
{
    /// <summary>
    /// Joins the parsed workers with the JSON contexts: finds the context of each user type,
    /// rejects duplicate task names, and names the generated members and files.
    /// </summary>
    internal static class TableBuilder
    {
        private static readonly HashSet<string> ReservedMemberNames = new(StringComparer.Ordinal) { "All", "Binders", "ConductorWorkers", "Invokers", "TaskDefinitionsJson" };

        public static WorkerTableModel Build(
            ImmutableArray<WorkerModel?> parsedWorkers,
            ImmutableArray<JsonContextModel> jsonContexts,
            GenerationTarget? target,
            CancellationToken cancellationToken)
        {
            var diagnostics = new List<WorkerDiagnosticInfo>();
            var contexts = ContextIndex.Create(jsonContexts);
            var workers = new List<WorkerModel>();
            var byTaskName = new Dictionary<string, WorkerModel>(StringComparer.Ordinal);
            var convertingEnums = new HashSet<string>(jsonContexts.Where(context => context.ConvertsEnums).Select(context => context.FullName), StringComparer.Ordinal);

            for (var index = 0; index < parsedWorkers.Length; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (parsedWorkers[index] is not { } worker)
                {
                    continue;
                }

                var resolved = ResolveTypes(worker, index, contexts, diagnostics);
                if (resolved is null)
                {
                    continue;
                }

                resolved = LeaveEnumsToOptions(resolved, convertingEnums);

                if (byTaskName.TryGetValue(worker.TaskName, out var first))
                {
                    diagnostics.Add(new(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTaskName, null, worker.TaskName, worker.DisplayName, first.DisplayName), index, -1));
                    continue;
                }

                if (target is { HostingReferenced: false })
                {
                    ReportServicesWithoutHosting(resolved, index, diagnostics);
                }

                byTaskName.Add(worker.TaskName, resolved);
                workers.Add(resolved);
            }

            var namingPolicies = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var context in jsonContexts)
            {
                namingPolicies[context.FullName] = context.NamingPolicy | (context.ConvertsEnums ? JsonNamingPolicies.OptionsConvertEnums : 0);
            }

            var binders = new BinderCatalog();
            var schemas = new SchemaCatalog();
            var bindings = new List<BindingModel>();
            var resolvedWorkers = ShareBindings(NameMembers(workers, namingPolicies, target?.DefaultOwnerEmail, binders, schemas).ToList(), target?.Namespace ?? "", bindings).ToEquatableArray();
            var helpers = resolvedWorkers
                .SelectMany(worker => Emitter.HelpersOf(worker.Worker))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToEquatableArray();
            return new WorkerTableModel(target?.Namespace, resolvedWorkers, diagnostics.ToEquatableArray(), target?.IsPublic ?? false)
            {
                Binders = new BindersFileModel(target?.Namespace ?? "", binders.Fields, helpers),
                Bindings = bindings.ToEquatableArray(),
            };
        }

        /// <summary>
        /// Where <c>ConductorWorkers</c> goes: next to the workers, in the namespace the types that
        /// declare them share (<c>App</c> for <c>App.Orders</c> and <c>App.Billing</c>), or in the
        /// global namespace when they share none, so that code beside the workers finds it without
        /// a <c>using</c>. A public class (a library) shared by nothing goes in the namespace of the
        /// assembly name, where it cannot clash with an application's own. Null (nothing generated)
        /// without the runtime, or without a single <c>[WorkerTask]</c> method: an assembly with no
        /// workers (a test project) must not hide the <c>ConductorWorkers</c> of one it references.
        /// Takes the namespaces of all <c>[WorkerTask]</c> methods (<see cref="ParsedWorker.Namespace"/>),
        /// those with errors too, so that it changes only when a worker is added, removed or moved to
        /// another namespace.
        /// </summary>
        internal static string? NamespaceFor(ImmutableArray<string> workerNamespaces, GenerationTarget? target)
        {
            if (target is null || workerNamespaces.IsDefaultOrEmpty)
            {
                return null;
            }

            var common = workerNamespaces[0].Split('.');
            var length = workerNamespaces[0].Length == 0 ? 0 : common.Length;
            foreach (var workerNamespace in workerNamespaces)
            {
                var parts = workerNamespace.Length == 0 ? [] : workerNamespace.Split('.');
                length = Math.Min(length, parts.Length);
                for (var index = 0; index < length; index++)
                {
                    if (!string.Equals(common[index], parts[index], StringComparison.Ordinal))
                    {
                        length = index;
                        break;
                    }
                }
            }

            if (length > 0)
            {
                return string.Join(".", common, 0, length);
            }

            return target.IsPublic ? target.Namespace : "";
        }

        /// <summary>The generation target with <see cref="NamespaceFor"/> as its namespace; null when nothing is generated.</summary>
        internal static GenerationTarget? TargetFor(ImmutableArray<string> workerNamespaces, GenerationTarget? target) =>
            NamespaceFor(workerNamespaces, target) is { } generatedNamespace ? target! with { Namespace = generatedNamespace } : null;

        /// <summary>
        /// A context whose options convert enums (<c>UseStringEnumConverter</c>, <c>Converters</c>)
        /// reads the enums inside its types as those options say: no enum rule is added on top.
        /// </summary>
        /// <param name="worker">A worker with its types resolved.</param>
        /// <param name="converting">The full names of the JSON contexts that convert enums themselves.</param>
        private static WorkerModel LeaveEnumsToOptions(WorkerModel worker, HashSet<string> converting)
        {
            if (converting.Count == 0)
            {
                return worker;
            }

            TypeModel? Leave(TypeModel? type) =>
                type is null ? null
                : type.JsonContext is { } context && converting.Contains(context) ? type with { NestedEnums = EquatableArray<string>.Empty }
                : type with { Element = Leave(type.Element) };

            return worker with
            {
                Parameters = worker.Parameters.Select(parameter => parameter with { Type = Leave(parameter.Type) }).ToEquatableArray(),
                Return = worker.Return with { Value = Leave(worker.Return.Value) },
            };
        }

        /// <summary>
        /// Service parameters need a scope per task, which only the hosting package creates. The
        /// worker is still generated, so that the error stays the only one.
        /// </summary>
        private static void ReportServicesWithoutHosting(WorkerModel worker, int workerIndex, List<WorkerDiagnosticInfo> diagnostics)
        {
            for (var index = 0; index < worker.Parameters.Count; index++)
            {
                var parameter = worker.Parameters[index];
                if (parameter.Source == ParameterSource.Service)
                {
                    diagnostics.Add(new(DiagnosticInfo.Create(DiagnosticDescriptors.ServicesWithoutHosting, null, worker.DisplayName, parameter.Name), workerIndex, index));
                }
            }
        }

        /// <summary>The contexts that declare each type, split by whether they can read it or only write it.</summary>
        private sealed class ContextIndex
        {
            public Dictionary<string, string> Readers { get; } = new(StringComparer.Ordinal);

            public Dictionary<string, string> Writers { get; } = new(StringComparer.Ordinal);

            /// <summary>Maps each serializable type to the first context (by name) that declares it.</summary>
            public static ContextIndex Create(ImmutableArray<JsonContextModel> jsonContexts)
            {
                var index = new ContextIndex();
                foreach (var context in jsonContexts.OrderBy(context => context.FullName, StringComparer.Ordinal))
                {
                    foreach (var type in context.SerializableTypes)
                    {
                        if (!index.Writers.ContainsKey(type.LookupName))
                        {
                            index.Writers.Add(type.LookupName, context.FullName);
                        }

                        if (type.CanRead && !index.Readers.ContainsKey(type.LookupName))
                        {
                            index.Readers.Add(type.LookupName, context.FullName);
                        }
                    }
                }

                return index;
            }
        }

        private static WorkerModel? ResolveTypes(WorkerModel worker, int workerIndex, ContextIndex contexts, List<WorkerDiagnosticInfo> diagnostics)
        {
            var succeeded = true;
            var parameters = new List<ParameterModel>();
            for (var index = 0; index < worker.Parameters.Count; index++)
            {
                var parameter = worker.Parameters[index];
                if (parameter.Type is null)
                {
                    parameters.Add(parameter);
                    continue;
                }

                var type = Resolve(parameter.Type, contexts.Readers, out var uncovered);
                if (type is null)
                {
                    var onlyWritten = contexts.Writers.ContainsKey(uncovered!.LookupName)
                        ? " with metadata for reading (a context with GenerationMode = Serialization can only write it)"
                        : "";
                    diagnostics.Add(new(
                        DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotInJsonContext, null, worker.DisplayName, "Parameter '" + parameter.Name + "'", uncovered.DisplayName, onlyWritten)
                            .WithProperty(DiagnosticDescriptors.JsonSerializableTypeProperty, uncovered.LookupName),
                        workerIndex,
                        index));
                    succeeded = false;
                    continue;
                }

                parameters.Add(parameter with { Type = type });
            }

            var returnModel = worker.Return;
            if (returnModel.Value is not null)
            {
                var type = Resolve(returnModel.Value, contexts.Writers, out var uncovered);
                if (type is null)
                {
                    diagnostics.Add(new(
                        DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotInJsonContext, null, worker.DisplayName, "The return value", uncovered!.DisplayName, "")
                            .WithProperty(DiagnosticDescriptors.JsonSerializableTypeProperty, uncovered.LookupName),
                        workerIndex,
                        -1));
                    succeeded = false;
                }
                else
                {
                    returnModel = returnModel with { Value = type };
                }
            }

            return succeeded ? worker with { Parameters = parameters.ToEquatableArray(), Return = returnModel } : null;
        }

        /// <summary>
        /// Gives every <see cref="BindingKind.Json"/> type its context. A collection whose element no
        /// context declares is taken whole from a context that declares the collection.
        /// </summary>
        private static TypeModel? Resolve(TypeModel type, Dictionary<string, string> contextOf, out TypeModel? uncovered)
        {
            uncovered = null;
            if (type.Kind == BindingKind.Json)
            {
                if (contextOf.TryGetValue(type.LookupName, out var context))
                {
                    return type with { JsonContext = context };
                }

                uncovered = type;
                return null;
            }

            if (type.Element is null)
            {
                return type;
            }

            var element = Resolve(type.Element, contextOf, out uncovered);
            if (element is not null)
            {
                return type with { Element = element };
            }

            if (type.Kind != BindingKind.NullableValue && contextOf.TryGetValue(type.LookupName, out var wholeContext))
            {
                uncovered = null;
                return type with { Kind = BindingKind.Json, Element = null, JsonContext = wholeContext };
            }

            return null;
        }

        /// <summary>
        /// Names each worker's property after its method; methods of the same name get their type's
        /// name in front, and a number if that is still not enough.
        /// </summary>
        private static IEnumerable<ResolvedWorker> NameMembers(List<WorkerModel> workers, IReadOnlyDictionary<string, int> namingPolicies, string? defaultOwnerEmail, BinderCatalog binders, SchemaCatalog schemas)
        {
            var methodNameCounts = workers
                .GroupBy(worker => worker.MethodName.TrimStart('@'), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
            var usedMembers = new HashSet<string>(ReservedMemberNames, StringComparer.Ordinal);
            var usedHints = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Emitter.TableHintName };
            var hintOfType = new Dictionary<string, string>(StringComparer.Ordinal);
            var templates = new Dictionary<DefinitionShape, string>();

            foreach (var worker in workers)
            {
                var methodName = worker.MethodName.TrimStart('@');
                var candidate = methodNameCounts[methodName] == 1 && !ReservedMemberNames.Contains(methodName)
                    ? methodName
                    : worker.ContainingTypeName.Replace(".", "") + methodName;
                // The names <member>Definition and <member>Services (Emitter.DefinitionMember,
                // Emitter.ServicesMember) stay free too, as earlier generated code used them: all three must be free.
                var memberName = candidate;
                for (var suffix = 2; !IsFree(memberName, usedMembers); suffix++)
                {
                    memberName = candidate + suffix;
                }

                usedMembers.Add(memberName);
                usedMembers.Add(Emitter.DefinitionMember(memberName));
                usedMembers.Add(Emitter.ServicesMember(memberName));
                // One file per declaring class: types of the same name in other namespaces get a number.
                if (!hintOfType.TryGetValue(worker.ContainingTypeFullName, out var hintName))
                {
                    var hintBase = worker.ContainingTypeName;
                    hintName = Unique(hintBase + ".g.cs", usedHints, suffix => hintBase + "." + suffix + ".g.cs");
                    hintOfType.Add(worker.ContainingTypeFullName, hintName);
                }

                // The definition is written once per shape (settings, parameters, return) and given each worker's task name.
                var shape = new DefinitionShape(worker.TaskDefinition, worker.Parameters, worker.Return);
                if (!templates.TryGetValue(shape, out var template))
                {
                    template = schemas.Expand(TaskDefinitionWriter.Template(worker, namingPolicies, defaultOwnerEmail, schemas));
                    templates.Add(shape, template);
                }

                var readers = worker.Parameters.Select(parameter => parameter.Type is { } type ? binders.ReaderFor(type) : "").ToEquatableArray();
                var resultWriter = worker.Return.Value is { } returnType ? binders.WriterFor(returnType) : null;
                yield return new ResolvedWorker(
                    worker,
                    Parser.EscapeKeyword(memberName),
                    hintName,
                    TaskDefinitionWriter.FromTemplate(template, worker.TaskName),
                    readers,
                    resultWriter);
            }
        }

        /// <summary>
        /// Gives each worker the binding of its signature: workers whose binding code is the same text
        /// share one, named after a hash of that text (so that a change to one worker renames no other's).
        /// </summary>
        private static IEnumerable<ResolvedWorker> ShareBindings(List<ResolvedWorker> workers, string generatedNamespace, List<BindingModel> bindings)
        {
            var nameOfCode = new Dictionary<string, string>(StringComparer.Ordinal);
            // The binding code is a function of these parts of a worker: its text is written once per
            // signature, not once per worker (many workers share a signature).
            var nameOfSignature = new Dictionary<BindingKey, string>();
            var usedNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var worker in workers)
            {
                var key = new BindingKey(worker.Worker.Parameters, worker.Worker.Return, worker.Readers, worker.ResultWriter);
                if (nameOfSignature.TryGetValue(key, out var name))
                {
                    yield return worker with { Binding = name };
                    continue;
                }

                var unnamed = Emitter.BindingCode(worker, "");
                if (!nameOfCode.TryGetValue(unnamed, out name))
                {
                    var baseName = SchemaCatalog.Hash(unnamed).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
                    name = baseName;
                    for (var number = 2; !usedNames.Add(name); number++)
                    {
                        name = baseName + "_" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    nameOfCode.Add(unnamed, name);
                    bindings.Add(new BindingModel(generatedNamespace, name, Emitter.BindingCode(worker, name)));
                }

                nameOfSignature.Add(key, name);
                yield return worker with { Binding = name };
            }
        }

        /// <summary>What <see cref="TaskDefinitionWriter.Template"/> reads of a worker.</summary>
        private sealed record DefinitionShape(TaskDefinitionModel TaskDefinition, EquatableArray<ParameterModel> Parameters, ReturnModel Return);

        /// <summary>What <see cref="Emitter.BindingCode"/> reads of a worker.</summary>
        private sealed record BindingKey(EquatableArray<ParameterModel> Parameters, ReturnModel Return, EquatableArray<string> Readers, string? ResultWriter);

        private static bool IsFree(string memberName, HashSet<string> used) =>
            !used.Contains(memberName) && !used.Contains(Emitter.DefinitionMember(memberName)) && !used.Contains(Emitter.ServicesMember(memberName));

        private static string Unique(string candidate, HashSet<string> used, Func<int, string> withSuffix)
        {
            var name = candidate;
            for (var suffix = 2; !used.Add(name); suffix++)
            {
                name = withSuffix(suffix);
            }

            return name;
        }
    }
}
