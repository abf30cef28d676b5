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
        private static readonly HashSet<string> ReservedMemberNames = new(StringComparer.Ordinal) { "All", "ConductorWorkers", "Invokers", "TaskDefinitionsJson" };

        public static WorkerTableModel Build(
            ImmutableArray<ParsedWorker> parsedWorkers,
            ImmutableArray<JsonContextModel> jsonContexts,
            GenerationTarget? target,
            CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var contexts = ContextIndex.Create(jsonContexts);
            var workers = new List<WorkerModel>();
            var byTaskName = new Dictionary<string, WorkerModel>(StringComparer.Ordinal);

            foreach (var parsed in parsedWorkers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                diagnostics.AddRange(parsed.Diagnostics);
                if (parsed.Worker is not { } worker)
                {
                    continue;
                }

                var resolved = ResolveTypes(worker, contexts, diagnostics);
                if (resolved is null)
                {
                    continue;
                }

                resolved = LeaveEnumsToOptions(resolved, jsonContexts);

                if (byTaskName.TryGetValue(worker.TaskName, out var first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTaskName, worker.Location, worker.TaskName, worker.DisplayName, first.DisplayName));
                    continue;
                }

                if (target is { HostingReferenced: false })
                {
                    ReportServicesWithoutHosting(resolved, diagnostics);
                }

                byTaskName.Add(worker.TaskName, resolved);
                workers.Add(resolved);
            }

            var namingPolicies = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var context in jsonContexts)
            {
                namingPolicies[context.FullName] = context.NamingPolicy | (context.ConvertsEnums ? JsonNamingPolicies.OptionsConvertEnums : 0);
            }

            return new WorkerTableModel(NamespaceFor(parsedWorkers, target), NameMembers(workers, namingPolicies, target?.DefaultOwnerEmail).ToEquatableArray(), diagnostics.ToEquatableArray(), target?.IsPublic ?? false);
        }

        /// <summary>
        /// Where <c>ConductorWorkers</c> goes: next to the workers, in the namespace the types that
        /// declare them share (<c>App</c> for <c>App.Orders</c> and <c>App.Billing</c>), or in the
        /// global namespace when they share none, so that code beside the workers finds it without
        /// a <c>using</c>. A public class (a library) shared by nothing goes in the namespace of the
        /// assembly name, where it cannot clash with an application's own. Null (nothing generated)
        /// without the runtime, or without a single <c>[WorkerTask]</c> method: an assembly with no
        /// workers (a test project) must not hide the <c>ConductorWorkers</c> of one it references.
        /// </summary>
        internal static string? NamespaceFor(ImmutableArray<ParsedWorker> parsedWorkers, GenerationTarget? target)
        {
            if (target is null || parsedWorkers.IsDefaultOrEmpty)
            {
                return null;
            }

            var common = parsedWorkers[0].Namespace.Split('.');
            var length = parsedWorkers[0].Namespace.Length == 0 ? 0 : common.Length;
            foreach (var parsed in parsedWorkers)
            {
                var parts = parsed.Namespace.Length == 0 ? [] : parsed.Namespace.Split('.');
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

        /// <summary>
        /// A context whose options convert enums (<c>UseStringEnumConverter</c>, <c>Converters</c>)
        /// reads the enums inside its types as those options say: no enum rule is added on top.
        /// </summary>
        private static WorkerModel LeaveEnumsToOptions(WorkerModel worker, ImmutableArray<JsonContextModel> jsonContexts)
        {
            var converting = new HashSet<string>(jsonContexts.Where(context => context.ConvertsEnums).Select(context => context.FullName), StringComparer.Ordinal);
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
        private static void ReportServicesWithoutHosting(WorkerModel worker, List<DiagnosticInfo> diagnostics)
        {
            foreach (var parameter in worker.Parameters)
            {
                if (parameter.Source == ParameterSource.Service)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ServicesWithoutHosting, parameter.Location, worker.DisplayName, parameter.Name));
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

        private static WorkerModel? ResolveTypes(WorkerModel worker, ContextIndex contexts, List<DiagnosticInfo> diagnostics)
        {
            var succeeded = true;
            var parameters = new List<ParameterModel>();
            foreach (var parameter in worker.Parameters)
            {
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
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotInJsonContext, parameter.Location,
                        worker.DisplayName, "Parameter '" + parameter.Name + "'", uncovered.DisplayName, onlyWritten)
                        .WithProperty(DiagnosticDescriptors.JsonSerializableTypeProperty, uncovered.LookupName));
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
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotInJsonContext, worker.Location,
                        worker.DisplayName, "The return value", uncovered!.DisplayName, "")
                        .WithProperty(DiagnosticDescriptors.JsonSerializableTypeProperty, uncovered.LookupName));
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
        private static IEnumerable<ResolvedWorker> NameMembers(List<WorkerModel> workers, IReadOnlyDictionary<string, int> namingPolicies, string? defaultOwnerEmail)
        {
            var methodNameCounts = workers
                .GroupBy(worker => worker.MethodName.TrimStart('@'), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
            var usedMembers = new HashSet<string>(ReservedMemberNames, StringComparer.Ordinal);
            var usedHints = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Emitter.TableHintName };

            foreach (var worker in workers)
            {
                var methodName = worker.MethodName.TrimStart('@');
                var candidate = methodNameCounts[methodName] == 1 && !ReservedMemberNames.Contains(methodName)
                    ? methodName
                    : worker.ContainingTypeName.Replace(".", "") + methodName;
                var memberName = Unique(candidate, usedMembers, suffix => candidate + suffix);
                var hintBase = worker.ContainingTypeName + "." + methodName;
                var hintName = Unique(hintBase + ".g.cs", usedHints, suffix => hintBase + "." + suffix + ".g.cs");
                yield return new ResolvedWorker(worker, Parser.EscapeKeyword(memberName), hintName, TaskDefinitionWriter.Write(worker, namingPolicies, defaultOwnerEmail));
            }
        }

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
