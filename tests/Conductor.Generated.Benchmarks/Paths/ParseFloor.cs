using System.Text.Json;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// What no dispatch path can avoid: reading the poll answer once. The time and allocations of
/// these passes are the floor the others are compared with.
/// </summary>
internal static class ParseFloor
{
    /// <summary>Parses the answer into a <see cref="JsonDocument"/> (pooled buffers, a few small objects).</summary>
    public static int ParseDocument(byte[] pollResponse)
    {
        using var document = JsonDocument.Parse(pollResponse);
        return document.RootElement.GetArrayLength();
    }

    /// <summary>One <see cref="Utf8JsonReader"/> pass over every token: no allocation at all.</summary>
    public static int ReadTokens(byte[] pollResponse)
    {
        var reader = new Utf8JsonReader(pollResponse);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}
