using System.Reflection;
using Conductor.Generated.Benchmarks.Paths;
using Conductor.Generated.Benchmarks.Workers;
using Conductor.Generated.Benchmarks.Workloads;

namespace Conductor.Generated.Benchmarks;

/// <summary>One workload with its poll answer and every path ready to dispatch it.</summary>
internal sealed class Scenario
{
    private Scenario(Workload workload, WorkerDefinition worker, string methodName)
    {
        Workload = workload;
        PollResponse = PollResponses.For(workload);
        var method = typeof(BenchmarkWorkers).GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"No worker method {methodName}.");
        Worker = worker;
        Generated = new GeneratedDispatch(worker);
        LazyReadGenerated = new LazyReadGeneratedDispatch(worker);
        OneDocumentGenerated = new OneDocumentGeneratedDispatch(worker);
        OfficialSdk = new OfficialSdkDispatch(method, invokeOnThreadPool: true);
        OfficialSdkInline = new OfficialSdkDispatch(method, invokeOnThreadPool: false);
        Reflection = new ReflectionDispatch(method);
    }

    public Workload Workload { get; }

    /// <summary>The raw poll answer, one task in a JSON array.</summary>
    public byte[] PollResponse { get; }

    /// <summary>The generated worker definition.</summary>
    public WorkerDefinition Worker { get; }

    public GeneratedDispatch Generated { get; }

    public LazyReadGeneratedDispatch LazyReadGenerated { get; }

    public OneDocumentGeneratedDispatch OneDocumentGenerated { get; }

    public OfficialSdkDispatch OfficialSdk { get; }

    /// <summary>The official SDK's path without its <c>Task.Run</c> around the call.</summary>
    public OfficialSdkDispatch OfficialSdkInline { get; }

    public ReflectionDispatch Reflection { get; }

    public static Scenario For(Workload workload) => workload switch
    {
        Workload.Primitives => new(workload, ConductorWorkers.DescribeShipment, nameof(BenchmarkWorkers.DescribeShipment)),
        Workload.RecordWithList => new(workload, ConductorWorkers.SummarizeOrder, nameof(BenchmarkWorkers.SummarizeOrder)),
        Workload.Large100KB => new(workload, ConductorWorkers.AggregateReadings, nameof(BenchmarkWorkers.AggregateReadings)),
        _ => throw new ArgumentOutOfRangeException(nameof(workload), workload, null),
    };
}
