using System.Globalization;
using System.Text;

namespace Conductor.Generated.Configuration;

/// <summary>
/// Reads per-worker settings from environment variables in the spellings the other Conductor
/// SDKs accept, so one deployment can configure workers written in any language the same way.
/// </summary>
/// <remarks>
/// For a task <c>send_email</c> and the property <c>pollInterval</c>, the variables read are,
/// from the weakest to the strongest: <c>conductor.worker.all.pollInterval</c> /
/// <c>CONDUCTOR_WORKER_ALL_POLL_INTERVAL</c>, then <c>conductor.worker.send_email.pollInterval</c> /
/// <c>CONDUCTOR_WORKER_SEND_EMAIL_POLL_INTERVAL</c>. Within one level the dotted spelling wins
/// over the upper-case one. Every property may have aliases (other SDKs' names for it).
/// </remarks>
internal static class EnvironmentWorkerSettings
{
    /// <summary>The scope name that applies to every worker.</summary>
    public const string AllWorkers = "all";

    /// <summary>A property name as other SDKs spell it, and how its text changes the settings.</summary>
    private sealed record Property(string Name, Func<WorkerSettings, string, WorkerSettings?> Apply);

    /// <summary>The properties understood, each with its aliases; the first name is the canonical one.</summary>
    private static readonly Property[][] Properties =
    [
        [
            new("pollInterval", static (settings, text) => Milliseconds(text) is { } value ? settings with { PollInterval = value } : null),
            new("pollIntervalMillis", static (settings, text) => Milliseconds(text) is { } value ? settings with { PollInterval = value } : null),
        ],
        [
            new("pollTimeout", static (settings, text) => Milliseconds(text) is { } value ? settings with { PollTimeout = value } : null),
            new("pollTimeoutMillis", static (settings, text) => Milliseconds(text) is { } value ? settings with { PollTimeout = value } : null),
        ],
        [
            new("threadCount", static (settings, text) => Integer(text) is { } value ? settings with { Concurrency = value } : null),
            new("concurrency", static (settings, text) => Integer(text) is { } value ? settings with { Concurrency = value } : null),
        ],
        [
            new("domain", static (settings, text) => settings with { Domain = text.Length == 0 ? null : text }),
        ],
        [
            new("paused", static (settings, text) => Boolean(text) is { } value ? settings with { Paused = value } : null),
        ],
        [
            new("leaseExtendEnabled", static (settings, text) => Boolean(text) is { } value ? settings with { LeaseExtension = value } : null),
            new("leaseExtension", static (settings, text) => Boolean(text) is { } value ? settings with { LeaseExtension = value } : null),
        ],
    ];

    /// <summary>
    /// Returns <paramref name="settings"/> with every property found in the environment applied,
    /// all-workers values first, then the worker's own. <paramref name="applied"/> hears of each
    /// variable used. Throws <see cref="InvalidOperationException"/> naming a variable whose value
    /// cannot be read.
    /// </summary>
    public static WorkerSettings Apply(
        string taskName, WorkerSettings settings, Func<string, string?> readVariable, Action<string, string>? applied = null)
    {
        foreach (var scope in new[] { AllWorkers, taskName })
        {
            foreach (var aliases in Properties)
            {
                if (Find(scope, aliases, readVariable) is not var (property, variable, text))
                {
                    continue;
                }

                settings = property.Apply(settings, text.Trim())
                    ?? throw new InvalidOperationException(
                        $"Worker '{taskName}': the environment variable {variable} has the value '{text}', which is not a valid {property.Name}.");
                applied?.Invoke(aliases[0].Name, variable);
            }
        }

        return settings;
    }

    /// <summary>The names of the variables that set <paramref name="property"/> for <paramref name="scope"/>, strongest first.</summary>
    public static IEnumerable<string> VariableNames(string scope, string property) =>
        [$"conductor.worker.{scope}.{property}", $"CONDUCTOR_WORKER_{UpperCaseTaskName(scope)}_{UpperSnake(property)}"];

    private static (Property Property, string Variable, string Text)? Find(string scope, Property[] aliases, Func<string, string?> readVariable)
    {
        // Dotted spellings of every alias first, then the upper-case ones.
        foreach (var spelling in new[] { 0, 1 })
        {
            foreach (var property in aliases)
            {
                var variable = VariableNames(scope, property.Name).ElementAt(spelling);
                if (readVariable(variable) is { } text)
                {
                    return (property, variable, text);
                }
            }
        }

        return null;
    }

    /// <summary>A task name as upper-case variables spell it: <c>send-email</c> and <c>send_email</c> to <c>SEND_EMAIL</c>.</summary>
    internal static string UpperCaseTaskName(string taskName)
    {
        var upper = new StringBuilder(taskName.Length);
        foreach (var character in taskName)
        {
            upper.Append(char.IsAsciiLetterOrDigit(character) ? char.ToUpperInvariant(character) : '_');
        }

        return upper.ToString();
    }

    /// <summary>A camelCase property name in upper snake case: <c>pollInterval</c> to <c>POLL_INTERVAL</c>.</summary>
    internal static string UpperSnake(string name)
    {
        var upper = new StringBuilder(name.Length + 8);
        for (var index = 0; index < name.Length; index++)
        {
            var character = name[index];
            if (char.IsUpper(character) && index > 0 && char.IsLower(name[index - 1]))
            {
                upper.Append('_');
            }

            upper.Append(char.IsAsciiLetterOrDigit(character) ? char.ToUpperInvariant(character) : '_');
        }

        return upper.ToString();
    }

    private static TimeSpan? Milliseconds(string text) =>
        Integer(text) is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null;

    private static int? Integer(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool? Boolean(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "ON" => true,
        "FALSE" or "0" or "NO" or "OFF" => false,
        _ => null,
    };
}
