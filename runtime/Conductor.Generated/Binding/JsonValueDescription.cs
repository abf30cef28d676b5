using System.ComponentModel;
using System.Text.Json;

namespace Conductor.Generated.Binding;

/// <summary>Short descriptions of JSON values for error messages: the kind and an excerpt.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonValueDescription
{
    /// <summary>The longest excerpt of a value quoted in an error message.</summary>
    public const int MaxExcerptLength = 40;

    /// <summary>Describes <paramref name="value"/>: <c>the string "many"</c>, <c>the number 1.5</c>, <c>null</c>, <c>an object {...}</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "the string " + Excerpt(value),
        JsonValueKind.Number => "the number " + Excerpt(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object " + Excerpt(value),
        JsonValueKind.Array => "an array " + Excerpt(value),
        _ => "no value",
    };

    private static string Excerpt(JsonElement value)
    {
        string text;
        try
        {
            text = value.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return "(not valid UTF-8)";
        }

        return text.Length <= MaxExcerptLength ? text : string.Concat(text.AsSpan(0, MaxExcerptLength), "…");
    }
}
