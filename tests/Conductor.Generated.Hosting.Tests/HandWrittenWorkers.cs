// Temporary stand-in for the generated table until the generator emits [FromServices] parameters.
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Conductor.Generated.Hosting.Tests;

internal static partial class ConductorWorkers
{
    public static WorkerDefinition Greet { get; } = new("hosting_greet", (context, _) =>
    {
        var greeter = context.Services.GetRequiredService<Greeter>();
        var name = context.Input.GetProperty("name").GetString()!;
        return ValueTask.FromResult(Output(writer => writer.WriteString("message", greeter.Greet(name))));
    })
    { ServiceDependencies = [new(typeof(Greeter), null, "greeter")] };

    public static WorkerDefinition UseScopedResource { get; } = new("hosting_scoped", (context, _) =>
    {
        var first = context.Services.GetRequiredService<TaskScopedResource>();
        var second = context.Services.GetRequiredService<TaskScopedResource>();
        return ValueTask.FromResult(Output(writer =>
        {
            writer.WriteString("firstId", first.Id.ToString("N"));
            writer.WriteString("secondId", second.Id.ToString("N"));
        }));
    }, new WorkerSettings { Concurrency = 4 })
    { ServiceDependencies = [new(typeof(TaskScopedResource), null, "first"), new(typeof(TaskScopedResource), null, "second")] };

    public static WorkerDefinition WaitForRelease { get; } = new("hosting_slow", async (context, cancellationToken) =>
    {
        var gate = context.Services.GetRequiredService<SlowTaskGate>();
        gate.Started();
        await gate.Released.WaitAsync(cancellationToken);
        return Output(writer => writer.WriteBoolean("released", true));
    })
    { ServiceDependencies = [new(typeof(SlowTaskGate), null, "gate")] };

    public static WorkerDefinition NeedsUnregistered { get; } = new("hosting_unregistered", (context, _) =>
        ValueTask.FromResult(Output(writer => writer.WriteString("never", context.Services.GetRequiredService<IUnregisteredService>().ToString()))))
    { ServiceDependencies = [new(typeof(IUnregisteredService), null, "missingDependency")] };

    private static WorkerResult Output(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return WorkerResult.Completed(stream.ToArray());
    }
}

public sealed record ScopeReport(string FirstId, string SecondId);
