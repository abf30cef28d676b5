using System.ComponentModel;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>
/// Writes a worker's return value as JSON. Generated invokers get writers from
/// <see cref="OutputWriters"/>.
/// </summary>
/// <typeparam name="T">The return type (contravariant, so a writer of sequences writes arrays and lists).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IOutputWriter<in T>
{
    /// <summary>Whether <paramref name="value"/> is written as a JSON object, and so becomes <c>outputData</c> itself.</summary>
    bool IsJsonObject(T value);

    /// <summary>Writes <paramref name="value"/> as one JSON value.</summary>
    void Write(Utf8JsonWriter writer, T value);
}

/// <summary>A writer of values that are never JSON objects, made of a write action.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ScalarWriter<T> : IOutputWriter<T>
{
    private readonly Action<Utf8JsonWriter, T> _write;

    /// <summary>Creates a writer that calls <paramref name="write"/> for values that are not null.</summary>
    public ScalarWriter(Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _write = write;
    }

    /// <inheritdoc/>
    public bool IsJsonObject(T value) => false;

    /// <inheritdoc/>
    public void Write(Utf8JsonWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        _write(writer, value);
    }
}
