using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Conductor.Generated.Analyzers.Workflows;
using Conductor.Generated.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Conductor.Generated.Analyzers.Tests.Verification;

/// <summary>
/// Runs the source generator on worker sources and then the workflow analyzer on
/// <c>*.workflow.json</c> additional files, as the compiler does in a build. The JSON is written
/// with <c>{|#0:…|}</c> markup; each expected diagnostic names a marker, and its exact span (line
/// and column in the JSON file) and message are compared.
/// </summary>
internal static partial class WorkflowVerifier
{
    public const string WorkflowPath = "/project/order.workflow.json";

    public sealed record Expected(DiagnosticDescriptor Descriptor, int Marker, string? Message = null, string Path = WorkflowPath);

    public static Expected Diagnostic(DiagnosticDescriptor descriptor, int marker, string? message = null) => new(descriptor, marker, message);

    public static Task VerifyAsync(string workers, string workflowWithMarkup, params Expected[] expected) =>
        VerifyAsync(workers, [(WorkflowPath, workflowWithMarkup)], expected);

    public static async Task VerifyAsync(string workers, (string Path, string Json)[] workflows, params Expected[] expected)
    {
        var files = workflows.Select(workflow => (workflow.Path, Markup: Parse(workflow.Json))).ToArray();
        var diagnostics = await RunAsync([workers], files.Select(file => (file.Path, file.Markup.Text)).ToArray());

        var actual = diagnostics
            .Select(diagnostic => Describe(diagnostic.Id, diagnostic.Location.GetLineSpan(), diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToArray();
        var wanted = expected
            .Select(item =>
            {
                var file = files.Single(candidate => candidate.Path == item.Path);
                var span = file.Markup.Spans[item.Marker];
                var text = SourceText.From(file.Markup.Text);
                var lineSpan = new FileLinePositionSpan(item.Path, text.Lines.GetLinePositionSpan(span));
                return (Line: Describe(item.Descriptor.Id, lineSpan, null), item.Message);
            })
            .ToArray();

        Assert.True(
            actual.Length == wanted.Length && wanted.All(item => actual.Any(line => line.StartsWith(item.Line, StringComparison.Ordinal))),
            "Expected:\n  " + string.Join("\n  ", wanted.Select(item => item.Line).OrderBy(line => line, StringComparer.Ordinal)) + "\nActual:\n  " + string.Join("\n  ", actual));
        foreach (var (line, message) in wanted.Where(item => item.Message is not null))
        {
            Assert.Contains(line + " " + message, actual);
        }
    }

    /// <summary>The workflow analyzer's diagnostics, after the generator has written the workers' table.</summary>
    public static Task<ImmutableArray<Diagnostic>> RunAsync(string[] sources, (string Path, string Json)[] workflows, string? editorConfig = null) =>
        RunAsync(sources, workflows, [], "Workers");

    /// <summary>As <see cref="RunAsync(string[], ValueTuple{string, string}[], string?)"/>, with more references (libraries compiled by <see cref="CompileLibrary"/>).</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(string[] sources, (string Path, string Json)[] workflows, MetadataReference[] libraries, string assemblyName)
    {
        var generated = Generate(assemblyName, sources, libraries);

        var additionalFiles = workflows.Select(workflow => (AdditionalText)new InMemoryAdditionalText(workflow.Path, workflow.Json)).ToImmutableArray();
        var options = new AnalyzerOptions(additionalFiles);
        var withAnalyzers = generated.WithAnalyzers([new WorkflowDefinitionAnalyzer()], options);
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>
    /// Compiles worker sources with the generator into a reference assembly (metadata only, as the
    /// build gives a referencing project), to be referenced by another compilation.
    /// </summary>
    public static MetadataReference CompileLibrary(string assemblyName, params string[] sources)
    {
        var generated = Generate(assemblyName, sources, []);
        using var image = new MemoryStream();
        var emitted = generated.Emit(image, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(metadataOnly: true));
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static Compilation Generate(string assemblyName, string[] sources, MetadataReference[] libraries)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Append(TestSources.GlobalUsings).Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))),
            TestSources.References.AddRange(libraries),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new WorkerGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        return generated;
    }

    private static string Describe(string id, FileLinePositionSpan span, string? message) =>
        $"{id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})"
        + (message is null ? "" : " " + message);

    private sealed record Markup(string Text, Dictionary<int, TextSpan> Spans);

    private static Markup Parse(string markup)
    {
        var builder = new StringBuilder();
        var spans = new Dictionary<int, TextSpan>();
        var open = new Stack<(int Marker, int Start)>();
        var position = 0;
        while (position < markup.Length)
        {
            var start = MarkerStart().Match(markup, position);
            var close = markup.IndexOf("|}", position, StringComparison.Ordinal);
            if (start.Success && start.Index == position)
            {
                open.Push((int.Parse(start.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), builder.Length));
                position += start.Length;
            }
            else if (close == position && open.Count > 0)
            {
                var (marker, at) = open.Pop();
                spans.Add(marker, TextSpan.FromBounds(at, builder.Length));
                position += 2;
            }
            else
            {
                builder.Append(markup[position++]);
            }
        }

        Assert.Empty(open);
        return new Markup(builder.ToString(), spans);
    }

    [GeneratedRegex(@"\G\{\|#(\d+):")]
    private static partial Regex MarkerStart();

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
