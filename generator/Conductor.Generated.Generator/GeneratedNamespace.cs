using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Conductor.Generated.Generator;

/// <summary>
/// The namespace of a public <c>ConductorWorkers</c> class whose workers share no namespace (see
/// <c>TableBuilder.NamespaceFor</c>): the assembly name, made a valid
/// C# namespace (each dot-separated part keeps letters, digits and underscores; other characters
/// become <c>_</c>; a part starting with a digit or being a keyword gets a leading <c>_</c>).
/// </summary>
internal static class GeneratedNamespace
{
    public const string Fallback = "ConductorGenerated";

    public static string FromAssemblyName(string? assemblyName)
    {
        var parts = new List<string>();
        foreach (var part in (assemblyName ?? "").Split('.'))
        {
            var identifier = new StringBuilder(part.Length + 1);
            foreach (var character in part)
            {
                identifier.Append(IsIdentifierCharacter(character) ? character : '_');
            }

            if (identifier.Length == 0)
            {
                continue;
            }

            if (char.IsDigit(identifier[0]) || SyntaxFacts.GetKeywordKind(identifier.ToString()) != SyntaxKind.None
                || SyntaxFacts.GetContextualKeywordKind(identifier.ToString()) == SyntaxKind.GlobalKeyword)
            {
                identifier.Insert(0, '_');
            }

            parts.Add(identifier.ToString());
        }

        return parts.Count == 0 ? Fallback : string.Join(".", parts);
    }

    private static bool IsIdentifierCharacter(char character) =>
        character == '_' || char.IsLetterOrDigit(character);
}
