using BenchmarkDotNet.Attributes;
using Conductor.Generated.Benchmarks.Paths;
using Conductor.Generated.Benchmarks.Workloads;

namespace Conductor.Generated.Benchmarks;

/// <summary>
/// The whole per-task path, from the raw poll answer of one task to the bytes of its result
/// body, for each workload: the generated binders (the baseline), the official C# SDK's way,
/// the best reflection path, and the floor of parsing the poll answer alone; plus three variants
/// that show where the time goes (the generated invoker on a task read lazily, the same on a
/// task read into one unpooled document of the answer, and the SDK's path without its thread hop).
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private Scenario _scenario = null!;

    [Params(Workload.Primitives, Workload.RecordWithList, Workload.Large100KB)]
    public Workload Workload { get; set; }

    /// <summary>Prepares the workload and refuses to measure paths whose results differ.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scenario = Scenario.For(Workload);
        DispatchEquivalence.VerifyAsync(_scenario).GetAwaiter().GetResult();
    }

    // The floors are declared first so that they run first: whatever runs first in a process
    // pays for the JIT's last background work, and they are the least sensitive to it.
    [Benchmark(Description = "Floor: Utf8JsonReader pass")]
    public int FloorUtf8JsonReader() => ParseFloor.ReadTokens(_scenario.PollResponse);

    [Benchmark(Description = "Floor: JsonDocument.Parse")]
    public int FloorJsonDocument() => ParseFloor.ParseDocument(_scenario.PollResponse);

    [Benchmark(Baseline = true, Description = "Generated")]
    public ValueTask<byte[]> Generated() => _scenario.Generated.ExecuteAsync(_scenario.PollResponse);

    [Benchmark(Description = "Generated, task read lazily")]
    public ValueTask<byte[]> LazyReadGenerated() => _scenario.LazyReadGenerated.ExecuteAsync(_scenario.PollResponse);

    [Benchmark(Description = "Generated, task read into one document")]
    public ValueTask<byte[]> OneDocumentGenerated() => _scenario.OneDocumentGenerated.ExecuteAsync(_scenario.PollResponse);

    [Benchmark(Description = "(a) Official SDK")]
    public Task<byte[]> OfficialSdk() => _scenario.OfficialSdk.ExecuteAsync(_scenario.PollResponse);

    [Benchmark(Description = "(a) Official SDK, no Task.Run")]
    public Task<byte[]> OfficialSdkInline() => _scenario.OfficialSdkInline.ExecuteAsync(_scenario.PollResponse);

    [Benchmark(Description = "(b) Best reflection")]
    public byte[] BestReflection() => _scenario.Reflection.Execute(_scenario.PollResponse);
}
