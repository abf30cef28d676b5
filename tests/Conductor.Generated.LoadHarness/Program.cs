using System.Text;
using Conductor.Generated.LoadHarness;
using Conductor.Generated.LoadHarness.Processes;
using Conductor.Generated.LoadHarness.Report;
using Conductor.Generated.LoadHarness.Sections;

// End-to-end load harness: see docs/performance.md for what each section measures and how.

HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

var files = new ClientFiles(options.AotWorker, options.JitWorker);
var report = new StringBuilder();
var machine = MachineInfo.Describe();
Console.WriteLine($"Machine: {machine}");
report.AppendLine("### Load harness results").AppendLine()
    .AppendLine($"Machine: {machine}. Command: `dotnet run -c Release --project tests/Conductor.Generated.LoadHarness -- {string.Join(' ', args)}`").AppendLine();

foreach (var section in options.Sections)
{
    Console.WriteLine($"== {section} ==");
    List<MarkdownTable> tables = section switch
    {
        "throughput" => await new ThroughputSection(options, files).RunAsync(),
        "idle" => await new IdleSection(options, files).RunAsync(),
        "aot" => await new AotSection(options, files).RunAsync(),
        "profile" => await new ProfileSection(options, files).RunAsync(),
        "burst" => await new BurstSection(options, files).RunAsync(),
        _ => throw new ArgumentException($"Unknown section '{section}'; known: throughput, idle, aot, profile, burst."),
    };
    foreach (var table in tables)
    {
        var markdown = table.ToMarkdown();
        Console.WriteLine(markdown);
        report.Append(markdown);
    }
}

report.AppendLine($"Load average at the end: {MachineInfo.LoadAverage()}.");
var output = options.OutputFile ?? Path.Combine(files.RepositoryRoot, "artifacts", "load", options.Smoke ? "smoke.md" : "results.md");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine($"Written to {Path.GetFullPath(output)}");
return 0;
