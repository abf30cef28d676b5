using System.ComponentModel;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>
/// Turns one JSON value of a task's input into a value of <typeparamref name="T"/>. Generated
/// binders get readers from <see cref="InputReaders"/> and compose them for collections.
/// </summary>
/// <typeparam name="T">The parameter type (covariant, so a reader of <c>List&lt;int&gt;</c> also reads <c>IReadOnlyList&lt;int&gt;</c>).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IInputReader<out T>
{
    /// <summary>What the reader accepts, for error messages: <c>an integer from 0 to 255</c>.</summary>
    string Expected { get; }

    /// <summary>Whether JSON <c>null</c> is a valid value (nullable types) rather than a mismatch.</summary>
    bool AcceptsNull { get; }

    /// <summary>
    /// Reads <paramref name="value"/>. On a mismatch adds to <paramref name="errors"/> (naming
    /// <paramref name="location"/>) and returns a default; never throws for bad input.
    /// </summary>
    T Read(JsonElement value, InputLocation location, BindingErrors errors);
}

/// <summary>Converts a JSON value when it has the right shape; <see langword="false"/> otherwise.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate bool JsonValueConverter<T>(JsonElement value, out T result);

/// <summary>A reader of one scalar type, made of what it expects and a conversion.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ScalarReader<T> : IInputReader<T>
{
    private readonly JsonValueConverter<T> _convert;

    /// <summary>Creates a reader that reports <paramref name="expected"/> when <paramref name="convert"/> fails.</summary>
    public ScalarReader(string expected, JsonValueConverter<T> convert)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(convert);
        Expected = expected;
        _convert = convert;
    }

    /// <inheritdoc/>
    public string Expected { get; }

    /// <inheritdoc/>
    public bool AcceptsNull => false;

    /// <inheritdoc/>
    public T Read(JsonElement value, InputLocation location, BindingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value.ValueKind != JsonValueKind.Null && _convert(value, out var result))
        {
            return result;
        }

        errors.AddMismatch(location, Expected, value);
        return default!;
    }
}
