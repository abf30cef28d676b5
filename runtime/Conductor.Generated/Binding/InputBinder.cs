using System.ComponentModel;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>
/// Binds the parameters of one worker call from a task's <c>inputData</c>, collecting every
/// problem instead of stopping at the first. Generated invokers create one per task.
/// </summary>
/// <remarks>
/// Keys are looked up exactly first, then ignoring case (the first match in document order).
/// A missing key or JSON <c>null</c> is handled by <see cref="Required{T}"/> and
/// <see cref="Optional{T}"/> as the documentation of each says.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class InputBinder
{
    private readonly JsonElement _input;

    /// <summary>Binds from <paramref name="input"/>, the task's <c>inputData</c> object.</summary>
    public InputBinder(JsonElement input)
    {
        _input = input;
    }

    /// <summary>The problems found so far.</summary>
    public BindingErrors Errors { get; } = new();

    /// <summary>Whether any parameter could not be bound.</summary>
    public bool HasErrors => Errors.Count > 0;

    /// <summary>
    /// A parameter without a default value: a missing key is an error; JSON <c>null</c> is an
    /// error unless <paramref name="reader"/> accepts null (nullable types).
    /// </summary>
    public T Required<T>(string key, string parameter, IInputReader<T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var location = InputLocation.ForKey(key, parameter);
        if (!TryFindKey(_input, key, out var value))
        {
            Errors.AddMissing(location, reader.Expected);
            return default!;
        }

        return reader.Read(value, location, Errors);
    }

    /// <summary>
    /// A parameter with a default value (or a nullable one without): a missing key gives
    /// <paramref name="defaultValue"/>; JSON <c>null</c> gives null when <paramref name="reader"/>
    /// accepts it and <paramref name="defaultValue"/> otherwise (Conductor turns an unresolved
    /// <c>${...}</c> expression into null).
    /// </summary>
    public T Optional<T>(string key, string parameter, IInputReader<T> reader, T defaultValue)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!TryFindKey(_input, key, out var value) || (value.ValueKind == JsonValueKind.Null && !reader.AcceptsNull))
        {
            return defaultValue;
        }

        return reader.Read(value, InputLocation.ForKey(key, parameter), Errors);
    }

    /// <summary>A <see cref="TaskInputAttribute"/> parameter: the whole <c>inputData</c> object.</summary>
    public T WholeInput<T>(string parameter, IInputReader<T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.Read(_input, InputLocation.ForWholeInput(parameter), Errors);
    }

    /// <summary>The result that fails the task with every problem found.</summary>
    public WorkerResult Failure() => WorkerResult.InvalidInput(Errors.ToReason());

    /// <summary>Finds <paramref name="key"/> in <paramref name="input"/>: exactly, else ignoring case.</summary>
    public static bool TryFindKey(JsonElement input, string key, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = default;
        if (input.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (input.TryGetProperty(key, out value))
        {
            return true;
        }

        foreach (var property in input.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }
}
