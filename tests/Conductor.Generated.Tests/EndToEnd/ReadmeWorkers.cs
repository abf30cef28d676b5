using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>The README's <c>greet</c> worker, which its test example runs.</summary>
public static class ReadmeWorkers
{
    [WorkerTask("greet")]
    public static ReadmeGreeting Greet(string name, [InputParam("times")] int repeat = 1)
        => new(string.Join(" ", Enumerable.Repeat($"Hello {name}!", repeat)));
}

public sealed record ReadmeGreeting(string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReadmeGreeting))]
internal sealed partial class ReadmeJsonContext : JsonSerializerContext;
