using System.Collections.Immutable;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Rules;

/// <summary>
/// CDG1010-CDG1012: state shared between tasks through statics. Workers run many tasks at once in
/// one process, and a retry may run in another process: a task must not depend on, or leave
/// behind, state outside its input and output.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SharedStateAnalyzer : WorkerAnalyzer
{
    internal static readonly DiagnosticDescriptor StaticWrite = WorkerDiagnostics.Create(
        "CDG1010",
        "Worker writes static state",
        "The worker {0} static {1} '{2}' {3}; tasks run concurrently and a retry may run in another process, so this state is shared by unrelated tasks and missing on the next run: pass the value through the task's input and output, or keep it in an external store",
        WorkerAnalyzerCategories.Reliability,
        DiagnosticSeverity.Warning,
        "Static fields, static properties and static collections are shared by every task the process runs, at the same time. Writes in a static constructor and lazy initialisation with ??= are not reported.");

    internal static readonly DiagnosticDescriptor AmbientState = WorkerDiagnostics.Create(
        "CDG1011",
        "Worker uses thread-local or async-local state",
        "'{0}' carries data from one task to the next task that runs on the same thread or async flow {1}; a task must not depend on what an earlier task left behind: pass the value through the input or the TaskContext",
        WorkerAnalyzerCategories.Reliability,
        DiagnosticSeverity.Warning,
        "[ThreadStatic] fields, ThreadLocal<T> and AsyncLocal<T> outlive the task: the runtime reuses threads and execution contexts for later tasks.");

    internal static readonly DiagnosticDescriptor StaticRead = WorkerDiagnostics.Create(
        "CDG1012",
        "Worker reads static state that other code changes",
        "The worker reads static {0} '{1}', which code of this project changes, {2}; its value depends on which tasks ran before in this process, so a retry on another worker can see another value: pass the value through the input",
        WorkerAnalyzerCategories.Reliability,
        DiagnosticSeverity.Info,
        "Reported for static fields and properties of this project that some method (other than a static constructor) assigns or whose collection it changes.");

    /// <summary>Methods that change the collection they are called on.</summary>
    private static readonly ImmutableHashSet<string> MutatingMethodNames = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "Add", "AddRange", "AddFirst", "AddLast", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange",
        "RemoveWhere", "RemoveFirst", "RemoveLast", "Clear", "TryAdd", "TryRemove", "TryUpdate", "AddOrUpdate", "Enqueue",
        "Dequeue", "TryDequeue", "Push", "Pop", "TryPop", "Take", "TryTake", "Sort", "Reverse", "UnionWith", "ExceptWith",
        "IntersectWith", "SymmetricExceptWith", "Set", "SetItem", "CopyFrom");

    internal override ImmutableArray<DiagnosticDescriptor> Rules { get; } = ImmutableArray.Create(StaticWrite, AmbientState, StaticRead);

    internal override void AnalyzeMethod(MethodBody body)
    {
        var inStaticConstructor = body.Method.MethodKind == MethodKind.StaticConstructor;
        foreach (var operation in body.Operations)
        {
            if (IsAmbient(operation, body.Symbols) is { } ambientName)
            {
                body.Report(AmbientState, operation.Syntax.GetLocation(), null, ambientName);
                continue;
            }

            if (!inStaticConstructor && FindStaticWrite(operation) is { } write)
            {
                body.NoteStaticWrite(write.Member);
                if (!IsThreadStatic(write.Member, body.Symbols))
                {
                    body.Report(StaticWrite, operation.Syntax.GetLocation(), null, write.Action, KindOf(write.Member), Name(write.Member));
                }

                continue;
            }

            if (operation is IMemberReferenceOperation { Member.IsStatic: true } read
                && read.Member is IFieldSymbol { IsConst: false } or IPropertySymbol { IsIndexer: false }
                && read.Member.ContainingType?.TypeKind != TypeKind.Enum
                && SymbolEqualityComparer.Default.Equals(read.Member.ContainingAssembly, body.Method.ContainingAssembly)
                && !IsThreadStatic(read.Member, body.Symbols)
                && !IsWritePosition(read))
            {
                body.ReportIfWritten(StaticRead, read.Syntax.GetLocation(), read.Member, KindOf(read.Member), Name(read.Member));
            }
        }
    }

    private static (string Action, ISymbol Member)? FindStaticWrite(IOperation operation)
    {
        switch (operation)
        {
            case ICoalesceAssignmentOperation:
                // `shared ??= new HttpClient()` initialises a shared resource once; it is not task state.
                return null;
            case IAssignmentOperation assignment when StaticTarget(assignment.Target) is { } assigned:
                return (assigned.Direct ? "writes" : "changes the collection in", assigned.Member);
            case IIncrementOrDecrementOperation increment when StaticTarget(increment.Target) is { } incremented:
                return ("writes", incremented.Member);
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when StaticTarget(argument.Value) is { Direct: true } passed:
                return ("passes by reference, to be written,", passed.Member);
            case IInvocationOperation call
                when call.Instance is IMemberReferenceOperation { Member.IsStatic: true } instance
                && MutatingMethodNames.Contains(call.TargetMethod.Name)
                && IsCollection(call.Instance.Type):
                return ("changes the collection in", instance.Member);
            default:
                return null;
        }
    }

    /// <summary>The static member an assignment target writes: directly, or as the collection or array whose element it sets.</summary>
    private static (ISymbol Member, bool Direct)? StaticTarget(IOperation target)
    {
        switch (target)
        {
            case IFieldReferenceOperation { Field.IsStatic: true } field:
                return (field.Field, true);
            case IPropertyReferenceOperation { Property.IsStatic: true, Property.IsIndexer: false } property:
                return (property.Property, true);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IMemberReferenceOperation { Member.IsStatic: true } collection }:
                return (collection.Member, false);
            case IArrayElementReferenceOperation { ArrayReference: IMemberReferenceOperation { Member.IsStatic: true } array }:
                return (array.Member, false);
            default:
                return null;
        }
    }

    private static bool IsWritePosition(IOperation reference)
    {
        var parent = reference.Parent;
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => indexer.Parent is IAssignmentOperation assignment && assignment.Target == indexer,
            IArrayElementReferenceOperation element => element.Parent is IAssignmentOperation assignment && assignment.Target == element,
            IInvocationOperation call => call.Instance == reference && MutatingMethodNames.Contains(call.TargetMethod.Name) && IsCollection(reference.Type),
            _ => false,
        };
    }

    private static string? IsAmbient(IOperation operation, KnownSymbols symbols)
    {
        switch (operation)
        {
            case IFieldReferenceOperation field when IsThreadStatic(field.Field, symbols):
                return "[ThreadStatic] " + Name(field.Field);
            case IPropertyReferenceOperation { Property.Name: "Value" } property
                when KnownSymbols.Is(property.Property.ContainingType, symbols.ThreadLocalOfT) || KnownSymbols.Is(property.Property.ContainingType, symbols.AsyncLocalOfT):
                var owner = property.Instance is IMemberReferenceOperation member ? Name(member.Member) : property.Property.ContainingType.Name;
                return property.Property.ContainingType.Name + " " + owner;
            default:
                return null;
        }
    }

    private static bool IsThreadStatic(ISymbol member, KnownSymbols symbols)
    {
        if (member is not IFieldSymbol field)
        {
            return false;
        }

        foreach (var attribute in field.GetAttributes())
        {
            if (KnownSymbols.Is(attribute.AttributeClass, symbols.ThreadStaticAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCollection(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsCollectionNamespace(type))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsCollectionNamespace(implemented))
            {
                return true;
            }
        }

        return false;

        static bool IsCollectionNamespace(ITypeSymbol candidate)
            => (candidate.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("System.Collections", System.StringComparison.Ordinal);
    }

    private static string KindOf(ISymbol member) => member is IPropertySymbol ? "property" : "field";

    private static string Name(ISymbol member) => member.ContainingType is null ? member.Name : member.ContainingType.Name + "." + member.Name;
}
