using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Interop.Tests;

/// <summary>
/// The .NET side of the interop workflows: generated dispatch, run by ConductorWorkerHost.
/// Their task names start with <c>interop_</c>; the <c>js_</c> tasks run in the JavaScript worker.
/// </summary>
public static class InteropWorkers
{
    public const string Prefix = "interop_";

    /// <summary>Takes what the JavaScript worker echoed and shouts it, counting its words.</summary>
    [WorkerTask("interop_shout", Concurrency = 4, PollIntervalMs = 50)]
    public static Shout Shout(string text, string[] words, TaskContext context)
    {
        context.Log($"shouting {words.Length} words");
        return new Shout(text.ToUpperInvariant() + "!", words.Length);
    }
}

public sealed record Shout(string Message, int WordCount);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Shout))]
internal sealed partial class InteropJsonContext : JsonSerializerContext;
