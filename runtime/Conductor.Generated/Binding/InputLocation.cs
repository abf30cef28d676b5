using System.ComponentModel;
using System.Globalization;

namespace Conductor.Generated.Binding;

/// <summary>
/// Where a value being bound came from: the worker parameter and the path of <c>inputData</c> keys
/// and array indexes that led to it. Binding error messages start with it. The path text is only
/// built when an error needs it, so binding a large array allocates no path per element.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct InputLocation : IEquatable<InputLocation>
{
    private const int NoIndex = -1;

    // The path is kept in parts (the parent's path plus one key or index) and joined on demand.
    private readonly string? _parentPath;
    private readonly string? _key;
    private readonly int _index;
    private readonly bool _isTopLevelKey;

    private InputLocation(string parameterName, string? parentPath, string? key, int index, bool isTopLevelKey)
    {
        ParameterName = parameterName;
        _parentPath = parentPath;
        _key = key;
        _index = index;
        _isTopLevelKey = isTopLevelKey;
    }

    /// <summary>The worker method's parameter being bound.</summary>
    public string ParameterName { get; }

    /// <summary>The path inside <c>inputData</c> (<c>items[2].sku</c>), or <see langword="null"/> for the whole object.</summary>
    public string? KeyPath =>
        _index != NoIndex ? (_parentPath ?? "") + "[" + _index.ToString(CultureInfo.InvariantCulture) + "]"
        : _key is null ? null
        : _isTopLevelKey ? _key
        : MemberPath(_parentPath, _key);

    /// <summary>The value of <c>inputData</c> key <paramref name="key"/>, bound to <paramref name="parameterName"/>.</summary>
    public static InputLocation ForKey(string key, string parameterName) => new(parameterName, null, key, NoIndex, isTopLevelKey: true);

    /// <summary>The whole <c>inputData</c> object, bound to <paramref name="parameterName"/>.</summary>
    public static InputLocation ForWholeInput(string parameterName) => new(parameterName, null, null, NoIndex, isTopLevelKey: false);

    /// <summary>The element at <paramref name="index"/> of the array at this location.</summary>
    public InputLocation AtIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new(ParameterName, KeyPath, null, index, isTopLevelKey: false);
    }

    /// <summary>The member <paramref name="key"/> of the object at this location.</summary>
    public InputLocation AtKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(ParameterName, KeyPath, key, NoIndex, isTopLevelKey: false);
    }

    /// <inheritdoc/>
    public override string ToString() => KeyPath is { } path
        ? $"Input '{path}' (parameter '{ParameterName}')"
        : $"Input (parameter '{ParameterName}', the whole inputData)";

    /// <inheritdoc/>
    public bool Equals(InputLocation other) =>
        string.Equals(ParameterName, other.ParameterName, StringComparison.Ordinal) && string.Equals(KeyPath, other.KeyPath, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is InputLocation other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ParameterName, KeyPath);

    /// <summary>Whether two locations name the same parameter and path.</summary>
    public static bool operator ==(InputLocation left, InputLocation right) => left.Equals(right);

    /// <summary>Whether two locations differ.</summary>
    public static bool operator !=(InputLocation left, InputLocation right) => !left.Equals(right);

    private static string MemberPath(string? parentPath, string key) =>
        IsPlainName(key)
            ? (parentPath is null ? key : parentPath + "." + key)
            : (parentPath ?? "") + "[\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";

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
