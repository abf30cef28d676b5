using System.Buffers;
using System.ComponentModel;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>
/// Turns a worker's return value into its task's <c>outputData</c>: a value written as a JSON
/// object is the output itself; any other value is put under one key, <c>result</c> unless
/// the method says otherwise with <see cref="OutputParamAttribute"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WorkerOutput
{
    /// <summary>The key of a return value that is not a JSON object when no <see cref="OutputParamAttribute"/> names one.</summary>
    public const string DefaultKey = "result";

    /// <summary>Completes with <paramref name="value"/>: an object as <c>outputData</c>, anything else under <c>result</c>.</summary>
    public static WorkerResult Complete<T>(T value, IOutputWriter<T> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.IsJsonObject(value) ? WriteObject(value, writer) : CompleteUnder(value, writer, DefaultKey);
    }

    /// <summary>Completes with <c>{"<paramref name="key"/>": value}</c>, whatever the value is.</summary>
    public static WorkerResult CompleteUnder<T>(T value, IOutputWriter<T> writer, string key)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(key);
        var buffer = new ArrayBufferWriter<byte>(256);
        bool complete;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName(key);
            writer.Write(json, value);
            json.WriteEndObject();
            complete = json.CurrentDepth == 0;
        }

        // The writer validates what is written: closed at depth 0 after '{', it is one object.
        return WorkerResult.CompletedWritten(buffer.WrittenMemory, complete);
    }

    private static WorkerResult WriteObject<T>(T value, IOutputWriter<T> writer)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        bool complete;
        using (var json = new Utf8JsonWriter(buffer))
        {
            writer.Write(json, value);
            complete = json.CurrentDepth == 0;
        }

        // The writer validates what is written (one value, well formed): an object when it
        // starts with '{' and every container it opened is closed.
        var written = buffer.WrittenMemory;
        return WorkerResult.CompletedWritten(written, complete && !written.IsEmpty && written.Span[0] == (byte)'{');
    }
}
