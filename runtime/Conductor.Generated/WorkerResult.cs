using System.ComponentModel;

namespace Conductor.Generated;

/// <summary>What a generated invoker hands back to the runtime: the output of a worker that returned, or an input binding failure.</summary>
public readonly struct WorkerResult
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>What is known of the output's shape, so that it is decided once.</summary>
    private enum Shape : byte
    {
        /// <summary>Bytes handed in from outside: read once when asked.</summary>
        Unknown,

        /// <summary>Written by the runtime's own writers as one JSON object.</summary>
        Object,

        /// <summary>Written by the runtime's own writers, but not as one JSON object.</summary>
        NotObject,
    }

    private readonly Shape _shape;

    private WorkerResult(ReadOnlyMemory<byte> outputJson, string? bindingError, Shape shape)
    {
        OutputJson = outputJson;
        BindingError = bindingError;
        _shape = shape;
    }

    /// <summary>The <c>outputData</c> object as UTF-8 JSON; <c>{}</c> when the worker returned nothing.</summary>
    public ReadOnlyMemory<byte> OutputJson { get; }

    /// <summary>Why the task's input could not be bound, or <see langword="null"/> when it was.</summary>
    public string? BindingError { get; }

    /// <summary>Whether binding failed; such a task ends <c>FAILED_WITH_TERMINAL_ERROR</c>.</summary>
    public bool IsBindingFailure => BindingError is not null;

    /// <summary>The worker returned; <paramref name="outputJson"/> is a UTF-8 JSON object.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static WorkerResult Completed(ReadOnlyMemory<byte> outputJson) =>
        outputJson.IsEmpty ? new(EmptyObject, null, Shape.Object) : new(outputJson, null, Shape.Unknown);

    /// <summary>Output the runtime's writers wrote, whose shape they know: no second reading to decide it.</summary>
    internal static WorkerResult CompletedWritten(ReadOnlyMemory<byte> outputJson, bool isObject) =>
        new(outputJson, null, isObject ? Shape.Object : Shape.NotObject);

    /// <summary>Whether the output is one JSON object (or empty, which stands for <c>{}</c>); decided by the writer, or read once.</summary>
    internal bool HasObjectOutput => _shape switch
    {
        Shape.Object => true,
        Shape.NotObject => false,
        _ => OutputJson.IsEmpty || Client.RawJsonObjectConverter.IsJsonObject(OutputJson.Span),
    };

    /// <summary>The worker returned nothing: the output is <c>{}</c>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static WorkerResult CompletedEmpty() => new(EmptyObject, null, Shape.Object);

    /// <summary>The input could not be bound; <paramref name="reason"/> names parameter, key, expected and actual.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static WorkerResult InvalidInput(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(EmptyObject, reason, Shape.Object);
    }
}
