using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>Names as written in source, for matching attributes before any symbol is bound.</summary>
internal static class SyntaxNames
{
    /// <summary>
    /// The last identifier of a name however it is qualified: <c>Json</c> for <c>Json</c>,
    /// <c>A.B.Json</c> and <c>global::Json</c>; empty for any other shape.
    /// </summary>
    public static string Simple(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax plain => plain.Identifier.ValueText,
        _ => "",
    };
}
