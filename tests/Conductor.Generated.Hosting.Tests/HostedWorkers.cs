using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>The workers the hosting tests run: each takes services from its task's scope.</summary>
public static class HostedWorkers
{
    public const string FormalGreeterKey = "formal";

    [WorkerTask("hosting_greet")]
    [return: OutputParam("message")]
    public static string Greet(string name, [FromServices] Greeter greeter) => greeter.Greet(name);

    /// <summary>Takes a keyed service.</summary>
    [WorkerTask("hosting_keyed_greet")]
    [return: OutputParam("message")]
    public static string GreetFormally(string name, [FromKeyedServices(FormalGreeterKey)] Greeter greeter) => greeter.Greet(name);

    /// <summary>Takes the same scoped service twice: both parameters must be the one instance of this task's scope.</summary>
    [WorkerTask("hosting_scoped", Concurrency = 4)]
    public static ScopeReport UseScopedResource([FromServices] TaskScopedResource first, [FromServices] TaskScopedResource second)
        => new(first.Id.ToString("N"), second.Id.ToString("N"));

    /// <summary>Runs until released by the test or cancelled by the host's shutdown.</summary>
    [WorkerTask("hosting_slow")]
    [return: OutputParam("released")]
    public static async Task<bool> WaitForRelease([FromServices] SlowTaskGate gate, CancellationToken cancellationToken)
    {
        gate.Started();
        await gate.Released.WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>Takes a service no test registers: starting a host with it must fail.</summary>
    [WorkerTask("hosting_unregistered")]
    [return: OutputParam("never")]
    public static string NeedsUnregistered([FromServices] IUnregisteredService missingDependency) => missingDependency.ToString() ?? "";
}

/// <summary>The output of <c>hosting_scoped</c>: the instance ids each parameter received.</summary>
public sealed record ScopeReport(string FirstId, string SecondId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ScopeReport))]
internal sealed partial class HostedWorkersJsonContext : JsonSerializerContext;
