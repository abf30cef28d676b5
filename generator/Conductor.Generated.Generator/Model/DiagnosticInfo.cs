using System.Linq;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator.Model;

/// <summary>A diagnostic to report, kept as equatable values until the output step reports it.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArguments) =>
        new DiagnosticInfo(descriptor, location, messageArguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArguments.Items.Cast<object>().ToArray());
}
