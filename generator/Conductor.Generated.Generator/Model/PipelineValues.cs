using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Conductor.Generated.Generator.Model;

/// <summary>
/// The target of the generated class and the parsed workers, as one class-typed pipeline value
/// (see the pipeline in <see cref="WorkerGenerator"/>): equal when the target and every worker are.
/// </summary>
internal sealed class TableWorkers : IEquatable<TableWorkers>
{
    public TableWorkers(GenerationTarget? target, ImmutableArray<WorkerModel?> workers)
    {
        Target = target;
        Workers = workers;
    }

    public GenerationTarget? Target { get; }

    public ImmutableArray<WorkerModel?> Workers { get; }

    public bool Equals(TableWorkers? other)
    {
        if (other is null || !Equals(Target, other.Target) || Workers.Length != other.Workers.Length)
        {
            return false;
        }

        for (var index = 0; index < Workers.Length; index++)
        {
            if (!Equals(Workers[index], other.Workers[index]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TableWorkers);

    public override int GetHashCode()
    {
        var hash = Target?.GetHashCode() ?? 0;
        foreach (var worker in Workers)
        {
            hash = unchecked((hash * 31) + (worker?.GetHashCode() ?? 0));
        }

        return hash;
    }
}

/// <summary>A list of diagnostics as a class-typed pipeline value, compared by its elements.</summary>
internal sealed class DiagnosticList<T> : IEquatable<DiagnosticList<T>>
    where T : IEquatable<T>
{
    public DiagnosticList(EquatableArray<T> items)
    {
        Items = items;
    }

    public EquatableArray<T> Items { get; }

    public bool Equals(DiagnosticList<T>? other) => other is not null && Items.Equals(other.Items);

    public override bool Equals(object? obj) => Equals(obj as DiagnosticList<T>);

    public override int GetHashCode() => Items.GetHashCode();
}
