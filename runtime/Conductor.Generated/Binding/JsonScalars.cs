using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conductor.Generated.Binding;

/// <summary>
/// The conversions behind the scalar readers. Numbers are accepted as JSON numbers and as
/// strings holding a number (<c>"42"</c>): workflow expressions often produce strings.
/// </summary>
internal static partial class JsonScalars
{
    /// <summary>Reads a whole number, as a JSON number or a numeric string; <c>1.0</c> and <c>1e3</c> count as whole.</summary>
    public static bool TryGetWholeNumber(JsonElement value, decimal minimum, decimal maximum, out decimal result)
    {
        result = 0;
        if (!TryGetDecimal(value, out var number) || number != decimal.Truncate(number) || !HasNoFraction(value))
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

    /// <summary>
    /// Whether the number's text has no fractional digit other than zero. Decimal parsing rounds
    /// to 28 digits and turns <c>4.2e-62</c> into 0, so the check is made on the text itself.
    /// </summary>
    private static bool HasNoFraction(JsonElement value)
    {
        var text = ((value.ValueKind == JsonValueKind.String ? StringOf(value) : value.GetRawText()) ?? "").AsSpan().Trim();
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            text = text[1..];
        }

        var exponent = 0L;
        var exponentAt = text.IndexOfAny('e', 'E');
        if (exponentAt >= 0)
        {
            if (!long.TryParse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                // An exponent beyond long: decimal parsing has refused such a number already unless its digits are all zero.
                return text[..exponentAt].IndexOfAnyExcept("0.") < 0;
            }

            text = text[..exponentAt];
        }

        var point = text.IndexOf('.');
        var integerDigits = point < 0 ? text.Length : point;
        var digits = point < 0 ? text.ToString() : string.Concat(text[..point], text[(point + 1)..]);
        var firstFractionDigit = integerDigits + exponent;
        for (var index = Math.Max(0L, firstFractionDigit); index < digits.Length; index++)
        {
            if (digits[(int)index] != '0')
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryGetDecimal(JsonElement value, out decimal result)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDecimal(out result);
            case JsonValueKind.String:
                return decimal.TryParse(StringOf(value), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>
    /// The string's text, or <see langword="null"/> when it is not valid UTF-8 (JSON from the
    /// server is read without decoding every string; such a string can never bind, so it is a
    /// binding error, not an exception).
    /// </summary>
    internal static string? StringOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException) when (value.ValueKind == JsonValueKind.String)
        {
            return null;
        }
    }

    public static bool TryGetDouble(JsonElement value, out double result)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                // A number beyond double's range (1e400) parses as an infinity: out of range,
                // as it is for float, decimal and the integers.
                return value.TryGetDouble(out result) && double.IsFinite(result);
            case JsonValueKind.String:
                var text = StringOf(value);
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out result)
                    && (double.IsFinite(result) || IsNonFiniteName(text));
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>The names of the non-finite values a string may hold on purpose ("NaN", "Infinity", "-Infinity", ...).</summary>
    private static bool IsNonFiniteName(string? text)
    {
        var name = text.AsSpan().Trim().TrimStart("+-");
        return name.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Infinity", StringComparison.OrdinalIgnoreCase)
            || name.Equals("∞", StringComparison.Ordinal);
    }

