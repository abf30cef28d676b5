using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Workers that stand in for tasks served elsewhere (another team's service, a worker in another
/// language), for a <see cref="ConductorTestEnvironment"/>: each is a <see cref="WorkerDefinition"/>
/// to run beside the generated ones, polled and reported through the server like any worker.
/// </summary>
/// <example>
/// <code>
/// await using var conductor = await ConductorTestEnvironment.StartAsync(
/// [
///     .. ConductorWorkers.All,
///     TaskStub.Returns("ship", new JsonObject { ["trackingId"] = "t-1" }),
///     TaskStub.Run("price", task => new JsonObject { ["total"] = (int)task.Input["qty"]! * 3 }),
///     TaskStub.FailsFirst("notify", times: 2),
/// ]);
/// </code>
/// </example>
public static class TaskStub
{
    /// <summary>A stub that completes every task of <paramref name="taskName"/> with <paramref name="output"/> (an empty output when null).</summary>
    public static WorkerDefinition Returns(string taskName, JsonObject? output = null)
    {
        var fixedOutput = output is null ? null : Serialize(output);
        return Define(taskName, (_, _) => new ValueTask<WorkerResult>(fixedOutput is null ? WorkerResult.CompletedEmpty() : WorkerResult.Completed(fixedOutput)));
    }

    /// <summary>A stub that completes every task of <paramref name="taskName"/> with the JSON object <paramref name="outputJson"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="outputJson"/> is not a JSON object.</exception>
    public static WorkerDefinition ReturnsJson(string taskName, string outputJson)
    {
        ArgumentNullException.ThrowIfNull(outputJson);
        return Returns(taskName, ParseObject(outputJson, nameof(outputJson)));
    }

    /// <summary>
    /// A stub that runs <paramref name="handler"/> for each task of <paramref name="taskName"/>: what
    /// it returns is the output (an empty one for null). An exception fails the attempt as it
    /// would fail a generated worker: <c>FAILED</c> (retried while the definition allows) with the
    /// message as the reason, or <c>FAILED_WITH_TERMINAL_ERROR</c> for a
    /// <see cref="NonRetryableException"/>. <c>task.Context.CallbackAfter(...)</c> asks to be
    /// called again later, with the output returned as the partial output.
    /// </summary>
    public static WorkerDefinition Run(string taskName, Func<StubTask, JsonObject?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Define(taskName, (context, _) => new ValueTask<WorkerResult>(Result(handler(new StubTask(context)))));
    }

    /// <summary>The asynchronous form of <see cref="Run(string, Func{StubTask, JsonObject?})"/>; the token is cancelled when the worker host stops.</summary>
    public static WorkerDefinition Run(string taskName, Func<StubTask, CancellationToken, Task<JsonObject?>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Define(taskName, async (context, cancellationToken) => Result(await handler(new StubTask(context), cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>
    /// A stub that fails every task of <paramref name="taskName"/> with <paramref name="reason"/>:
    /// <c>FAILED</c> (retried while the definition allows), or <c>FAILED_WITH_TERMINAL_ERROR</c>
    /// when <paramref name="terminal"/>.
    /// </summary>
    public static WorkerDefinition Fails(string taskName, string reason, bool terminal = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return Run(taskName, _ => throw (terminal ? new NonRetryableException(reason) : new StubFailureException(reason)));
    }

    /// <summary>
    /// A stub that fails the first <paramref name="times"/> attempts of each step with
    /// <paramref name="reason"/> (<c>FAILED</c>), then completes with <paramref name="output"/>.
    /// Attempts are counted by the server (the task's <c>retryCount</c>), so each workflow and each
    /// step counts its own. For the workflow to go on, the step needs as many retries: set
    /// <c>RetryCount</c> in its task definition (<see cref="ConductorTestEnvironmentOptions.ConfigureTaskDef"/>)
    /// or on the workflow task.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is negative.</exception>
    public static WorkerDefinition FailsFirst(string taskName, int times, JsonObject? output = null, string reason = "failing on purpose (TaskStub.FailsFirst)")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var fixedOutput = output is null ? null : Serialize(output);
        return Define(taskName, (context, _) => context.RetryCount < times
            ? throw new StubFailureException(reason)
            : new ValueTask<WorkerResult>(fixedOutput is null ? WorkerResult.CompletedEmpty() : WorkerResult.Completed(fixedOutput)));
    }

    private static WorkerDefinition Define(string taskName, WorkerInvoker invoker)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        return new WorkerDefinition(taskName, invoker);
    }

    private static WorkerResult Result(JsonObject? output) =>
        output is null ? WorkerResult.CompletedEmpty() : WorkerResult.Completed(Serialize(output));

    private static byte[] Serialize(JsonObject output) => JsonSerializer.SerializeToUtf8Bytes(output, ServerJsonContext.Default.JsonObject);

    internal static JsonObject ParseObject(string json, string parameterName)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"Not valid JSON: {exception.Message}", parameterName, exception);
        }

        return node as JsonObject
            ?? throw new ArgumentException($"Expected a JSON object; got {(node is null ? "null" : "a JSON " + node.GetValueKind().ToString().ToLowerInvariant())}.", parameterName);
    }

    /// <summary>The failure a stub throws on purpose; its message is the task's reason.</summary>
    private sealed class StubFailureException(string message) : Exception(message);
}
