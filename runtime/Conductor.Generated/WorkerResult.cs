using System.ComponentModel;

namespace Conductor.Generated;

/// <summary>What a generated invoker hands back to the runtime: the output of a worker that returned, or an input binding failure.</summary>
public readonly struct WorkerResult
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private WorkerResult(ReadOnlyMemory<byte> outputJson, string? bindingError)
    {
        OutputJson = outputJson;
        BindingError = bindingError;
    }

    /// <summary>The <c>outputData</c> object as UTF-8 JSON; <c>{}</c> when the worker returned nothing.</summary>
    public ReadOnlyMemory<byte> OutputJson { get; }

    /// <summary>Why the task's input could not be bound, or <see langword="null"/> when it was.</summary>
    public string? BindingError { get; }

    /// <summary>Whether binding failed; such a task ends <c>FAILED_WITH_TERMINAL_ERROR</c>.</summary>
    public bool IsBindingFailure => BindingError is not null;

    /// <summary>The worker returned; <paramref name="outputJson"/> is a UTF-8 JSON object.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static WorkerResult Completed(ReadOnlyMemory<byte> outputJson) => new(outputJson.IsEmpty ? EmptyObject : outputJson, null);

    /// <summary>The worker returned nothing: the output is <c>{}</c>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static WorkerResult CompletedEmpty() => new(EmptyObject, null);

    /// <summary>The input could not be bound; <paramref name="reason"/> names parameter, key, expected and actual.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static WorkerResult InvalidInput(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(EmptyObject, reason);
    }
}
