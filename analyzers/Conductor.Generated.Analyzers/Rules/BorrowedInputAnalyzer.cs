using System.Collections.Generic;
using System.Collections.Immutable;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Rules;

/// <summary>
/// CDG1050: a worker keeps its task input beyond the call. The runtime reads each poll answer
/// once into pooled memory and hands the worker its input pointing into it; the memory is reused
/// once the worker has returned. <c>TaskContext</c>, <c>TaskContext.Input</c> and the worker's
/// <c>JsonElement</c> parameters (and elements read from them) are valid until then only.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class BorrowedInputAnalyzer : WorkerAnalyzer
{
    /// <summary>Set to "true" on diagnostics whose kept value is a <c>JsonElement</c> the fix can clone.</summary>
    public const string CloneableProperty = "Cloneable";

    internal static readonly DiagnosticDescriptor KeptBeyondCall = WorkerDiagnostics.Create(
        "CDG1050",
        "Worker keeps its task input beyond the call",
        "{0} is kept {1} {3}, but it is valid only until the worker returns: the runtime reuses the memory of the poll answer then{2}",
        WorkerAnalyzerCategories.Reliability,
        DiagnosticSeverity.Warning,
        "TaskContext, TaskContext.Input and JsonElement parameters point into the poll answer, which the runtime reads once into pooled memory and reuses once the worker has returned. Reported when such a value is stored in a field or property, added to a collection that is not a local of the method, or captured by a lambda that is stored or started on another thread without being awaited.");

    /// <summary>Methods that put their argument into the collection they are called on.</summary>
    private static readonly ImmutableHashSet<string> StoringMethodNames = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "Add", "AddRange", "AddFirst", "AddLast", "Insert", "InsertRange", "TryAdd", "AddOrUpdate", "GetOrAdd", "TryUpdate",
        "Enqueue", "Push", "Set", "SetItem", "Post", "SendAsync", "TryWrite", "WriteAsync");

    /// <summary>Methods that run a delegate later, on another thread, unless their result is awaited.</summary>
    private static readonly ImmutableHashSet<string> DeferringMethodNames = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "Run", "StartNew", "QueueUserWorkItem", "UnsafeQueueUserWorkItem", "ContinueWith", "Register", "UnsafeRegister");

    internal override ImmutableArray<DiagnosticDescriptor> Rules { get; } = ImmutableArray.Create(KeptBeyondCall);

    internal override void AnalyzeMethod(MethodBody body)
    {
        var borrowedLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        // Locals initialised or assigned from a borrowed value are borrowed too (in order, once).
        foreach (var operation in body.Operations)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when IsBorrowed(value, body, borrowedLocals):
                    borrowedLocals.Add(declarator.Symbol);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when IsBorrowed(assignment.Value, body, borrowedLocals):
                    borrowedLocals.Add(local.Local);
                    break;
            }
        }

        foreach (var operation in body.Operations)
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation assignment when KeptPlace(assignment.Target) is { } place:
                    Check(assignment.Value, place);
                    break;
                case IInvocationOperation call when StoringMethodNames.Contains(call.TargetMethod.Name) && call.Instance is { } collection && KeptPlace(collection) is { } place:
                    foreach (var argument in call.Arguments)
                    {
                        Check(argument.Value, "in " + place.Substring(3));
                    }

                    break;
                case IAnonymousFunctionOperation lambda when CapturedBorrowed(lambda, body, borrowedLocals) is { } captured && OutlivesCall(lambda) is { } where:
                    body.Report(KeptBeyondCall, lambda.Syntax.GetLocation(), null, Describe(captured, body), "by a lambda " + where, Remedy(captured.Type, body));
                    break;
            }
        }

        void Check(IOperation value, string place)
        {
            var stored = Unwrap(value);
            if (stored is IDelegateCreationOperation { Target: IAnonymousFunctionOperation })
            {
                // A stored lambda is reported as a lambda.
                return;
            }

            if (IsBorrowed(stored, body, borrowedLocals))
            {
                var cloneable = IsJsonElement(stored.Type);
                var properties = cloneable ? ImmutableDictionary<string, string?>.Empty.Add(CloneableProperty, "true") : null;
                body.Report(KeptBeyondCall, stored.Syntax.GetLocation(), properties, Describe(stored, body), place, Remedy(stored.Type, body));
            }
        }
    }

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    /// <summary>Whether <paramref name="value"/> is the task's input, its context, or an element read from them, without a copy.</summary>
    private static bool IsBorrowed(IOperation value, MethodBody body, HashSet<ILocalSymbol> borrowedLocals)
    {
        value = Unwrap(value);
        if (!IsJsonElement(value.Type) && !IsTaskContext(value.Type, body))
        {
            return false;
        }

        switch (value)
        {
            case IParameterReferenceOperation parameter:
                // The worker's own parameters; in a method it calls, only a TaskContext passed on.
                return SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, body.Method)
                    && (body.IsWorker || IsTaskContext(value.Type, body));
            case ILocalReferenceOperation local:
                return borrowedLocals.Contains(local.Local);
            case IPropertyReferenceOperation property:
                return property.Instance is null
                    ? false
                    : IsTaskContext(property.Property.ContainingType, body) || IsBorrowed(property.Instance, body, borrowedLocals);
            case IInvocationOperation call:
                // Clone() is the copy that may be kept; other methods of an element return parts of it.
                return call.TargetMethod.Name != "Clone" && call.Instance is { } instance && IsBorrowed(instance, body, borrowedLocals);
            case IConditionalOperation conditional:
                return (conditional.WhenTrue is { } whenTrue && IsBorrowed(whenTrue, body, borrowedLocals))
                    || (conditional.WhenFalse is { } whenFalse && IsBorrowed(whenFalse, body, borrowedLocals));
            case ICoalesceOperation coalesce:
                return IsBorrowed(coalesce.Value, body, borrowedLocals) || IsBorrowed(coalesce.WhenNull, body, borrowedLocals);
            default:
                return false;
        }
    }

    /// <summary>Where a store to <paramref name="target"/> outlives the call: a field or property not of a local object, or an element of such a collection.</summary>
    private static string? KeptPlace(IOperation target)
    {
        target = Unwrap(target);
        switch (target)
        {
            case IFieldReferenceOperation field when OutlivesCall(field.Instance):
                return "in " + (field.Field.IsStatic ? "static field '" : "field '") + field.Field.Name + "'";
            case IPropertyReferenceOperation { Property.IsIndexer: false } property when OutlivesCall(property.Instance):
                return "in " + (property.Property.IsStatic ? "static property '" : "property '") + property.Property.Name + "'";
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection } when KeptPlace(collection) is { } place:
                return "in an element of " + place.Substring(3);
            case IArrayElementReferenceOperation element when KeptPlace(element.ArrayReference) is { } place:
                return "in an element of " + place.Substring(3);
            default:
                return null;
        }
    }

    /// <summary>Whether an object reached through <paramref name="instance"/> outlives the call: static (none), a field or property, not a local or a parameter.</summary>
    private static bool OutlivesCall(IOperation? instance) =>
        instance is null
        || Unwrap(instance) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } or IFieldReferenceOperation or IPropertyReferenceOperation;

    /// <summary>Where a lambda goes that outlives the call, or <see langword="null"/>.</summary>
    private static string? OutlivesCall(IAnonymousFunctionOperation lambda)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Value == current && KeptPlace(assignment.Target) is { } place:
                return "stored " + place;
            case IArgumentOperation { Parent: IInvocationOperation call }:
                if (StoringMethodNames.Contains(call.TargetMethod.Name) && call.Instance is { } collection && KeptPlace(collection) is { } kept)
                {
                    return "added " + kept;
                }

                if (DeferringMethodNames.Contains(call.TargetMethod.Name) && !IsAwaited(call))
                {
                    return "passed to " + call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name + " and not awaited";
                }

                return null;
            case IArgumentOperation { Parent: IObjectCreationOperation creation }
                when creation.Type?.Name is "Thread" or "Timer" && creation.Type.ContainingNamespace?.ToDisplayString() is "System.Threading" or "System.Timers":
                return "given to a new " + creation.Type.Name;
            default:
                return null;
        }
    }

    private static bool IsAwaited(IOperation call)
    {
        var parent = call.Parent;
        while (parent is IConversionOperation or IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
        {
            parent = parent.Parent;
        }

        return parent is IAwaitOperation;
    }

    private static IOperation? CapturedBorrowed(IAnonymousFunctionOperation lambda, MethodBody body, HashSet<ILocalSymbol> borrowedLocals)
    {
        foreach (var operation in lambda.Body.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation parameter
                && !SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, lambda.Symbol)
                && IsBorrowed(parameter, body, borrowedLocals))
            {
                return parameter;
            }

            if (operation is ILocalReferenceOperation local && borrowedLocals.Contains(local.Local))
            {
                return local;
            }
        }

        return null;
    }

    private static string Describe(IOperation value, MethodBody body)
    {
        var text = value.Syntax.ToString();
        if (IsTaskContext(value.Type, body))
        {
            return "The task context '" + text + "'";
        }

        return "The task input '" + text + "'";
    }

    private static string Remedy(ITypeSymbol? type, MethodBody body) => IsTaskContext(type, body)
        ? ": keep what you need of it instead (ids, settings, context.Input.Clone())"
        : ": keep a copy made with .Clone()";

    private static bool IsJsonElement(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ? named.TypeArguments[0] : named) is { Name: "JsonElement" } element
        && element.ContainingNamespace?.ToDisplayString() == "System.Text.Json";

    private static bool IsTaskContext(ITypeSymbol? type, MethodBody body) => KnownSymbols.Is(type, body.Symbols.TaskContext);
}
