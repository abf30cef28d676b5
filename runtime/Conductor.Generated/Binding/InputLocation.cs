using System.ComponentModel;
using System.Globalization;

namespace Conductor.Generated.Binding;

/// <summary>
/// Where a value being bound came from: the worker parameter and the path of <c>inputData</c> keys
/// and array indexes that led to it. Binding error messages start with it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct InputLocation
{
    private InputLocation(string parameterName, string? keyPath)
    {
        ParameterName = parameterName;
        KeyPath = keyPath;
    }

    /// <summary>The worker method's parameter being bound.</summary>
    public string ParameterName { get; }

    /// <summary>The path inside <c>inputData</c> (<c>items[2].sku</c>), or <see langword="null"/> for the whole object.</summary>
    public string? KeyPath { get; }

    /// <summary>The value of <c>inputData</c> key <paramref name="key"/>, bound to <paramref name="parameterName"/>.</summary>
    public static InputLocation ForKey(string key, string parameterName) => new(parameterName, key);

    /// <summary>The whole <c>inputData</c> object, bound to <paramref name="parameterName"/>.</summary>
    public static InputLocation ForWholeInput(string parameterName) => new(parameterName, null);

    /// <summary>The element at <paramref name="index"/> of the array at this location.</summary>
    public InputLocation AtIndex(int index) =>
        new(ParameterName, (KeyPath ?? "") + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");

    /// <summary>The member <paramref name="key"/> of the object at this location.</summary>
    public InputLocation AtKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var member = IsPlainName(key) ? key : "[\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";
        var path = KeyPath is null ? member
            : member.StartsWith('[') ? KeyPath + member
            : KeyPath + "." + member;
        return new(ParameterName, path);
    }

    /// <inheritdoc/>
    public override string ToString() => KeyPath is null
        ? $"Input (parameter '{ParameterName}', the whole inputData)"
        : $"Input '{KeyPath}' (parameter '{ParameterName}')";

    private static bool IsPlainName(string key)
    {
        if (key.Length == 0 || char.IsAsciiDigit(key[0]))
        {
            return false;
        }

        foreach (var character in key)
        {
            if (!char.IsAsciiLetterOrDigit(character) && character is not '_' and not '-')
            {
                return false;
            }
        }

        return true;
    }
}
