using System.Text.Json;
using System.Text.Json.Nodes;
using Conductor.Generated.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conductor.Generated.Testing;

/// <summary>
/// Calls one generated worker directly, with no server and no polling, and returns what the
/// worker host would report for it: the quickest way to test binding, output, failures and
/// callbacks of a worker.
/// </summary>
/// <example>
/// <code>
/// var result = await WorkerTester.InvokeAsync(ConductorWorkers.Greet, """{"name":"Ada"}""");
/// Assert.Equal(TaskExecutionStatus.Completed, result.Status);
/// Assert.Equal("Hello Ada!", (string?)result.Output["message"]);
/// </code>
/// </example>
public static class WorkerTester
{
    /// <summary>Runs <paramref name="worker"/> on a task whose <c>inputData</c> is <paramref name="inputJson"/>.</summary>
    /// <param name="worker">The worker, typically a field of the generated <c>ConductorWorkers</c>.</param>
    /// <param name="inputJson">The task's input: a JSON object.</param>
    /// <param name="options">The ids and counters of the task; the defaults of <see cref="WorkerInvocationOptions"/> when null.</param>
    /// <param name="cancellationToken">
    /// The worker's token. Cancelling it is what stopping the host does: a worker that gives up on
    /// it is reported <c>FAILED</c> with the reason <c>worker stopped before finishing</c>.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="inputJson"/> is not a JSON object.</exception>
    public static Task<WorkerInvocationResult> InvokeAsync(WorkerDefinition worker, string inputJson, WorkerInvocationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(inputJson);
        return InvokeAsync(worker, ParseInput(inputJson), options, cancellationToken);
    }

    /// <summary>Runs <paramref name="worker"/> on a task whose <c>inputData</c> is <paramref name="input"/> (an empty object when null).</summary>
    /// <param name="worker">The worker, typically a field of the generated <c>ConductorWorkers</c>.</param>
    /// <param name="input">The task's input.</param>
    /// <param name="options">The ids and counters of the task; the defaults of <see cref="WorkerInvocationOptions"/> when null.</param>
    /// <param name="cancellationToken">The worker's token; see the other overload.</param>
    public static Task<WorkerInvocationResult> InvokeAsync(WorkerDefinition worker, JsonObject? input = null, WorkerInvocationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return InvokeAsync(worker, ParseInput(input?.ToJsonString() ?? "{}"), options, cancellationToken);
    }

    /// <summary>Runs <paramref name="worker"/> on the task of <paramref name="context"/>, for full control over what the worker sees.</summary>
    /// <param name="worker">The worker, typically a field of the generated <c>ConductorWorkers</c>.</param>
    /// <param name="context">The task, as the host would create it from a polled <see cref="ConductorTask"/>.</param>
    /// <param name="cancellationToken">The worker's token; see the other overloads.</param>
    public static async Task<WorkerInvocationResult> InvokeAsync(WorkerDefinition worker, TaskContext context, CancellationToken cancellationToken = default)
    {
        var taskResult = await WorkerExecution.ExecuteAsync(worker, context, cancellationToken).ConfigureAwait(false);
        return new WorkerInvocationResult(taskResult);
    }

    private static async Task<WorkerInvocationResult> InvokeAsync(WorkerDefinition worker, JsonElement input, WorkerInvocationOptions? options, CancellationToken cancellationToken)
    {
        options ??= new WorkerInvocationOptions();
        var task = new ConductorTask
        {
            TaskId = options.TaskId,
            TaskType = worker.TaskName,
            TaskDefName = worker.TaskName,
            Status = "IN_PROGRESS",
            InputData = input,
            ReferenceTaskName = options.ReferenceTaskName ?? worker.TaskName,
            WorkflowInstanceId = options.WorkflowInstanceId,
            WorkflowType = options.WorkflowType,
            CorrelationId = options.CorrelationId,
            Domain = options.Domain,
            RetryCount = options.RetryCount,
            PollCount = options.PollCount,
            Iteration = options.Iteration,
            ScheduledTime = options.ScheduledAt?.ToUnixTimeMilliseconds() ?? 0,
            WorkerId = options.WorkerId,
        };
        if (options.Services is null)
        {
            return await InvokeAsync(worker, new TaskContext(task, options.WorkerId), cancellationToken).ConfigureAwait(false);
        }

        var scope = options.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await InvokeAsync(worker, new TaskContext(task, options.WorkerId, scope.ServiceProvider), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The input as an element that outlives its document, checked to be an object as Conductor's always is.</summary>
    private static JsonElement ParseInput(string inputJson)
    {
        JsonElement input;
        try
        {
            using var document = JsonDocument.Parse(inputJson);
            input = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The input is not valid JSON: {exception.Message}", nameof(inputJson), exception);
        }

        return input.ValueKind == JsonValueKind.Object
            ? input
            : throw new ArgumentException($"A task's input is a JSON object; got a JSON {input.ValueKind.ToString().ToLowerInvariant()}.", nameof(inputJson));
    }
}
