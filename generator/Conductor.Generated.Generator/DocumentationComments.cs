using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Conductor.Generated.Generator;

/// <summary>
/// Reads <c>&lt;summary&gt;</c> and <c>&lt;param&gt;</c> of XML documentation comments as plain
/// text, for the descriptions of task definitions and schemas.
/// </summary>
internal static class DocumentationComments
{
    private static readonly Regex Whitespace = new Regex(@"\s+", RegexOptions.CultureInvariant);

    public static string? Summary(ISymbol symbol, CancellationToken cancellationToken) =>
        Element(Read(symbol, cancellationToken), "summary", null);

    public static string? Returns(ISymbol symbol, CancellationToken cancellationToken) =>
        Element(Read(symbol, cancellationToken), "returns", null);

    public static string? Parameter(ISymbol symbol, string name, CancellationToken cancellationToken) =>
        Element(Read(symbol, cancellationToken), "param", name);

    private static XElement? Read(ISymbol symbol, CancellationToken cancellationToken)
    {
        var xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            // A project that does not generate a documentation file may not parse doc comments; read the comment text itself.
            xml = FromTrivia(symbol, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            var root = XElement.Parse(xml, LoadOptions.None);
            return root.Name.LocalName == "member" || root.Name.LocalName == "doc" ? root : new XElement("doc", root);
        }
        catch (System.Xml.XmlException)
        {
            // A malformed comment describes nothing; the compiler warns about it already.
            return null;
        }
    }

    private static string? FromTrivia(ISymbol symbol, CancellationToken cancellationToken)
    {
        var reference = symbol.DeclaringSyntaxReferences.FirstOrDefault();
        if (reference is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var trivia in reference.GetSyntax(cancellationToken).GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                foreach (var line in trivia.ToFullString().Split('\n'))
                {
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith("///", StringComparison.Ordinal))
                    {
                        text.Append(trimmed.Substring(3)).Append('\n');
                    }
                }
            }
        }

        return text.Length == 0 ? null : "<doc>" + text + "</doc>";
    }

    private static string? Element(XElement? root, string elementName, string? nameAttribute)
    {
        var element = root?.Elements(elementName)
            .FirstOrDefault(candidate => nameAttribute is null || (string?)candidate.Attribute("name") == nameAttribute);
        if (element is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var node in element.DescendantNodes())
        {
            switch (node)
            {
                case XText textNode:
                    text.Append(textNode.Value);
                    break;
                case XElement { IsEmpty: true } reference:
                    // <see cref="T:Sample.Order"/> and <paramref name="x"/> read as the name they point to.
                    var target = (string?)reference.Attribute("cref") ?? (string?)reference.Attribute("name") ?? (string?)reference.Attribute("langword");
                    if (target is not null)
                    {
                        text.Append(target.Substring(target.IndexOf(':') + 1));
                    }

                    break;
            }
        }

        var collapsed = Whitespace.Replace(text.ToString(), " ").Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }
}
