using System.Globalization;
using System.Text.RegularExpressions;

namespace Conductor.Generated.Testing;

/// <summary>The WAIT task's <c>duration</c> and <c>until</c> forms, as DateTimeUtils parses them.</summary>
internal static partial class WaitTimes
{
    /// <summary>
    /// DateTimeUtils#parseDuration: days, hours, minutes and seconds in that order, each
    /// optional (<c>"1 hour"</c>, <c>"30s"</c>, <c>"2d 3h"</c>, <c>"5 mins 10 secs"</c>). Seconds; null when not valid.
    /// </summary>
    public static long? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        long Part(int group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return (Part(1) * 86400) + (((Part(2) * 60) + Part(3)) * 60) + Part(4);
    }

    /// <summary>
    /// DateTimeUtils#parseDate: <c>yyyy-MM-dd HH:mm</c>, <c>yyyy-MM-dd HH:mm z</c> or
    /// <c>yyyy-MM-dd</c>; without a zone the time is UTC (the real server's JVM zone, UTC in its
    /// images). Zones: UTC, GMT, Z or an offset such as +05:30. Null when not valid.
    /// </summary>
    public static DateTimeOffset? ParseUntil(string text)
    {
        text = text.Trim();
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, styles, out var plain))
        {
            return new DateTimeOffset(plain, TimeSpan.Zero);
        }

        var space = text.LastIndexOf(' ');
        if (space < 0 || !DateTime.TryParseExact(text[..space], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, styles, out var local))
        {
            return null;
        }

        var zone = text[(space + 1)..];
        TimeSpan offset;
        if (zone is "UTC" or "GMT" or "Z")
        {
            offset = TimeSpan.Zero;
        }
        else if (!TimeSpan.TryParseExact(zone.TrimStart('+', '-'), ["hh\\:mm", "hhmm"], CultureInfo.InvariantCulture, out offset) || zone[0] is not ('+' or '-'))
        {
            return null;
        }
        else if (zone[0] == '-')
        {
            offset = -offset;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    [GeneratedRegex(@"^\s*(?:(\d+)\s*(?:days?|d))?\s*(?:(\d+)\s*(?:hours?|hrs?|h))?\s*(?:(\d+)\s*(?:minutes?|mins?|m))?\s*(?:(\d+)\s*(?:seconds?|secs?|s))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
