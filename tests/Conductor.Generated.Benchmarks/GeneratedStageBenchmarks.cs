using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Conductor.Generated.Benchmarks.Workers;
using Conductor.Generated.Benchmarks.Workloads;
using Conductor.Generated.Binding;
using Conductor.Generated.Client;

namespace Conductor.Generated.Benchmarks;

/// <summary>
/// The generated path of <see cref="DispatchBenchmarks"/> cut into its stages, to show where its
/// time and allocations go: reading the poll answer into a task, running the generated invoker
/// (bind, call, write the output), and writing the result body. Stage 2 is cut further: the
/// <see cref="TaskContext"/>, the invoker on a context made before, the worker method alone on
/// values bound before, and its output written alone; the binding is what the invoker costs
/// beyond the call and the output.
/// </summary>
[MemoryDiagnoser]
public class GeneratedStageBenchmarks
{
    private Scenario _scenario = null!;
    private ConductorTask _task = null!;
    private TaskResult _result = null!;
    private TaskContext _context = null!;
    private Func<int> _callOnly = null!;
    private Func<WorkerResult> _outputOnly = null!;
    private Func<int> _readOnly = null!;

    [Params(Workload.Primitives, Workload.RecordWithList, Workload.Large100KB)]
    public Workload Workload { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = Scenario.For(Workload);
        _task = ReadPollAnswer()[0];
        _result = WorkerExecution.ExecuteAsync(_scenario.Worker, new TaskContext(_task, PollResponses.WorkerId)).GetAwaiter().GetResult();
        _context = new TaskContext(_task, PollResponses.WorkerId);
        (_callOnly, _outputOnly) = CallAndOutput(_task.InputData);
        _readOnly = ReadOnly(_task.InputData);
    }

    /// <summary>
    /// The input values read and nothing else, the least any binder must do: the primitives with
    /// <see cref="JsonElement"/>'s getters, the records through the application's context.
    /// </summary>
    private Func<int> ReadOnly(JsonElement input) => Workload switch
    {
        Workload.Primitives => () =>
            input.GetProperty("customer").GetString()!.Length + input.GetProperty("quantity").GetInt32()
            + (int)input.GetProperty("weightKg").GetDouble() + (input.GetProperty("express").GetBoolean() ? 1 : 0),
        Workload.RecordWithList => () => input.GetProperty("order").Deserialize(BenchmarkJsonContext.Default.Order)!.Lines.Count,
        _ => () => input.GetProperty("readings").Deserialize(BenchmarkJsonContext.Default.ListSensorReading)!.Count,
    };

    /// <summary>The worker method called on values bound before (a number of its result returned), and its result written as the invoker writes it.</summary>
    private (Func<int> Call, Func<WorkerResult> Output) CallAndOutput(JsonElement input)
    {
        switch (Workload)
        {
            case Workload.Primitives:
            {
                var customer = input.GetProperty("customer").GetString()!;
                var quantity = input.GetProperty("quantity").GetInt32();
                var weight = input.GetProperty("weightKg").GetDouble();
                var express = input.GetProperty("express").GetBoolean();
                var result = BenchmarkWorkers.DescribeShipment(customer, quantity, weight, express);
                return (() => BenchmarkWorkers.DescribeShipment(customer, quantity, weight, express).Length,
                    () => WorkerOutput.Complete(result, OutputWriters.String));
            }

            case Workload.RecordWithList:
            {
                var order = input.GetProperty("order").Deserialize(BenchmarkJsonContext.Default.Order)!;
                var writer = OutputWriters.Json<OrderSummary>(BenchmarkJsonContext.Default);
                var result = BenchmarkWorkers.SummarizeOrder(order);
                return (() => BenchmarkWorkers.SummarizeOrder(order).LineCount,
                    () => WorkerOutput.CompleteUnder(result, writer, "summary"));
            }

            default:
            {
                var readings = input.GetProperty("readings").Deserialize(BenchmarkJsonContext.Default.ListSensorReading)!;
                var writer = OutputWriters.Json<ReadingStats>(BenchmarkJsonContext.Default);
                var result = BenchmarkWorkers.AggregateReadings(readings);
                return (() => BenchmarkWorkers.AggregateReadings(readings).Count,
                    () => WorkerOutput.CompleteUnder(result, writer, "stats"));
            }
        }
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

    [Benchmark(Description = "2a. TaskContext")]
    public TaskContext CreateContext() => new(_task, PollResponses.WorkerId);

    [Benchmark(Description = "2b. Invoker on a context made before")]
    public ValueTask<WorkerResult> InvokeOnContext() => _scenario.Worker.Invoker(_context, CancellationToken.None);

    [Benchmark(Description = "2c. Worker method alone, values bound before")]
    public int CallOnly() => _callOnly();

    [Benchmark(Description = "2d. Output written alone")]
    public WorkerResult OutputOnly() => _outputOnly();

    [Benchmark(Description = "2f. Input values read alone (records through the context)")]
    public int ReadInputOnly() => _readOnly();

    [Benchmark(Description = "2e. WorkerExecution (context, invoker, outcome)")]
    public Task<TaskResult> Execute() => WorkerExecution.ExecuteAsync(_scenario.Worker, new TaskContext(_task, PollResponses.WorkerId));

    [Benchmark(Description = "3. Write result body (TaskResult)")]
    public byte[] WriteResult() => JsonSerializer.SerializeToUtf8Bytes(_result, ConductorJsonContext.Default.TaskResult);
}
