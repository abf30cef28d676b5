using System.Collections.Generic;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator;

/// <summary>
/// The diagnostics found while parsing one worker method, and whether code can be generated for
/// it. Every check reports here; a reported error means the worker is not generated.
/// </summary>
internal sealed class WorkerDiagnostics
{
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly LocationInfo? _methodLocation;

    public WorkerDiagnostics(string display, LocationInfo? methodLocation)
    {
        Display = display;
        _methodLocation = methodLocation;
    }

    /// <summary>The method as messages name it: <c>Type.Method</c>.</summary>
    public string Display { get; }

    public bool CanGenerate { get; private set; } = true;

    /// <summary>Reports an error at <paramref name="location"/>, or at the method's name when it is <see langword="null"/>.</summary>
    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location ?? _methodLocation, messageArguments));
        CanGenerate = false;
    }

    /// <summary>Gives up on the worker without a diagnostic, when the compiler already reports the problem (an unknown type).</summary>
    public void Skip() => CanGenerate = false;

    public EquatableArray<DiagnosticInfo> ToEquatableArray() => _diagnostics.ToEquatableArray();
}
