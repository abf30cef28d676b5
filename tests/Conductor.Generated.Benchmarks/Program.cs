using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Conductor.Generated.Benchmarks;
using Conductor.Generated.Benchmarks.Workloads;

// --verify   runs every path once per workload, checks their results agree, prints them, exits.
// --smoke    the same check, then every benchmark (the stages too) once in-process (seconds; for CI).
// --cpu-clock  measure process CPU time instead of wall time, in-process (for loaded machines).
// otherwise  the check, then BenchmarkDotNet with the given arguments (--filter '*' for all).
var arguments = args.ToList();
var verifyOnly = arguments.Remove("--verify");
var smoke = arguments.Remove("--smoke");
var cpuClock = arguments.Remove("--cpu-clock");

foreach (var workload in Enum.GetValues<Workload>())
{
    var scenario = Scenario.For(workload);
    var bodies = await DispatchEquivalence.VerifyAsync(scenario);
    Console.WriteLine($"{workload}: poll answer {scenario.PollResponse.Length:N0} bytes; every path agrees.");
    if (verifyOnly)
    {
        foreach (var (path, body) in bodies)
        {
            var text = Encoding.UTF8.GetString(body);
            Console.WriteLine($"  {path}: {text}");
        }
    }
}

if (verifyOnly)
{
    return 0;
}

// Min beside Median: on a shared, loaded machine the fastest iteration is the least disturbed one.
var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median, StatisticColumn.Min);
if (smoke)
{
    // One cold invocation of each benchmark, in this process: proves every path runs, measures nothing.
    var smokeConfig = config
        .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    var summaries = BenchmarkRunner.Run([typeof(DispatchBenchmarks), typeof(GeneratedStageBenchmarks)], smokeConfig);
    var failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Length == 0 || summary.Reports.Any(report => !report.Success));
    Console.WriteLine(failed ? "Smoke run FAILED." : $"Smoke run passed: {summaries.Sum(summary => summary.Reports.Length)} benchmarks ran.");
    return failed ? 1 : 0;
}

if (cpuClock)
{
    // In process, the JIT's background recompilation of hot methods (tiering) counts as the
    // process's CPU time: run every path for a while first so that it is over before measuring.
    await WarmUp.RunEveryPathAsync(TimeSpan.FromSeconds(1));
    config = config.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithClock(ProcessCpuClock.Instance).AsDefault());
}

BenchmarkSwitcher.FromAssembly(typeof(DispatchBenchmarks).Assembly).Run([.. arguments], config);
return 0;
