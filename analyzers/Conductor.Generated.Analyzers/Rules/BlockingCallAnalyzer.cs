using System.Collections.Immutable;
using System.Linq;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Rules;

/// <summary>
/// CDG1020: a worker that blocks a thread (<c>Thread.Sleep</c>, <c>.Result</c>, <c>.Wait()</c>,
/// <c>GetAwaiter().GetResult()</c>) holds an execution slot doing nothing, starves the thread pool
/// that also runs the polling loop, ignores shutdown, and can deadlock.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallAnalyzer : WorkerAnalyzer
{
    /// <summary>The key of the diagnostic property saying what blocks: Sleep, Wait, Result or GetResult.</summary>
    public const string KindProperty = "Kind";

    public const string SleepKind = "Sleep";

    internal static readonly DiagnosticDescriptor BlockingCall = WorkerDiagnostics.Create(
        "CDG1020",
        "Worker blocks a thread",
        "'{0}' blocks a thread while it waits {2}; blocked threads hold the worker's slots, starve the thread pool that polls for tasks, ignore shutdown and can deadlock: {1}",
        WorkerAnalyzerCategories.Reliability,
        DiagnosticSeverity.Warning,
        "Workers run on the thread pool next to the polling loop. Waiting synchronously wastes a thread for the whole wait.");

    internal override ImmutableArray<DiagnosticDescriptor> Rules { get; } = ImmutableArray.Create(BlockingCall);

    internal override void AnalyzeMethod(MethodBody body)
    {
        foreach (var operation in body.Operations)
        {
            var (kind, display) = Classify(operation, body);
            if (kind is null)
            {
                continue;
            }

            var advice = kind == SleepKind
                ? "use 'await Task.Delay' with the task's CancellationToken"
                : "await the task instead";
            body.Report(
                BlockingCall,
                operation.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
                display,
                advice);
        }
    }

    private static (string? Kind, string Display) Classify(IOperation operation, MethodBody body)
    {
        var symbols = body.Symbols;
        switch (operation)
        {
            case IInvocationOperation call:
                var method = call.TargetMethod;
                var type = method.ContainingType;
                if (KnownSymbols.Is(type, symbols.Thread) && method.Name == "Sleep")
                {
                    return (SleepKind, "Thread.Sleep");
                }

                if ((KnownSymbols.Is(type, symbols.Task) || KnownSymbols.Is(type, symbols.TaskOfT)) && method.Name is "Wait" or "WaitAll" or "WaitAny")
                {
                    return ("Wait", "Task." + method.Name);
                }

                if (method.Name == "GetResult"
                    && type?.Name.EndsWith("Awaiter", System.StringComparison.Ordinal) == true
                    && type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices")
                {
                    return ("GetResult", "GetAwaiter().GetResult()");
                }

                break;

            case IPropertyReferenceOperation { Property.Name: "Result" } property
                when (KnownSymbols.Is(property.Property.ContainingType, symbols.TaskOfT) || KnownSymbols.Is(property.Property.ContainingType, symbols.ValueTaskOfT))
                && !IsAlreadyAwaited(property.Instance, body):
                return ("Result", "Task.Result");
        }

        return (null, "");
    }

    /// <summary>
    /// Reading <c>.Result</c> of a task held in a local that the method awaits, or passes to
    /// <c>Task.WhenAll</c>/<c>WhenAny</c>, does not block: the usual pattern after awaiting several tasks at once.
    /// </summary>
    private static bool IsAlreadyAwaited(IOperation? instance, MethodBody body)
    {
        if (instance is not ILocalReferenceOperation task)
        {
            return false;
        }

        return body.ReferencesTo(task.Local).Any(reference =>
        {
            for (var parent = reference.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAwaitOperation:
                        return true;
                    case IInvocationOperation call:
                        return call.TargetMethod.Name is "WhenAll" or "WhenAny";
                    case IPropertyReferenceOperation or IMemberReferenceOperation or IAssignmentOperation or IVariableInitializerOperation:
                        return false;
                }

                if (parent.Parent is null || parent is IExpressionStatementOperation or IBlockOperation or IReturnOperation)
                {
                    return false;
                }
            }

            return false;
        });
    }
}
