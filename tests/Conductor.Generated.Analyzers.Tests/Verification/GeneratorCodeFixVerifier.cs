using System.Collections.Immutable;
using Conductor.Generated.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Conductor.Generated.Analyzers.Tests.Verification;

/// <summary>
/// Checks a code fix for a diagnostic of the worker source generator, the way an editor applies
/// it: the generator runs on the project, the fix is asked for the diagnostic, the action with
/// the expected title is applied (with the simplification and formatting editors do), and the
/// generator runs again on the result. The analyzer testing library offers generator diagnostics
/// to no code fix, so this does the few steps itself.
/// </summary>
internal static class GeneratorCodeFixVerifier
{
    /// <summary>Sources by file name; the result is every document of the fixed project, by file name.</summary>
    public static async Task<FixOutcome> ApplyAsync(CodeFixProvider fix, string diagnosticId, IReadOnlyDictionary<string, string> sources, string expectedTitle)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Workers", "Workers", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: TestSources.References));
        foreach (var (name, text) in sources.Append(new("GlobalUsings.cs", TestSources.GlobalUsings)))
        {
            project = project.AddDocument(name, SourceText.From(text), filePath: name).Project;
        }

        var before = await GeneratorDiagnosticsAsync(project);
        var diagnostic = Assert.Single(before, d => d.Id == diagnosticId);

        // The generator reports against a file path, not a syntax tree (its models keep no trees);
        // editors find the document by that path, and so does this.
        var path = diagnostic.Location.GetLineSpan().Path;
        var document = project.Documents.SingleOrDefault(d => d.FilePath == path) ?? throw new InvalidOperationException($"the diagnostic is in '{path}', which is no project document");
        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var titles = actions.Select(action => action.Title).ToList();
        var chosen = actions.SingleOrDefault(action => action.Title == expectedTitle)
            ?? throw new InvalidOperationException($"no fix titled '{expectedTitle}'; offered: [{string.Join(", ", titles)}]");

        var operations = await chosen.GetOperationsAsync(CancellationToken.None);
        var fixedSolution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedProject = fixedSolution.GetProject(project.Id)!;

        var documents = new Dictionary<string, string>();
        foreach (var fixedDocument in fixedProject.Documents.Where(d => d.Name != "GlobalUsings.cs"))
        {
            documents[fixedDocument.Name] = (await fixedDocument.GetTextAsync()).ToString();
        }

        var after = await GeneratorDiagnosticsAsync(fixedProject);
        return new FixOutcome(titles, documents, after);
    }

    private static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnosticsAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException("no compilation");
        CSharpGeneratorDriver.Create(new WorkerGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics;
    }
}

/// <summary>What applying a fix gave: the titles offered, the project's documents after it, and the generator's diagnostics after it.</summary>
internal sealed record FixOutcome(IReadOnlyList<string> OfferedTitles, IReadOnlyDictionary<string, string> Documents, ImmutableArray<Diagnostic> GeneratorDiagnosticsAfter);
