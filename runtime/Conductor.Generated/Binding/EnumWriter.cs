using System.Globalization;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>Writes an enum member by its name, from the generated table.</summary>
internal sealed class EnumWriter<T>(EnumTable<T> table) : IOutputWriter<T>
    where T : struct, Enum
{
    public bool IsJsonObject(T value) => false;

    public void Write(Utf8JsonWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (table.GetName(value) is { } name)
        {
            writer.WriteStringValue(name);
        }
        else
        {
            // A flag combination or an undeclared value: its number is the only faithful form.
            writer.WriteRawValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }
}
