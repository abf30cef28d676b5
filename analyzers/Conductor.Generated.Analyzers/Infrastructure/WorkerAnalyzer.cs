using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>
/// The base of every worker rule. The roots are the <c>[WorkerTask]</c> methods; calls into methods
/// of the same compilation are followed (breadth first, at most <see cref="WorkerCallGraph.MaximumCallDepth"/>
/// calls deep, each method once), so a helper two calls deep is checked like the worker itself.
/// Each method body is analyzed once, whoever calls it. What is found in a worker method itself is
/// reported at once; what is found in other methods is reported at the end of the compilation if a
/// worker reaches them, naming the worker and the call path.
/// </summary>
public abstract class WorkerAnalyzer : DiagnosticAnalyzer
{
    private ImmutableArray<DiagnosticDescriptor> _supportedDiagnostics;

    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
    {
        get
        {
            if (_supportedDiagnostics.IsDefault)
            {
                _supportedDiagnostics = Rules.AddRange(Rules.Select(WorkerDiagnostics.AtCompilationEnd));
            }

            return _supportedDiagnostics;
        }
    }

    /// <summary>The rules of this analyzer, as reported in worker methods themselves.</summary>
    internal abstract ImmutableArray<DiagnosticDescriptor> Rules { get; }
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    /// <summary>Looks at one method body and records what the rule finds in it.</summary>
    internal abstract void AnalyzeMethod(MethodBody body);

    private void OnCompilationStart(CompilationStartAnalysisContext start)
    {
        var symbols = KnownSymbols.TryCreate(start.Compilation);
        if (symbols is null)
        {
            return;
        }

        var sourceAssembly = start.Compilation.Assembly;
        var graph = new WorkerCallGraph();
        var findings = new ConcurrentQueue<WorkerFinding>();
        var writtenStaticMembers = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        var parameterFlows = new ConcurrentDictionary<IParameterSymbol, FlowResult>(SymbolEqualityComparer.Default);

        start.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is not IMethodSymbol method)
            {
                return;
            }

            var isWorker = symbols.IsWorker(method);
            var bodyFindings = new ConcurrentQueue<WorkerFinding>();
            var body = new MethodBody(method, block.OperationBlocks, symbols, isWorker, bodyFindings, writtenStaticMembers, parameterFlows);
            graph.AddMethod(method, CalleesInSource(body, sourceAssembly), isWorker);
            AnalyzeMethod(body);
            foreach (var finding in bodyFindings)
            {
                if (isWorker && finding.IsUnconditional)
                {
                    // A worker is always the first route to itself: report now, as a local diagnostic.
                    var route = new WorkerRoute(method, ImmutableArray.Create(method));
                    block.ReportDiagnostic(CreateDiagnostic(finding.Descriptor, finding, route));
                }
                else
                {
                    findings.Enqueue(finding);
                }
            }
        });

        start.RegisterCompilationEndAction(end =>
        {
            var routes = graph.FindRoutes();
            foreach (var finding in findings)
            {
                if (!routes.TryGetValue(finding.Method, out var route)
                    || (finding.OnlyInWorkerItself && route.Path.Length != 1)
                    || (finding.ReportedOnlyIfWritten is not null && !writtenStaticMembers.ContainsKey(finding.ReportedOnlyIfWritten.OriginalDefinition))
                    || (!finding.ReportedOnlyIfParameterLetsOut.IsEmpty && !finding.ReportedOnlyIfParameterLetsOut.Any(parameter => LetsOut(parameter, parameterFlows, new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default)))))
                {
                    continue;
                }

                end.ReportDiagnostic(CreateDiagnostic(WorkerDiagnostics.AtCompilationEnd(finding.Descriptor), finding, route));
            }
        });
    }

    /// <summary>Whether a value passed in <paramref name="parameter"/> leaves its method, directly or through the methods it is passed on to.</summary>
    private static bool LetsOut(IParameterSymbol parameter, ConcurrentDictionary<IParameterSymbol, FlowResult> flows, HashSet<IParameterSymbol> visited)
    {
        if (!visited.Add(parameter) || !flows.TryGetValue(parameter, out var flow))
        {
            return false;
        }

        return flow.Exit is not null || flow.ParametersReached.Any(next => LetsOut(next, flows, visited));
    }

    private static Diagnostic CreateDiagnostic(DiagnosticDescriptor descriptor, WorkerFinding finding, WorkerRoute route)
    {
        var arguments = finding.MessageArguments.Concat(new object[] { route.Describe() }).ToArray();
        return Diagnostic.Create(descriptor, finding.Location, finding.Properties, arguments);
    }

    /// <summary>The methods of this compilation that the body calls, refers to as a delegate, constructs with, or reads and writes through properties.</summary>
    private static ImmutableArray<IMethodSymbol> CalleesInSource(MethodBody body, IAssemblySymbol sourceAssembly)
    {
        var callees = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var operation in body.Operations)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    Add(invocation.TargetMethod);
                    break;
                case IMethodReferenceOperation reference:
                    Add(reference.Method);
                    break;
                case IObjectCreationOperation creation when creation.Constructor is not null:
                    Add(creation.Constructor);
                    break;
                case IPropertyReferenceOperation property:
                    if (property.Property.GetMethod is { } getter)
                    {
                        Add(getter);
                    }

                    if (property.Property.SetMethod is { } setter)
                    {
                        Add(setter);
                    }

                    break;
            }
        }

        return callees.Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToImmutableArray();

        void Add(IMethodSymbol method)
        {
            // Local functions and lambdas are analyzed as part of the method that declares them.
            if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
            {
                return;
            }

            var definition = method.OriginalDefinition;
            definition = definition.PartialImplementationPart ?? definition;
            if (SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, sourceAssembly))
            {
                callees.Add(definition);
            }
        }
    }
}
