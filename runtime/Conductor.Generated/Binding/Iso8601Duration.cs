using System.Globalization;

namespace Conductor.Generated.Binding;

/// <summary>
/// Parses the ISO-8601 durations that have an exact length: <c>P3D</c>, <c>PT1H30M</c>,
/// <c>P1DT2.5S</c>, <c>P2W</c>, with an optional leading minus. Years and months are refused:
/// their length depends on the calendar.
/// </summary>
internal static class Iso8601Duration
{
    public static bool TryParse(string text, out TimeSpan result)
    {
        result = default;
        var span = text.AsSpan().Trim();
        var negative = false;
        if (span.StartsWith("-"))
        {
            negative = true;
            span = span[1..];
        }

        if (span.Length < 2 || (span[0] != 'P' && span[0] != 'p'))
        {
            return false;
        }

        span = span[1..];
        var inTimePart = false;
        var sawComponent = false;
        decimal seconds = 0;
        while (!span.IsEmpty)
        {
            if (span[0] is 'T' or 't')
            {
                if (inTimePart)
                {
                    return false;
                }

                inTimePart = true;
                span = span[1..];
                continue;
            }

            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] is '.' or ','))
            {
                numberLength++;
            }

            if (numberLength == 0 || numberLength == span.Length)
            {
                return false;
            }

            var numberText = span[..numberLength].ToString().Replace(',', '.');
            if (!decimal.TryParse(numberText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitSeconds = (char.ToUpperInvariant(span[numberLength]), inTimePart) switch
            {
                ('W', false) => 7m * 86_400,
                ('D', false) => 86_400m,
                ('H', true) => 3_600m,
                ('M', true) => 60m,
                ('S', true) => 1m,
                _ => 0m,
            };
            if (unitSeconds == 0)
            {
                return false;
            }

            seconds += number * unitSeconds;
            sawComponent = true;
            span = span[(numberLength + 1)..];
        }

        if (!sawComponent || seconds >= (decimal)TimeSpan.MaxValue.TotalSeconds - 1)
        {
            return false;
        }

        var ticks = (long)decimal.Round(seconds * TimeSpan.TicksPerSecond);
        result = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }
}
