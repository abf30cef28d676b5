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
/// CDG1030: a worker that catches every exception and returns normally. The runtime reports the
/// task COMPLETED, so Conductor neither retries it nor fails the workflow: the failure disappears.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SwallowedExceptionAnalyzer : WorkerAnalyzer
{
    internal static readonly DiagnosticDescriptor SwallowedException = WorkerDiagnostics.Create(
        "CDG1030",
        "Worker swallows every exception",
        "This catch clause takes every exception and lets the worker return normally {0}; the failure is reported as COMPLETED, so Conductor neither retries the task nor fails the workflow: catch only the exceptions you can handle and rethrow the rest (throw NonRetryableException for failures a retry cannot fix)",
        WorkerAnalyzerCategories.Usage,
        DiagnosticSeverity.Warning,
        "Only the worker method itself is checked: a helper that handles errors and reports them in its return value is a design choice. A catch clause with a filter, one that throws, and one that asks for a callback (TaskContext.CallbackAfter) are not reported.");

    internal override ImmutableArray<DiagnosticDescriptor> Rules { get; } = ImmutableArray.Create(SwallowedException);

    internal override void AnalyzeMethod(MethodBody body)
    {
        if (!body.IsWorker)
        {
            return;
        }

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
