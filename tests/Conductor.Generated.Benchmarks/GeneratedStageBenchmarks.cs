using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Conductor.Generated.Benchmarks.Workloads;
using Conductor.Generated.Client;

namespace Conductor.Generated.Benchmarks;

/// <summary>
/// The generated path of <see cref="DispatchBenchmarks"/> cut into its stages, to show where its
/// time and allocations go: reading the poll answer into a task, running the generated invoker
/// (bind, call, write the output), and writing the result body.
/// </summary>
[MemoryDiagnoser]
public class GeneratedStageBenchmarks
{
    private Scenario _scenario = null!;
    private ConductorTask _task = null!;
    private TaskResult _result = null!;

    [Params(Workload.Primitives, Workload.RecordWithList, Workload.Large100KB)]
    public Workload Workload { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = Scenario.For(Workload);
        _task = ReadPollAnswer()[0];
        _result = WorkerExecution.ExecuteAsync(_scenario.Worker, new TaskContext(_task, PollResponses.WorkerId)).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "1. Read poll answer (ConductorTask, input copied)")]
    public List<ConductorTask> ReadPollAnswer() =>
        JsonSerializer.Deserialize(_scenario.PollResponse, ConductorJsonContext.Default.ListConductorTask)!;

    [Benchmark(Description = "1. Read poll answer once, pooled (the runtime), released")]
    public string ReadPollAnswerKept()
    {
        var array = System.Buffers.ArrayPool<byte>.Shared.Rent(_scenario.PollResponse.Length + 1);
        _scenario.PollResponse.CopyTo(array, 0);
        var task = ConductorClient.ReadPollAnswerKept(array, _scenario.PollResponse.Length).Tasks[0];
        task.ReleaseAnswer();
        return task.TaskId;
    }

    [Benchmark(Description = "1. what-if: read into one document")]
    public List<ConductorTask> ReadPollAnswerIntoOneDocument() => Paths.OneDocumentTaskReader.ReadBatch(_scenario.PollResponse);

    [Benchmark(Description = "2. Bind, invoke, write output (invoker)")]
    public ValueTask<WorkerResult> Invoke() =>
        _scenario.Worker.Invoker(new TaskContext(_task, PollResponses.WorkerId), CancellationToken.None);

    [Benchmark(Description = "3. Write result body (TaskResult)")]
    public byte[] WriteResult() => JsonSerializer.SerializeToUtf8Bytes(_result, ConductorJsonContext.Default.TaskResult);
}
