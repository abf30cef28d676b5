using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>
/// How a parameter's key is found in a task's <c>inputData</c>: exactly, else ignoring case (the
/// first match in document order). The generated bindings try the exact keys in one pass over the
/// input and call this for a key not found there (<see cref="InputValues"/>).
/// </summary>
internal static class InputKeys
{
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
