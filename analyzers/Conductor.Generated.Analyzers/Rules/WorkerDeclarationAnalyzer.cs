using System.Collections.Immutable;
using System.Linq;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Conductor.Generated.Analyzers.Rules;

/// <summary>
/// CDG1030-CDG1031: worker declarations that other SDKs let through. A worker that catches every
/// exception and returns normally is reported COMPLETED, so Conductor neither retries it nor fails
/// the workflow. A worker that neither long-polls nor pauses between empty polls spins.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkerDeclarationAnalyzer : WorkerAnalyzer
{
    internal static readonly DiagnosticDescriptor SwallowedException = WorkerDiagnostics.Create(
        "CDG1030",
        "Worker swallows every exception",
        "This catch clause takes every exception and lets the worker return normally {0}; the failure is reported as COMPLETED, so Conductor neither retries the task nor fails the workflow: catch only the exceptions you can handle and rethrow the rest (throw NonRetryableException for failures a retry cannot fix)",
        WorkerAnalyzerCategories.Usage,
        DiagnosticSeverity.Warning,
        "Only the worker method itself is checked: a helper that handles errors and reports them in its return value is a design choice. A catch clause with a filter, one that throws, and one that asks for a callback (TaskContext.CallbackAfter) are not reported.");

    internal static readonly DiagnosticDescriptor BusyPolling = WorkerDiagnostics.Create(
        "CDG1031",
        "Worker polls in a busy loop",
        "The worker sets PollIntervalMs = 0 and PollTimeoutMs = 0 {0}; when its queue is empty it asks the server again at once, in a loop that keeps a core and the server busy: leave PollTimeoutMs at its default so the server holds the poll open, or set PollIntervalMs above 0",
        WorkerAnalyzerCategories.Usage,
        DiagnosticSeverity.Warning,
        "The generator accepts each setting alone (CDG0012 checks their ranges); only the pair of zeros makes the poller spin.");

    internal override ImmutableArray<DiagnosticDescriptor> Rules { get; } = ImmutableArray.Create(SwallowedException, BusyPolling);

    internal override void AnalyzeMethod(MethodBody body)
    {
        if (!body.IsWorker)
        {
            return;
        }

        ReportBusyPolling(body);

        foreach (var operation in body.Operations)
        {
            if (operation is ICatchClauseOperation { Filter: null } clause
                && !MethodBody.IsInNestedFunction(clause)
                && CatchesEverything(clause, body.Symbols)
                && !Rethrows(clause.Handler, body.Symbols)
                && clause.Syntax is CatchClauseSyntax syntax)
            {
                var end = syntax.Declaration?.Span.End ?? syntax.CatchKeyword.Span.End;
                var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, end));
                body.ReportInWorker(SwallowedException, location);
            }
        }
    }

    private static void ReportBusyPolling(MethodBody body)
    {
        foreach (var attribute in body.Method.GetAttributes())
        {
            if (!KnownSymbols.Is(attribute.AttributeClass, body.Symbols.WorkerTaskAttribute) || attribute.ApplicationSyntaxReference is null)
            {
                continue;
            }

            var settings = attribute.NamedArguments.ToDictionary(argument => argument.Key, argument => argument.Value.Value);
            if (settings.TryGetValue("PollIntervalMs", out var interval) && interval is 0
                && settings.TryGetValue("PollTimeoutMs", out var timeout) && timeout is 0)
            {
                body.ReportInWorker(BusyPolling, attribute.ApplicationSyntaxReference.GetSyntax().GetLocation());
            }
        }
    }

    private static bool CatchesEverything(ICatchClauseOperation clause, KnownSymbols symbols)
        => KnownSymbols.Is(clause.ExceptionType, symbols.Exception) || clause.ExceptionType.SpecialType == SpecialType.System_Object;

    private static bool Rethrows(IBlockOperation handler, KnownSymbols symbols)
        => handler.Descendants().Any(operation => !IsInsideNestedFunction(operation, handler) && operation switch
        {
            IThrowOperation => true,
            IInvocationOperation call => KnownSymbols.Is(call.TargetMethod.ContainingType, symbols.TaskContext) && call.TargetMethod.Name == "CallbackAfter"
                || call.TargetMethod.Name == "Throw" && call.TargetMethod.ContainingType.Name == "ExceptionDispatchInfo",
            _ => false,
        });

    private static bool IsInsideNestedFunction(IOperation operation, IOperation stopAt)
    {
        for (var parent = operation.Parent; parent is not null && parent != stopAt; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
