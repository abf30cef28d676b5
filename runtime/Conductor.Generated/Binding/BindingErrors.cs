using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>
/// The problems found while binding one task's input. Binding goes on after a problem so that
/// the task fails once with every problem listed, not once per problem.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BindingErrors
{
    /// <summary>Conductor shows at most this many characters of a reason for incompletion.</summary>
    public const int MaxReasonLength = 500;

    private readonly List<string> _messages = [];

    /// <summary>How many problems were found.</summary>
    public int Count => _messages.Count;

    /// <summary>The problems, one sentence each, in the order they were found.</summary>
    public IReadOnlyList<string> Messages => _messages;

    /// <summary>Records a problem at <paramref name="location"/>; <paramref name="problem"/> completes the sentence.</summary>
    public void Add(InputLocation location, string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _messages.Add(location + ": " + problem);
    }

    /// <summary>Records that the value at <paramref name="location"/> is not what the parameter needs.</summary>
    public void AddMismatch(InputLocation location, string expected, JsonElement actual) =>
        Add(location, "expected " + expected + ", got " + JsonValueDescription.Describe(actual) + ".");

    /// <summary>Records that a required key is absent from <c>inputData</c>.</summary>
    public void AddMissing(InputLocation location, string expected) =>
        Add(location, "the key is missing from inputData; expected " + expected + ".");

    /// <summary>
    /// All problems as one reason of at most <see cref="MaxReasonLength"/> characters, one per line;
    /// problems that do not fit are counted at the end.
    /// </summary>
    public string ToReason()
    {
        if (_messages.Count == 0)
        {
            return "";
        }

        var reason = new StringBuilder();
        for (var index = 0; index < _messages.Count; index++)
        {
            var message = _messages[index];
            var separator = reason.Length == 0 ? "" : "\n";
            var remaining = _messages.Count - index - 1;
            var room = MaxReasonLength - reason.Length - separator.Length
                - (remaining == 0 ? 0 : MoreErrorsSuffix(remaining).Length);
            if (message.Length <= room)
            {
                reason.Append(separator).Append(message);
                continue;
            }

            if (reason.Length == 0)
            {
                // Not even the first problem fits: cut it, it is still the most useful line.
                var suffix = MoreErrorsSuffix(_messages.Count - 1);
                var cut = Math.Max(0, MaxReasonLength - suffix.Length - 1);
                reason.Append(message, 0, Math.Min(cut, message.Length)).Append('…').Append(suffix);
                return reason.ToString();
            }

            reason.Append(MoreErrorsSuffix(_messages.Count - index));
            return reason.ToString();
        }

        return reason.ToString();
    }

    private static string MoreErrorsSuffix(int count) => count == 0
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"\n(and {count} more input {(count == 1 ? "error" : "errors")})");
}
