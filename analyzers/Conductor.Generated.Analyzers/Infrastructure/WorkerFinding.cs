using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>
/// Something a rule found in one method body. It becomes a diagnostic only if a worker reaches the
/// method; the worker and the call path are then added as the last message argument.
/// </summary>
internal sealed class WorkerFinding
{
    public WorkerFinding(
        DiagnosticDescriptor descriptor,
        Location location,
        IMethodSymbol method,
        object[] messageArguments,
        ImmutableDictionary<string, string?>? properties,
        bool onlyInWorkerItself,
        ISymbol? reportedOnlyIfWritten,
        ImmutableArray<IParameterSymbol> reportedOnlyIfParameterLetsOut = default)
    {
        ReportedOnlyIfParameterLetsOut = reportedOnlyIfParameterLetsOut.IsDefault ? ImmutableArray<IParameterSymbol>.Empty : reportedOnlyIfParameterLetsOut;
        Descriptor = descriptor;
        Location = location;
        Method = method;
        MessageArguments = messageArguments;
        Properties = properties ?? ImmutableDictionary<string, string?>.Empty;
        OnlyInWorkerItself = onlyInWorkerItself;
        ReportedOnlyIfWritten = reportedOnlyIfWritten;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public Location Location { get; }

    /// <summary>The method whose body holds the finding (lambdas and local functions belong to the method that declares them).</summary>
    public IMethodSymbol Method { get; }

    public object[] MessageArguments { get; }

    /// <summary>Facts the code fixes read.</summary>
    public ImmutableDictionary<string, string?> Properties { get; }

    /// <summary>True for rules about the worker method's own declaration or body, not about what it calls.</summary>
    public bool OnlyInWorkerItself { get; }

    /// <summary>When set, the finding is reported only if some method of the compilation writes this static member.</summary>
    public ISymbol? ReportedOnlyIfWritten { get; }

    /// <summary>When not empty, the finding is reported only if a value passed in one of these parameters leaves the parameter's method.</summary>
    public ImmutableArray<IParameterSymbol> ReportedOnlyIfParameterLetsOut { get; }

    /// <summary>Whether the finding can be decided while its own method is analyzed.</summary>
    public bool IsUnconditional => ReportedOnlyIfWritten is null && ReportedOnlyIfParameterLetsOut.IsEmpty;
}
