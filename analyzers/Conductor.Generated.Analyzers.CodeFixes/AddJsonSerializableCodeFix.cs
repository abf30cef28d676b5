using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Conductor.Generated.Analyzers.CodeFixes;

/// <summary>
/// CDG0009 (reported by the source generator): a parameter or return type that no
/// <c>JsonSerializerContext</c> declares. Adds <c>[JsonSerializable(typeof(T))]</c> to a context of
/// the project, one action per context, or creates a context when the project has none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableCodeFix))]
[Shared]
public sealed class AddJsonSerializableCodeFix : CodeFixProvider
{
    /// <summary>The generator's diagnostic id.</summary>
    public const string DiagnosticId = "CDG0009";

    /// <summary>The diagnostic property with the type to declare, <c>global::</c>-qualified (set by the generator under the same name).</summary>
    public const string TypeProperty = "JsonSerializableType";

    /// <summary>The name of the context created when the project has none.</summary>
    public const string NewContextName = "WorkerJsonContext";

    private const string ContextBaseType = "System.Text.Json.Serialization.JsonSerializerContext";
    private const string OptionsAttributeType = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";
    private const string SerializableAttributeType = "System.Text.Json.Serialization.JsonSerializableAttribute";

    /// <summary>At most this many contexts are offered; a project with more has a favourite the user picks by hand.</summary>
    private const int MaxOfferedContexts = 3;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticId);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(TypeProperty, out var typeName) || string.IsNullOrEmpty(typeName))
        {
            return;
        }

        var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
        if (compilation?.GetTypeByMetadataName(ContextBaseType) is not { } contextBase)
        {
            return;
        }

        // The generator reports against a file path (its models hold no syntax trees), so files are compared by path.
        var diagnosticPath = diagnostic.Location.GetLineSpan().Path;
        var shortName = ShortName(typeName!);
        var contexts = FindContexts(compilation, contextBase, context.CancellationToken)
            .OrderBy(candidate => candidate.Locations.Any(location => location.SourceTree?.FilePath == diagnosticPath) ? 0 : 1)
            .ThenBy(candidate => candidate.Name, System.StringComparer.Ordinal)
            .Take(MaxOfferedContexts)
            .ToList();

        foreach (var jsonContext in contexts)
        {
            var title = $"Add [JsonSerializable(typeof({shortName}))] to {jsonContext.Name}";
            context.RegisterCodeFix(
                CodeAction.Create(title, token => AddToContextAsync(context.Document.Project.Solution, jsonContext, typeName!, token), equivalenceKey: title),
                diagnostic);
        }

        if (contexts.Count == 0)
        {
            var title = $"Create {NewContextName} with [JsonSerializable(typeof({shortName}))]";
            context.RegisterCodeFix(
                CodeAction.Create(title, token => CreateContextAsync(context.Document, diagnostic, typeName!, token), equivalenceKey: title),
                diagnostic);
        }
    }

    /// <summary>Source contexts that can read and write: a context generating serialization code only cannot bind parameters.</summary>
    private static List<INamedTypeSymbol> FindContexts(Compilation compilation, INamedTypeSymbol contextBase, CancellationToken cancellationToken)
    {
        var found = new List<INamedTypeSymbol>();
        Visit(compilation.Assembly.GlobalNamespace);
        return found;

        void Visit(INamespaceOrTypeSymbol container)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in container.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    Visit(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    if (IsUsableContext(type, contextBase))
                    {
                        found.Add(type);
                    }

                    Visit(type);
                }
            }
        }
    }

    private static bool IsUsableContext(INamedTypeSymbol type, INamedTypeSymbol contextBase)
    {
        if (type.IsAbstract || type.DeclaringSyntaxReferences.IsEmpty || !InheritsFrom(type, contextBase))
        {
            return false;
        }

        // GenerationMode = Serialization (value 2) writes only; such a context is left alone.
        var options = type.GetAttributes().FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == OptionsAttributeType);
        var mode = options?.NamedArguments.FirstOrDefault(argument => argument.Key == "GenerationMode").Value;
        return mode is not { Value: int value } || value != 2;
    }

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<Solution> AddToContextAsync(Solution solution, INamedTypeSymbol jsonContext, string typeName, CancellationToken cancellationToken)
    {
        // A partial context may be spread over files: add the line where its [JsonSerializable]s are.
        ClassDeclarationSyntax? target = null;
        foreach (var reference in jsonContext.DeclaringSyntaxReferences)
        {
            if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is ClassDeclarationSyntax declaration
                && (target is null || declaration.AttributeLists.Count > target.AttributeLists.Count))
            {
                target = declaration;
            }
        }

        if (target is null || solution.GetDocument(target.SyntaxTree) is not { } document)
        {
            return solution;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return solution;
        }

        var updated = WithSerializableAttribute(target, typeName);
        return solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNode(target, updated));
    }

    /// <summary>Inserts the attribute after the last <c>[JsonSerializable]</c> (or the last attribute), on its own line.</summary>
    private static ClassDeclarationSyntax WithSerializableAttribute(ClassDeclarationSyntax declaration, string typeName)
    {
        var lists = declaration.AttributeLists;
        var attributeList = SerializableAttributeList(typeName);
        if (lists.Count == 0)
        {
            var leading = declaration.GetLeadingTrivia();
            var indentation = Indentation(leading);
            return declaration
                .WithoutLeadingTrivia()
                .WithLeadingTrivia(indentation)
                .WithAttributeLists(SyntaxFactory.SingletonList(attributeList.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)));
        }

        var insertAfter = lists.Count - 1;
        for (var index = lists.Count - 1; index >= 0; index--)
        {
            if (lists[index].Attributes.Any(attribute => IsSerializableAttributeName(attribute.Name)))
            {
                insertAfter = index;
                break;
            }
        }

        var previous = lists[insertAfter];
        var newLine = previous.GetTrailingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)).DefaultIfEmpty(SyntaxFactory.ElasticCarriageReturnLineFeed).Last();
        var added = attributeList
            .WithLeadingTrivia(Indentation(previous.GetLeadingTrivia()))
            .WithTrailingTrivia(newLine);
        return declaration.WithAttributeLists(lists.Insert(insertAfter + 1, added));
    }

    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading) =>
        leading.Count > 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading.Last())
            : SyntaxFactory.TriviaList();

    private static bool IsSerializableAttributeName(NameSyntax name) =>
        SyntaxNames.Simple(name) is "JsonSerializable" or "JsonSerializableAttribute";

    /// <summary><c>[global::System.Text.Json.Serialization.JsonSerializable(typeof(global::T))]</c>, simplified by the editor against the file's usings.</summary>
    private static AttributeListSyntax SerializableAttributeList(string typeName)
    {
        var attributeName = SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSerializable").WithAdditionalAnnotations(Simplifier.Annotation);
        var type = SyntaxFactory.ParseTypeName(typeName).WithAdditionalAnnotations(Simplifier.Annotation);
        var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(type));
        var attribute = SyntaxFactory.Attribute(attributeName, SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)));
        return SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
    }

    private static async Task<Solution> CreateContextAsync(Document document, Diagnostic diagnostic, string typeName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var containingNamespace = root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString();

        var namespaceLine = containingNamespace is null ? "" : $"namespace {containingNamespace};\n\n";
        var text = "using System.Text.Json;\nusing System.Text.Json.Serialization;\n\n"
            + namespaceLine
            + "/// <summary>Source-generated JSON metadata for the worker parameter and return types (Native AOT needs no reflection).</summary>\n"
            + "[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]\n"
            + $"[JsonSerializable(typeof({typeName}))]\n"
            + $"internal partial class {NewContextName} : JsonSerializerContext\n{{\n}}\n";

        var created = document.Project.AddDocument(NewContextName + ".cs", text, document.Folders);
        var tree = await created.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (tree is null)
        {
            return created.Project.Solution;
        }

        // Shorten typeof(global::Shop.Order) to what the new file's namespace allows.
        var annotated = tree.ReplaceNodes(
            tree.DescendantNodes().OfType<TypeOfExpressionSyntax>(),
            (_, node) => node.WithType(node.Type.WithAdditionalAnnotations(Simplifier.Annotation)));
        return created.WithSyntaxRoot(annotated).Project.Solution;
    }

    /// <summary><c>global::System.Collections.Generic.List&lt;global::Shop.Order&gt;</c> → <c>List&lt;Order&gt;</c>, for the action's title.</summary>
    private static string ShortName(string typeName) =>
        Regex.Replace(typeName.Replace("global::", ""), @"(?:[A-Za-z_][A-Za-z0-9_]*\.)+", "");
}
