using System.Globalization;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>
/// The conversions behind the scalar readers. Numbers are accepted as JSON numbers and as
/// strings holding a number (<c>"42"</c>): workflow expressions often produce strings.
/// </summary>
internal static class JsonScalars
{
    /// <summary>Reads a whole number, as a JSON number or a numeric string; <c>1.0</c> and <c>1e3</c> count as whole.</summary>
    public static bool TryGetWholeNumber(JsonElement value, decimal minimum, decimal maximum, out decimal result)
    {
        result = 0;
        if (!TryGetDecimal(value, out var number) || number != decimal.Truncate(number))
        {
            return false;
        }

        if (number < minimum || number > maximum)
        {
            return false;
        }

        result = number;
        return true;
    }

    public static bool TryGetDecimal(JsonElement value, out decimal result)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDecimal(out result);
            case JsonValueKind.String:
                return decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
            default:
                result = 0;
                return false;
        }
    }

    public static bool TryGetDouble(JsonElement value, out double result)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out result);
            case JsonValueKind.String:
                return double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
            default:
                result = 0;
                return false;
        }
    }

    public static bool TryGetSingle(JsonElement value, out float result)
    {
        result = 0;
        if (!TryGetDouble(value, out var number))
        {
            return false;
        }

        if (double.IsFinite(number) && Math.Abs(number) > float.MaxValue)
        {
            return false;
        }

        result = (float)number;
        return true;
    }

    public static bool TryGetBoolean(JsonElement value, out bool result)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                result = true;
                return true;
            case JsonValueKind.False:
                result = false;
                return true;
            case JsonValueKind.String:
                return bool.TryParse(value.GetString(), out result);
            default:
                result = false;
                return false;
        }
    }

    public static bool TryGetString(JsonElement value, out string result)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            result = value.GetString()!;
            return true;
        }

        result = "";
        return false;
    }

    public static bool TryGetGuid(JsonElement value, out Guid result)
    {
        result = default;
        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out result);
    }

    /// <summary>ISO-8601 strings, or a JSON number of milliseconds since the Unix epoch.</summary>
    public static bool TryGetDateTimeOffset(JsonElement value, out DateTimeOffset result)
    {
        result = default;
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.TryGetDateTimeOffset(out result);
        }

        if (TryGetEpochMilliseconds(value, out var milliseconds))
        {
            result = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            return true;
        }

        return false;
    }

    /// <summary>ISO-8601 strings, or a JSON number of milliseconds since the Unix epoch (as UTC).</summary>
    public static bool TryGetDateTime(JsonElement value, out DateTime result)
    {
        result = default;
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.TryGetDateTime(out result);
        }

        if (TryGetEpochMilliseconds(value, out var milliseconds))
        {
            result = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
            return true;
        }

        return false;
    }

    /// <summary>The invariant <c>"c"</c> format (<c>[-][d.]hh:mm:ss[.fffffff]</c>) or an ISO-8601 duration (<c>PT1H30M</c>).</summary>
    public static bool TryGetTimeSpan(JsonElement value, out TimeSpan result)
    {
        result = default;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = value.GetString()!;
        return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out result)
            || Iso8601Duration.TryParse(text, out result);
    }

    private static bool TryGetEpochMilliseconds(JsonElement value, out long milliseconds)
    {
        const long MinMilliseconds = -62_135_596_800_000;
        const long MaxMilliseconds = 253_402_300_799_999;
        milliseconds = 0;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out milliseconds))
        {
            return false;
        }

        return milliseconds is >= MinMilliseconds and <= MaxMilliseconds;
    }
}
