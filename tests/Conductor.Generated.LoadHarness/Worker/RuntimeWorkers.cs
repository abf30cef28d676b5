namespace Conductor.Generated.LoadHarness.Worker;

/// <summary>The worker tables the host runs in each mode, built from the generated ConductorWorkers.</summary>
internal static class RuntimeWorkers
{
    /// <summary>The no-op worker with the harness's concurrency and poll settings.</summary>
    public static IReadOnlyList<WorkerDefinition> NoOp(WorkerCommandLine commandLine) =>
        [ConductorWorkers.NoOp.WithSettings(Settings(commandLine))];

    /// <summary>
    /// <see cref="WorkerCommandLine.WorkerTypes"/> workers, <c>idle_0</c>, <c>idle_1</c>...,
    /// each with the no-op worker's generated invoker: what hundreds of task types cost while
    /// their queues are empty.
    /// </summary>
    public static IReadOnlyList<WorkerDefinition> Idle(WorkerCommandLine commandLine)
    {
        var settings = Settings(commandLine) with { Concurrency = 1 };
        return [.. Enumerable.Range(0, commandLine.WorkerTypes)
            .Select(index => new WorkerDefinition($"idle_{index}", ConductorWorkers.NoOp.Invoker, settings))];
    }

    /// <summary>The quickstart's three workers with the settings of their attributes.</summary>
    public static IReadOnlyList<WorkerDefinition> Quickstart() =>
        [.. ConductorWorkers.All.Where(worker => worker.TaskName != NoOpWorkers.TaskName)];

    /// <summary>
    /// <c>burst_large_input</c>: reads its input's <c>payload</c> string whole, as a generated
    /// binder of a string parameter does, and answers its length.
    /// </summary>
    public static IReadOnlyList<WorkerDefinition> Burst(WorkerCommandLine commandLine) =>
        [new WorkerDefinition("burst_large_input", ReadLargeInput, Settings(commandLine))];

    private static ValueTask<WorkerResult> ReadLargeInput(TaskContext context, CancellationToken cancellationToken)
    {
        var payload = context.Input.GetProperty("payload").GetString() ?? "";
        return ValueTask.FromResult(WorkerResult.Completed(System.Text.Encoding.UTF8.GetBytes(
            "{\"length\":" + payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}")));
    }

    private static WorkerSettings Settings(WorkerCommandLine commandLine) => new()
    {
        Concurrency = commandLine.Concurrency,
        PollTimeout = commandLine.PollTimeout,
        PollInterval = commandLine.PollInterval,
    };
}
