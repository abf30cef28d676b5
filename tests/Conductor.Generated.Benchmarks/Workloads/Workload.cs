namespace Conductor.Generated.Benchmarks.Workloads;

/// <summary>The three tasks the benchmarks dispatch, one per worker.</summary>
public enum Workload
{
    /// <summary>Four primitive inputs (<c>bench_primitives</c>).</summary>
    Primitives,

    /// <summary>A record with a nested list of ten lines (<c>bench_order</c>).</summary>
    RecordWithList,

    /// <summary>A list of records of about 100 KB (<c>bench_readings</c>).</summary>
    Large100KB,
}
