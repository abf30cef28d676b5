using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>
/// One method body as a rule sees it: its operations (lambdas and local functions included), the
/// known symbols, and where to put what the rule finds.
/// </summary>
internal sealed class MethodBody
{
    private readonly ConcurrentQueue<WorkerFinding> _findings;
    private readonly ConcurrentDictionary<ISymbol, bool> _writtenStaticMembers;
    private readonly ConcurrentDictionary<IParameterSymbol, FlowResult> _parameterFlows;
    private ILookup<ISymbol, IOperation>? _referencesBySymbol;
    private ImmutableArray<IOperation> _operations;

    public MethodBody(
        IMethodSymbol method,
        ImmutableArray<IOperation> blocks,
        KnownSymbols symbols,
        bool isWorker,
        ConcurrentQueue<WorkerFinding> findings,
        ConcurrentDictionary<ISymbol, bool> writtenStaticMembers,
        ConcurrentDictionary<IParameterSymbol, FlowResult> parameterFlows)
    {
        _parameterFlows = parameterFlows;
        Method = method;
        Blocks = blocks;
        Symbols = symbols;
        IsWorker = isWorker;
        _findings = findings;
        _writtenStaticMembers = writtenStaticMembers;
    }

    public IMethodSymbol Method { get; }

    public ImmutableArray<IOperation> Blocks { get; }

    public KnownSymbols Symbols { get; }

    /// <summary>Whether the method carries [WorkerTask].</summary>
    public bool IsWorker { get; }

    /// <summary>Every operation of the body, nested lambdas and local functions included.</summary>
    public ImmutableArray<IOperation> Operations
    {
        get
        {
            if (_operations.IsDefault)
            {
                _operations = Blocks.SelectMany(block => block.DescendantsAndSelf()).ToImmutableArray();
            }

            return _operations;
        }
    }

    /// <summary>The reads and writes of a local or parameter in this body.</summary>
    public IEnumerable<IOperation> ReferencesTo(ISymbol localOrParameter)
    {
        _referencesBySymbol ??= Operations
            .Select(operation => (Symbol: ReferencedVariable(operation), Operation: operation))
            .Where(pair => pair.Symbol is not null)
            .ToLookup(pair => pair.Symbol!, pair => pair.Operation, SymbolEqualityComparer.Default);
        return _referencesBySymbol[localOrParameter];
    }

    /// <summary>Records a finding at <paramref name="location"/>; the worker route is appended to <paramref name="messageArguments"/>.</summary>
    public void Report(
        DiagnosticDescriptor descriptor,
        Location location,
        ImmutableDictionary<string, string?>? properties = null,
        params object[] messageArguments)
        => _findings.Enqueue(new WorkerFinding(descriptor, location, Method, messageArguments, properties, onlyInWorkerItself: false, reportedOnlyIfWritten: null));

    /// <summary>Records a finding that is reported only if a value passed in one of <paramref name="parameters"/> leaves that parameter's method.</summary>
    public void ReportIfAnyParameterLetsOut(
        DiagnosticDescriptor descriptor,
        Location location,
        ImmutableDictionary<string, string?>? properties,
        IReadOnlyList<IParameterSymbol> parameters,
        params object[] messageArguments)
        => _findings.Enqueue(new WorkerFinding(descriptor, location, Method, messageArguments, properties, onlyInWorkerItself: false, reportedOnlyIfWritten: null, parameters.ToImmutableArray()));

    /// <summary>Notes whether a value passed in <paramref name="parameter"/> of this method leaves it.</summary>
    public void NoteParameterFlow(IParameterSymbol parameter, FlowResult flow) => _parameterFlows[(IParameterSymbol)parameter.OriginalDefinition] = flow;

    /// <summary>Records a finding that matters only in the worker method itself, not in what it calls.</summary>
    public void ReportInWorker(DiagnosticDescriptor descriptor, Location location, params object[] messageArguments)
        => _findings.Enqueue(new WorkerFinding(descriptor, location, Method, messageArguments, properties: null, onlyInWorkerItself: true, reportedOnlyIfWritten: null));

    /// <summary>Records a finding that is reported only if some method of the compilation writes <paramref name="staticMember"/>.</summary>
    public void ReportIfWritten(DiagnosticDescriptor descriptor, Location location, ISymbol staticMember, params object[] messageArguments)
        => _findings.Enqueue(new WorkerFinding(descriptor, location, Method, messageArguments, properties: null, onlyInWorkerItself: false, reportedOnlyIfWritten: staticMember));

    /// <summary>Notes that this body writes <paramref name="staticMember"/> (outside a static constructor).</summary>
    public void NoteStaticWrite(ISymbol staticMember) => _writtenStaticMembers[staticMember.OriginalDefinition] = true;

    /// <summary>Whether <paramref name="operation"/> sits inside a lambda or local function of this body.</summary>
    public static bool IsInNestedFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol? ReferencedVariable(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };
}
