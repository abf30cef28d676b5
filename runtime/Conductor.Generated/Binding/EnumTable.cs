using System.ComponentModel;
using System.Globalization;

namespace Conductor.Generated.Binding;

/// <summary>
/// The names and numbers of an enum's members, generated at compile time so that binding needs
/// no reflection over the enum.
/// </summary>
/// <typeparam name="T">The enum type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EnumTable<T>
    where T : struct, Enum
{
    private const int MaxNamesInMessage = 12;

    private readonly Dictionary<string, T> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<decimal, T> _byNumber = [];
    private readonly Dictionary<T, string> _nameOf = [];
    private readonly Dictionary<T, decimal> _numberOf = [];

    /// <summary>Creates the table from each member's name, value and underlying number.</summary>
    public EnumTable(IEnumerable<(string Name, T Value, decimal Number)> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var names = new List<string>();
        foreach (var (name, value, number) in members)
        {
            _byName.TryAdd(name, value);
            _byNumber.TryAdd(number, value);
            _nameOf.TryAdd(value, name);
            _numberOf.TryAdd(value, number);
            names.Add(name);
        }

        var shown = names.Count <= MaxNamesInMessage ? string.Join(", ", names) : string.Join(", ", names.Take(MaxNamesInMessage)) + ", …";
        Expected = names.Count == 0 ? "a defined member of " + typeof(T).Name : "one of " + shown + " (or its number)";
    }

    /// <summary>What a reader of the enum accepts, for error messages.</summary>
    public string Expected { get; }

    /// <summary>Finds the member named <paramref name="name"/>, ignoring case.</summary>
    public bool TryGetByName(string name, out T value) => _byName.TryGetValue(name.Trim(), out value);

    /// <summary>Finds the member whose number is <paramref name="number"/>.</summary>
    public bool TryGetByNumber(decimal number, out T value) => _byNumber.TryGetValue(number, out value);

    /// <summary>The declared name of <paramref name="value"/>, or <see langword="null"/> when it is no single member (flag combinations).</summary>
    public string? GetName(T value) => _nameOf.GetValueOrDefault(value);

    /// <summary>The number of <paramref name="value"/> when it is a declared member.</summary>
    public bool TryGetNumber(T value, out decimal number) => _numberOf.TryGetValue(value, out number);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{typeof(T).Name} ({_byName.Count} members)");
}
