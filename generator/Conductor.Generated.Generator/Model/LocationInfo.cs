using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Conductor.Generated.Generator.Model;

/// <summary>
/// A source location as plain values: a <see cref="Location"/> holds its syntax tree, which
/// must not be kept in pipeline models.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    /// <summary>No location: the diagnostic is reported without one.</summary>
    public static LocationInfo None { get; } = new("", default, default);

    public Location ToLocation() => FilePath.Length == 0 ? Location.None : Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxReference? reference, System.Threading.CancellationToken cancellationToken) =>
        reference is null ? null : From(reference.GetSyntax(cancellationToken).GetLocation());
}
