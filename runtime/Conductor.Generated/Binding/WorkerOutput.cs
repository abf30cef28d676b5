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
        var json = OutputBuffer.Take();
        json.Writer.WriteStartObject();
        json.Writer.WritePropertyName(key);
        writer.Write(json.Writer, value);
        json.Writer.WriteEndObject();

        // The writer validates what is written: closed at depth 0 after '{', it is one object.
        var complete = json.Writer.CurrentDepth == 0;
        return WorkerResult.CompletedWritten(json.Finish(), complete);
    }

    private static WorkerResult WriteObject<T>(T value, IOutputWriter<T> writer)
    {
        var json = OutputBuffer.Take();
        writer.Write(json.Writer, value);
        var complete = json.Writer.CurrentDepth == 0;

        // The writer validates what is written (one value, well formed): an object when it
        // starts with '{' and every container it opened is closed.
        var written = json.Finish();
        return WorkerResult.CompletedWritten(written, complete && !written.IsEmpty && written.Span[0] == (byte)'{');
    }

    /// <summary>
    /// A writer and its buffer kept by each thread between tasks, so that writing an output
    /// allocates only the array of its bytes. Taken off the thread while in use (a writer that
    /// writes another task's output gets its own); one that grew past <see cref="KeptCapacity"/>
    /// is not kept, and its bytes are the output's.
    /// </summary>
    private sealed class OutputBuffer
    {
        private const int KeptCapacity = 16 * 1024;

        [ThreadStatic]
        private static OutputBuffer? t_spare;

        private readonly ArrayBufferWriter<byte> _buffer = new(256);

        private OutputBuffer()
        {
            Writer = new Utf8JsonWriter(_buffer);
        }

        public Utf8JsonWriter Writer { get; }

        public static OutputBuffer Take()
        {
            var buffer = t_spare ?? new OutputBuffer();
            t_spare = null;
            return buffer;
        }

        /// <summary>
        /// The bytes written: copied into an array of their own, the buffer going back to the
        /// thread; or, from a buffer too large to keep, the buffer's own bytes.
        /// </summary>
        public ReadOnlyMemory<byte> Finish()
        {
            Writer.Flush();
            if (_buffer.Capacity > KeptCapacity)
            {
                return _buffer.WrittenMemory;
            }

            var written = _buffer.WrittenSpan.ToArray();
            _buffer.ResetWrittenCount();
            Writer.Reset(_buffer);
            t_spare = this;
            return written;
        }
    }
}
