using Conductor.Generated.Client;
using Conductor.Generated.Polling;

namespace Conductor.Generated;

/// <summary>
/// Runs one worker on one task the way <see cref="ConductorWorkerHost"/> does, and returns the
/// <see cref="TaskResult"/> the host would report to the server, without a server: for tests,
/// and for hosts of your own.
/// </summary>
public static class WorkerExecution
{
    /// <summary>
    /// Binds the task's input, runs the worker and maps what happened to a result with the
    /// runtime's rules: a return is <c>COMPLETED</c> (or <c>IN_PROGRESS</c> with
    /// <c>callbackAfterSeconds</c> after <see cref="TaskContext.CallbackAfter"/>); a binding failure
    /// or a <see cref="NonRetryableException"/> is <c>FAILED_WITH_TERMINAL_ERROR</c>; any other
    /// exception is <c>FAILED</c> with its message as the reason and its stack trace as a log line;
    /// an <see cref="OperationCanceledException"/> once <paramref name="cancellationToken"/> is
    /// cancelled is <c>FAILED</c> as when the host stops. The lines the worker logged through
    /// <paramref name="context"/> come with the result. Never throws because of the worker.
    /// </summary>
    /// <remarks>Unlike the host, it writes no logs, metrics or traces.</remarks>
    /// <param name="worker">The worker, typically a field of the generated <c>ConductorWorkers</c>.</param>
    /// <param name="context">The task the worker runs; build one from a <see cref="ConductorTask"/>.</param>
    /// <param name="cancellationToken">The token the worker receives, cancelled when the host stops.</param>
    public static async Task<TaskResult> ExecuteAsync(WorkerDefinition worker, TaskContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await TaskOutcome.RunAsync(worker.Invoker, context, responseTimeout: null, stopping: cancellationToken, workerToken: cancellationToken).ConfigureAwait(false);
        return outcome.Result;
    }
}
