using System.Diagnostics;
using System.Globalization;
using Basic.Reference.Assemblies;
using Conductor.Generated;
using Conductor.Generated.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Usage: dotnet run -c Release --project tests/Conductor.Generated.GeneratorCost -- PROJECT_DIR [ROUNDS] [--compile]
//   PROJECT_DIR: a folder written by tests/buildcost/generate-workers.sh (its *.cs files are compiled).
//   --compile:   also time the compile (Emit) of the project with the generated code and without it.
// Each round parses the sources again and runs a fresh driver on a fresh compilation: nothing is
// cached between rounds, as in a command-line build. Times are the process's CPU time (user +
// system) and the wall time; the generator's time is also the driver's own (GetTimingInfo).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: PROJECT_DIR [ROUNDS] [--compile]");
    return 2;
}

var projectDir = args[0];
var rounds = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
var compile = args.Contains("--compile") || args.Contains("--from");
string? OptionValue(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
// --write DIR: writes the generated files there (once). --from DIR: the compile "with" takes the
// files of DIR in place of the generator's output (to try other shapes of the generated code by hand).
var writeDir = OptionValue("--write");
var fromDir = OptionValue("--from");
var files = Directory.GetFiles(projectDir, "*.cs", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToArray();
if (files.Length == 0)
{
    Console.Error.WriteLine($"no .cs files in {projectDir}: write them with tests/buildcost/generate-workers.sh");
    return 2;
}

var texts = files.Select(path => (path, text: File.ReadAllText(path))).ToArray();
// As the command-line compiler parses without /doc (GenerateDocumentationFile false): doc comments as plain comments.
// --doc-comments parses them, as a build that writes a documentation file does.
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, args.Contains("--doc-comments") ? DocumentationMode.Diagnose : DocumentationMode.None);
// The SDK's implicit usings for a class library (ImplicitUsings=enable).
const string ImplicitUsings = """
    global using global::System;
    global using global::System.Collections.Generic;
    global using global::System.IO;
    global using global::System.Linq;
    global using global::System.Net.Http;
    global using global::System.Threading;
    global using global::System.Threading.Tasks;
    """;
MetadataReference[] references = [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(WorkerDefinition).Assembly.Location)];
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release);

CSharpCompilation FreshCompilation() => CSharpCompilation.Create(
    "Workers",
    [.. texts.Select(file => CSharpSyntaxTree.ParseText(file.text, parseOptions, file.path)), CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "GlobalUsings.g.cs")],
    references,
    options);

// The compile needs the code of the other generators too (WorkerJsonContext is a System.Text.Json
// context): their output is generated once, from the SDK's own generator, and added to both compiles.
SyntaxTree[] OtherGenerated()
{
    var sdkGenerator = Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*", SearchOption.TopDirectoryOnly).Length > 0
        ? Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"), "System.Text.Json.SourceGeneration.dll", SearchOption.AllDirectories).FirstOrDefault()
        : null;
    if (sdkGenerator is null)
    {
        throw new InvalidOperationException("System.Text.Json.SourceGeneration.dll not found in the SDK's packs");
    }

    var reference = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerFileReference(Path.GetFullPath(sdkGenerator), new AssemblyLoader());
    CSharpGeneratorDriver.Create([.. reference.GetGenerators(LanguageNames.CSharp)], parseOptions: parseOptions)
        .RunGeneratorsAndUpdateCompilation(FreshCompilation(), out var withJson, out _);
    return [.. withJson.SyntaxTrees.Skip(texts.Length + 1)];
}

var otherGenerated = compile ? OtherGenerated() : [];

static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