    public static bool TryGetSingle(JsonElement value, out float result)
    {
        result = 0;
        if (!TryGetDouble(value, out var number))
        {
            return false;
        }

        // Within range when it rounds to a finite float: "3.4028235E+38", float.MaxValue as written, is.
        if (double.IsFinite(number) && float.IsInfinity((float)number))
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
                return bool.TryParse(StringOf(value), out result);
            default:
                result = false;
                return false;
        }
    }

    public static bool TryGetString(JsonElement value, out string result)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = StringOf(value);
            result = text ?? "";
            return text is not null;
        }

        result = "";
        return false;
    }

    /// <summary>A string of exactly one UTF-16 character.</summary>
    public static bool TryGetChar(JsonElement value, out char result)
    {
        result = default;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = StringOf(value);
        if (text is not { Length: 1 })
        {
            return false;
        }

        result = text[0];
        return true;
    }

    /// <summary>A number, or a string holding one, within the range of <see cref="Half"/> (NaN and infinities as strings).</summary>
    public static bool TryGetHalf(JsonElement value, out Half result)
    {
        result = default;
        if (!TryGetDouble(value, out var number))
        {
            return false;
        }

        result = (Half)number;
        return double.IsFinite(number) == Half.IsFinite(result);
    }

    /// <summary>An ISO-8601 date: <c>"2024-05-31"</c>.</summary>
    public static bool TryGetDateOnly(JsonElement value, out DateOnly result)
    {
        result = default;
        return value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(StringOf(value), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out result);
    }

    /// <summary>An ISO-8601 time of day: <c>"13:45"</c>, <c>"13:45:30"</c> or with fractions of a second.</summary>
    public static bool TryGetTimeOnly(JsonElement value, out TimeOnly result)
    {
        result = default;
        return value.ValueKind == JsonValueKind.String
            && StringOf(value) is { } text
            && TimeOfDayPattern().IsMatch(text)
            && TimeOnly.TryParseExact(text, TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out result);
    }

    private static readonly string[] TimeOfDayFormats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];

    /// <summary>An absolute or relative URI string.</summary>
    public static bool TryGetUri(JsonElement value, out Uri result)
    {
        Uri? uri = null;
        var parsed = value.ValueKind == JsonValueKind.String && Uri.TryCreate(StringOf(value), UriKind.RelativeOrAbsolute, out uri);
        result = uri!;
        return parsed;
    }

    /// <summary>A version string: <c>"1.2"</c> to <c>"1.2.3.4"</c>, numbers of at most 9 digits, nothing else around them.</summary>
    public static bool TryGetVersion(JsonElement value, out Version result)
    {
        Version? version = null;
        var parsed = value.ValueKind == JsonValueKind.String && StringOf(value) is { } text && VersionPattern().IsMatch(text) && Version.TryParse(text, out version);
        result = version!;
        return parsed;
    }

    // The generated input schema states these same patterns (WorkerGenerator.SchemaBuilder): what a
    // pattern matches binds, anything else is refused. \z, not $: "$" would allow a final newline.
    [GeneratedRegex(@"^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,7})?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDayPattern();

    [GeneratedRegex(@"^[0-9]{1,9}(?:\.[0-9]{1,9}){1,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(
        @"^-?(?:(?:[0-9]{1,7}\.)?(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,7})?|P(?=[0-9]|T[0-9])(?:[0-9]{1,5}W)?(?:[0-9]{1,6}D)?(?:T(?=[0-9])(?:[0-9]{1,7}H)?(?:[0-9]{1,8}M)?(?:[0-9]{1,9}(?:\.[0-9]{1,7})?S)?)?)\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex TimeSpanPattern();

    /// <summary>A base64 string (as System.Text.Json writes bytes), or an array of numbers from 0 to 255.</summary>
    public static bool TryGetBytes(JsonElement value, out byte[] result)
    {
        result = [];
        if (value.ValueKind == JsonValueKind.String)
        {
            var decoded = value.TryGetBytesFromBase64(out var bytesFromBase64);
            result = bytesFromBase64 ?? [];
            return decoded;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var bytes = new byte[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetByte(out bytes[index++]))
            {
                return false;
            }
        }

        result = bytes;
        return true;
    }

    public static bool TryGetGuid(JsonElement value, out Guid result)
    {
        result = default;
        return value.ValueKind == JsonValueKind.String && Guid.TryParse(StringOf(value), out result);
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

    /// <summary>
    /// The invariant <c>"c"</c> format (<c>[-][d.]hh:mm:ss[.fffffff]</c>, at most 7 digits of days) or
    /// an ISO-8601 duration of weeks, days, hours, minutes and seconds (<c>PT1H30M</c>), as the schema's pattern says.
    /// </summary>
    public static bool TryGetTimeSpan(JsonElement value, out TimeSpan result)
    {
        result = default;
        if (value.ValueKind != JsonValueKind.String || StringOf(value) is not { } text || !TimeSpanPattern().IsMatch(text))
        {
            return false;
        }

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
