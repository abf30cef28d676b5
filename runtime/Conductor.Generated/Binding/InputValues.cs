using System.ComponentModel;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>
/// What generated binders call to bind a worker's parameters from a task's <c>inputData</c>.
/// The binder finds every key in one pass over the object's properties (exact UTF-8 matches, the
/// last duplicate winning, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds it)
/// and hands each value found, or an undefined element, to these methods. A key not found
/// exactly is then looked up ignoring case (the first match in document order), as
/// <see cref="InputKeys.TryFindKey"/> does.
/// </summary>
/// <remarks>
/// Problems go to a <see cref="BindingErrors"/> that exists only once there is one: a task whose
/// input binds allocates nothing for the bookkeeping. The <c>Try…</c> methods are the direct
/// readings of the plain form of a value (a JSON number for an <see cref="int"/>, a JSON string
/// for a <see cref="string"/>); anything else goes to the type's <see cref="IInputReader{T}"/>,
/// which accepts the other forms (<c>"42"</c> for an <see cref="int"/>) and names the problem.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InputValues
{
    // The error list readers write into while no problem has been found: taken from the thread,
    // kept by the task when a problem is found, given back when not.
    [ThreadStatic]
    private static BindingErrors? t_spareErrors;

    /// <summary>
    /// A parameter without a default value: a missing key is an error; JSON <c>null</c> is an
    /// error unless <paramref name="reader"/> accepts null (nullable types).
    /// </summary>
    /// <param name="input">The <c>inputData</c> object, searched ignoring case when <paramref name="found"/> is undefined.</param>
    /// <param name="found">The value of <paramref name="key"/> found exactly, or an undefined element.</param>
    /// <param name="key">The <c>inputData</c> key.</param>
    /// <param name="parameter">The parameter's name, for error messages.</param>
    /// <param name="reader">The parameter type's reader.</param>
    /// <param name="errors">The task's problems, created at the first one.</param>
    public static T Required<T>(JsonElement input, JsonElement found, string key, string parameter, IInputReader<T> reader, ref BindingErrors? errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (found.ValueKind == JsonValueKind.Undefined && !InputKeys.TryFindKey(input, key, out found))
        {
            (errors ??= new BindingErrors()).AddMissing(InputLocation.ForKey(key, parameter), reader.Expected);
            return default!;
        }

        return Read(found, InputLocation.ForKey(key, parameter), reader, ref errors);
    }

    /// <summary>
    /// A parameter with a default value (or a nullable one without): a missing key gives
    /// <paramref name="defaultValue"/>; JSON <c>null</c> gives null when <paramref name="reader"/>
    /// accepts it and <paramref name="defaultValue"/> otherwise (Conductor turns an unresolved
    /// <c>${...}</c> expression into null).
    /// </summary>
    /// <inheritdoc cref="Required{T}" path="/param"/>
    /// <param name="defaultValue">The parameter's default value.</param>
    public static T Optional<T>(JsonElement input, JsonElement found, string key, string parameter, IInputReader<T> reader, T defaultValue, ref BindingErrors? errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (found.ValueKind == JsonValueKind.Undefined && !InputKeys.TryFindKey(input, key, out found))
        {
            return defaultValue;
        }

        if (found.ValueKind == JsonValueKind.Null && !reader.AcceptsNull)
        {
            return defaultValue;
        }

        return Read(found, InputLocation.ForKey(key, parameter), reader, ref errors);
    }

    /// <summary>A <see cref="TaskInputAttribute"/> parameter: the whole <c>inputData</c> object.</summary>
    public static T WholeInput<T>(JsonElement input, string parameter, IInputReader<T> reader, ref BindingErrors? errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(input, InputLocation.ForWholeInput(parameter), reader, ref errors);
    }

    /// <summary>The result that fails the task with every problem found.</summary>
    public static WorkerResult Failure(BindingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return WorkerResult.InvalidInput(errors.ToReason());
    }

    /// <summary>A JSON string (valid UTF-8).</summary>
    public static bool TryString(JsonElement value, out string result)
    {
        if (value.ValueKind == JsonValueKind.String && JsonScalars.StringOf(value) is { } text)
        {
            result = text;
            return true;
        }

        result = null!;
        return false;
    }

    /// <summary>A JSON number that is a whole number within <see cref="int"/>, written without fraction or exponent.</summary>
    public static bool TryInt32(JsonElement value, out int result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out result);
    }

    /// <summary>A JSON number that is a whole number within <see cref="long"/>, written without fraction or exponent.</summary>
    public static bool TryInt64(JsonElement value, out long result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out result);
    }

    /// <summary>A JSON number within <see cref="double"/>'s range.</summary>
    public static bool TryDouble(JsonElement value, out double result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out result) && double.IsFinite(result);
    }

    /// <summary>A JSON number within <see cref="decimal"/>'s range.</summary>
    public static bool TryDecimal(JsonElement value, out decimal result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out result);
    }

    /// <summary>JSON <c>true</c> or <c>false</c>.</summary>
    public static bool TryBoolean(JsonElement value, out bool result)
    {
        result = value.ValueKind == JsonValueKind.True;
        return result || value.ValueKind == JsonValueKind.False;
    }

    /// <summary>A GUID string in its usual form (<c>"d"</c>: 32 digits in groups, with hyphens).</summary>
    public static bool TryGuid(JsonElement value, out Guid result)
    {
        result = default;
        return value.ValueKind == JsonValueKind.String && value.TryGetGuid(out result);
    }

    /// <summary>An ISO-8601 date and time string.</summary>
    public static bool TryDateTimeOffset(JsonElement value, out DateTimeOffset result)
    {
        result = default;
        return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out result);
    }

    private static T Read<T>(JsonElement value, InputLocation location, IInputReader<T> reader, ref BindingErrors? errors)
    {
        if (errors is not null)
        {
            return reader.Read(value, location, errors);
        }

        // Taken off the thread while in use, so that a reader that binds another task (a
        // converter calling a worker) gets a list of its own.
        var spare = t_spareErrors ?? new BindingErrors();
        t_spareErrors = null;
        var result = reader.Read(value, location, spare);
        if (spare.Count > 0)
        {
            errors = spare;
        }
        else
        {
            t_spareErrors = spare;
        }

        return result;
    }
}