var generatorCpu = new List<double>();
var generatorWall = new List<double>();
var generatorOwn = new List<double>();
var compileWith = new List<double>();
var compileWithout = new List<double>();
for (var round = 0; round <= rounds; round++)
{
    // With --from the generator's output is not compiled: it runs in the warm-up round only (the
    // rounds then time the two compiles alone, which is what comparing hand-shaped variants needs).
    if (fromDir is not null && round > 0)
    {
        var withFrom = FreshCompilation().AddSyntaxTrees(otherGenerated).AddSyntaxTrees(FromFiles(fromDir));
        var without = FreshCompilation().AddSyntaxTrees(otherGenerated);
        // The order alternates round by round, so that whatever the first compile of a round pays falls on both alike.
        var withoutFromMs = round % 2 == 0 ? TimeEmit(without) : 0;
        var withFromMs = TimeEmit(withFrom);
        withoutFromMs = round % 2 == 0 ? withoutFromMs : TimeEmit(without);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: emit CPU with {withFromMs,8:F0} ms   without {withoutFromMs,8:F0} ms   ratio {withFromMs / withoutFromMs:F2}"));
        compileWith.Add(withFromMs);
        compileWithout.Add(withoutFromMs);
        continue;
    }

    var compilation = FreshCompilation();
    GeneratorDriver driver = CSharpGeneratorDriver.Create(
        [new WorkerGenerator().AsSourceGenerator()],
        parseOptions: parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
    var cpu = Cpu();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
    var jitTime = System.Runtime.JitInfo.GetCompilationTime();
    var wall = Stopwatch.StartNew();
    driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
    var wallMs = wall.Elapsed.TotalMilliseconds;
    var cpuMs = (Cpu() - cpu).TotalMilliseconds;
    // What the JIT compiled during the run (all threads): in the first round, the generator's code and
    // the parts of Roslyn and the libraries it uses (here Roslyn is the package's, not ReadyToRun as in the SDK's csc).
    var jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods;
    var jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds;
    var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
    var own = driver.GetTimingInfo().ElapsedTime.TotalMilliseconds;
    var result = driver.GetRunResult();
    var generatedFiles = result.GeneratedTrees.Length;
    var generatedBytes = result.GeneratedTrees.Sum(tree => tree.GetText().Length);
    if (diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error) || generatedFiles == 0)
    {
        Console.Error.WriteLine($"the generator failed: {generatedFiles} files; {string.Join("; ", diagnostics.Take(5))}");
        return 1;
    }

    if (writeDir is not null && round == 0)
    {
        Directory.CreateDirectory(writeDir);
        foreach (var tree in result.GeneratedTrees)
        {
            File.WriteAllText(Path.Combine(writeDir, Path.GetFileName(tree.FilePath)), tree.GetText().ToString());
        }
    }

    string line = string.Create(CultureInfo.InvariantCulture, $"round {round}{(round == 0 ? " (warm-up)" : "")}: generator CPU {cpuMs,8:F0} ms   wall {wallMs,8:F0} ms   driver's timing {own,8:F0} ms   JIT {jitted,5} methods {jitMs,6:F0} ms   allocated {allocatedMb,5:F0} MB   ({generatedFiles} files, {generatedBytes} chars)");
    if (compile)
    {
        // The compile of each: a fresh compilation, emitted to nowhere (binding, flow analysis, lowering, IL).
        var withGenerated = FreshCompilation().AddSyntaxTrees(otherGenerated).AddSyntaxTrees(fromDir is null
            ? result.GeneratedTrees.Select(tree => CSharpSyntaxTree.ParseText(tree.GetText(), parseOptions, tree.FilePath))
            : FromFiles(fromDir));
        var withMs = TimeEmit(withGenerated);
        var withoutMs = TimeEmit(FreshCompilation().AddSyntaxTrees(otherGenerated));
        line += string.Create(CultureInfo.InvariantCulture, $"   emit CPU with {withMs,8:F0} ms   without {withoutMs,8:F0} ms   ratio {withMs / withoutMs:F2}");
        if (round > 0)
        {
            compileWith.Add(withMs);
            compileWithout.Add(withoutMs);
        }
    }

    Console.WriteLine(line);
    if (round > 0)
    {
        generatorCpu.Add(cpuMs);
        generatorWall.Add(wallMs);
        generatorOwn.Add(own);
    }
}

IEnumerable<SyntaxTree> FromFiles(string dir) => Directory.GetFiles(dir, "*.cs").Order(StringComparer.Ordinal).Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path));

static double TimeEmit(Compilation compilation)
{
    // The garbage of the compile before is collected here, not during this one.
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var cpu = Cpu();
    var emitted = compilation.Emit(Stream.Null);
    var ms = (Cpu() - cpu).TotalMilliseconds;
    var errors = emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
    if (errors.Count > 0)
    {
        throw new InvalidOperationException("the compile failed: " + string.Join("; ", errors.Take(5)));
    }

    return ms;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

Console.WriteLine();
if (generatorCpu.Count > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"medians of {rounds}: generator CPU {Median(generatorCpu):F0} ms, wall {Median(generatorWall):F0} ms, driver's timing {Median(generatorOwn):F0} ms"));
}

if (compile)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"medians of {rounds}: emit CPU with the generated code {Median(compileWith):F0} ms, without {Median(compileWithout):F0} ms, ratio {Median(compileWith) / Median(compileWithout):F2}"));
}

return 0;

internal sealed class AssemblyLoader : Microsoft.CodeAnalysis.IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
}
