using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.ExternalPayloads;

/// <summary>Workers whose inputs and outputs go through the server's external payload storage; task names start with <c>xp_</c>.</summary>
public static class ExternalPayloadWorkers
{
    public const string Prefix = "xp_";

    /// <summary>Has defaults for every input: with the input unread, it would complete with them.</summary>
    [WorkerTask("xp_greet")]
    public static Greeting GreetWithDefaults(TaskContext context, string name = "nobody", int times = 1)
        => new(name.Length + "x" + times + ":" + name[..Math.Min(8, name.Length)], context.InputWasExternal);

    /// <summary>Returns a text of the asked length, to make outputs of a given size.</summary>
    [WorkerTask("xp_produce")]
    public static Produced Produce(int length) => new(new string('o', length), length);
}

public sealed record Greeting(string Text, bool InputWasExternal);

public sealed record Produced(string Text, int Length);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Produced))]
internal sealed partial class ExternalPayloadJsonContext : JsonSerializerContext;
