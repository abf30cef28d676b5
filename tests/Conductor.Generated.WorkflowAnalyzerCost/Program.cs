using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Basic.Reference.Assemblies;
using Conductor.Generated;
using Conductor.Generated.Analyzers.Workflows;
using Conductor.Generated.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// Usage: dotnet run -c Release --project tests/Conductor.Generated.WorkflowAnalyzerCost [WORKERS] [FILES] [TASKS_PER_FILE] [ROUNDS]
var workers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var files = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var tasksPerFile = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;

var source = new StringBuilder("""
    using System.Text.Json;
    using System.Text.Json.Serialization;
    using Conductor.Generated;

    namespace Cost;

    public sealed record Order(string Id, string Customer, List<Line> Lines, string? Note = null);
    public sealed record Line(string Sku, int Quantity, decimal UnitPrice);
    public sealed record Receipt(string OrderId, decimal Total, int LineCount);

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(Order))]
    [JsonSerializable(typeof(Receipt))]
    internal sealed partial class CostJsonContext : JsonSerializerContext;

    public static class Workers
    {

    """);
for (var index = 0; index < workers; index++)
{
    source.Append(index % 2 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"    [WorkerTask(\"task_{index:0000}\")] public static Receipt W{index:0000}(Order order, int attempt, string? note = null) => new(order.Id, 0, order.Lines.Count);\n")
        : string.Create(CultureInfo.InvariantCulture, $"    [WorkerTask(\"task_{index:0000}\")] public static string W{index:0000}(string customer, decimal amount, bool express = false) => customer;\n"));
}

source.Append("}\n");

var compilation = CSharpCompilation.Create(
    "Cost",
    [CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest)),
     CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic;", new CSharpParseOptions(LanguageVersion.Latest))],
    [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(WorkerDefinition).Assembly.Location)],
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
CSharpGeneratorDriver.Create(new WorkerGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);

var random = new Random(7);
var workflows = new List<AdditionalText>();
var totalBytes = 0;
for (var file = 0; file < files; file++)
{
    var json = new StringBuilder($"{{\n  \"name\": \"workflow_{file}\",\n  \"tasks\": [\n");
    for (var task = 0; task < tasksPerFile; task++)
    {
        var worker = random.Next(workers);
        var input = worker % 2 == 0
            ? $"\"order\": \"${{workflow.input.order}}\", \"attempt\": {task}, \"note\": \"${{t{Math.Max(0, task - 1)}.output.orderId}}\""
            : $"\"customer\": \"${{workflow.input.customer}}\", \"amount\": 12.5, \"express\": true";
        json.Append(CultureInfo.InvariantCulture, $"    {{ \"name\": \"task_{worker:0000}\", \"taskReferenceName\": \"t{task}\", \"inputParameters\": {{ {input} }} }}{(task + 1 < tasksPerFile ? "," : "")}\n");
    }

    json.Append("  ]\n}\n");
    totalBytes += json.Length;
    workflows.Add(new InMemoryText($"/cost/workflow_{file}.workflow.json", json.ToString()));
}

Console.WriteLine($"{workers} workers, {files} workflow files of {tasksPerFile} tasks ({totalBytes / 1024} KiB of JSON), {rounds} rounds after a warm-up");

var contracts = new List<double>();
var analyzerTimes = new List<double>();
var walls = new List<double>();
var diagnosticsCount = 0;
for (var round = 0; round <= rounds; round++)
{
    // A fresh compilation each round, as after an edit in the IDE: nothing is cached between rounds.
    var fresh = generated.Clone();
    var stopwatch = Stopwatch.StartNew();
    var contractCount = WorkerContracts.Of(fresh, CancellationToken.None).Count;
    var contractsMs = stopwatch.Elapsed.TotalMilliseconds;
    if (contractCount != workers)
    {
        throw new InvalidOperationException($"found {contractCount} worker contracts, expected {workers}");
    }

    fresh = generated.Clone();
    var withAnalyzers = fresh.WithAnalyzers(
        [new WorkflowDefinitionAnalyzer()],
        new CompilationWithAnalyzersOptions(new AnalyzerOptions([.. workflows]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    stopwatch.Restart();
    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    var wallMs = stopwatch.Elapsed.TotalMilliseconds;
    var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(withAnalyzers.Analyzers[0], CancellationToken.None);
    diagnosticsCount = diagnostics.Length;
    if (round == 0)
    {
        continue;
    }

    contracts.Add(contractsMs);
    analyzerTimes.Add(telemetry.ExecutionTime.TotalMilliseconds);
    walls.Add(wallMs);
    Console.WriteLine($"round {round}: worker contracts {contractsMs,7:F1} ms   analyzer execution time {telemetry.ExecutionTime.TotalMilliseconds,7:F1} ms   GetAnalyzerDiagnosticsAsync {wallMs,7:F1} ms   ({diagnostics.Length} diagnostics)");
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

Console.WriteLine();
Console.WriteLine($"medians: worker contracts (once per compilation) {Median(contracts):F1} ms; analyzer execution time, all {files} files {Median(analyzerTimes):F1} ms ({Median(analyzerTimes) / files:F2} ms a file); wall {Median(walls):F1} ms; {diagnosticsCount} diagnostics");
return 0;

internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
