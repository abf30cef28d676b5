using System.Globalization;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>Reads an enum member by name (any case) or by its number, from the generated table.</summary>
internal sealed class EnumReader<T>(EnumTable<T> table) : IInputReader<T>
    where T : struct, Enum
{
    public string Expected => table.Expected;

    public bool AcceptsNull => false;

    public T Read(JsonElement value, InputLocation location, BindingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (TryRead(value, out var result))
        {
            return result;
        }

        errors.AddMismatch(location, Expected, value);
        return default;
    }

    private bool TryRead(JsonElement value, out T result)
    {
        result = default;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                if (JsonScalars.StringOf(value) is not { } text)
                {
                    return false;
                }

                return table.TryGetByName(text, out result)
                    || (decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && table.TryGetByNumber(parsed, out result));
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var number) && table.TryGetByNumber(number, out result);
            default:
                return false;
        }
    }
}
