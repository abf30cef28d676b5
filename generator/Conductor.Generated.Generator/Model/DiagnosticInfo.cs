using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator.Model;

/// <summary>A diagnostic to report, kept as equatable values until the output step reports it.</summary>
/// <param name="Properties">Name/value pairs, flattened (name, value, name, value, ...), handed to code fixes through <see cref="Diagnostic.Properties"/>.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments, EquatableArray<string> Properties)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArguments) =>
        new DiagnosticInfo(descriptor, location, messageArguments.ToEquatableArray(), EquatableArray<string>.Empty);

    /// <summary>Adds a property a code fix reads (the generator's diagnostics travel to the IDE with their properties).</summary>
    public DiagnosticInfo WithProperty(string name, string value) =>
        this with { Properties = Properties.Items.Add(name).Add(value).ToEquatableArray() };

    public Diagnostic ToDiagnostic()
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        for (var index = 0; index + 1 < Properties.Count; index += 2)
        {
            properties = properties.SetItem(Properties[index], Properties[index + 1]);
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation(), properties, MessageArguments.Items.Cast<object>().ToArray());
    }
}
