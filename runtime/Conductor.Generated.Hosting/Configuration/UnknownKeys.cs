using Microsoft.Extensions.Configuration;

namespace Conductor.Generated.Hosting.Configuration;

/// <summary>
/// Finds a key of the <c>Conductor</c> section that sets nothing (a typo) and fails with a
/// message that names its full path, the section it is in, the closest valid key and all of them.
/// </summary>
internal static class UnknownKeys
{
    /// <summary>How many edits (letters added, removed, changed or swapped) a typo may be from the key it meant.</summary>
    private const int MaxSuggestionDistance = 3;

    public static void Check(IConfigurationSection conductor)
    {
        foreach (var child in conductor.GetChildren())
        {
            if (!IsKnown(child.Key, ConductorSection.Keys))
            {
                throw Unknown(child, ConductorSection.Keys);
            }

            if (string.Equals(child.Key, nameof(ConductorSection.Workers), StringComparison.OrdinalIgnoreCase))
            {
                foreach (var worker in child.GetChildren())
                {
                    foreach (var setting in worker.GetChildren())
                    {
                        if (!IsKnown(setting.Key, WorkerSection.Keys))
                        {
                            throw Unknown(setting, WorkerSection.Keys);
                        }
                    }
                }
            }
        }
    }

    private static bool IsKnown(string key, string[] keys) => keys.Contains(key, StringComparer.OrdinalIgnoreCase);

    private static InvalidOperationException Unknown(IConfigurationSection entry, string[] keys)
    {
        var parent = entry.Path[..^(entry.Key.Length + 1)];
        var closest = Closest(entry.Key, keys);
        var suggestion = closest is null ? "" : $" Did you mean {closest} ({parent}{ConfigurationPath.KeyDelimiter}{closest})?";
        return new InvalidOperationException(
            $"The configuration key {entry.Path} sets nothing: {parent} has no setting '{entry.Key}'.{suggestion} The settings of {parent} are: {string.Join(", ", keys)}.");
    }

    /// <summary>The key nearest to <paramref name="key"/>, ignoring case, if it is a likely typo of it.</summary>
    internal static string? Closest(string key, string[] keys)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in keys)
        {
            var distance = Distance(key.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Min(MaxSuggestionDistance, Math.Max(1, key.Length / 2)) ? best : null;
    }

    /// <summary>The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string first, string second)
    {
        var rows = new int[first.Length + 1, second.Length + 1];
        for (var i = 0; i <= first.Length; i++)
        {
            rows[i, 0] = i;
        }

        for (var j = 0; j <= second.Length; j++)
        {
            rows[0, j] = j;
        }

        for (var i = 1; i <= first.Length; i++)
        {
            for (var j = 1; j <= second.Length; j++)
            {
                var cost = first[i - 1] == second[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(rows[i - 1, j] + 1, rows[i, j - 1] + 1), rows[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && first[i - 1] == second[j - 2] && first[i - 2] == second[j - 1])
                {
                    value = Math.Min(value, rows[i - 2, j - 2] + 1);
                }

                rows[i, j] = value;
            }
        }

        return rows[first.Length, second.Length];
    }
}
