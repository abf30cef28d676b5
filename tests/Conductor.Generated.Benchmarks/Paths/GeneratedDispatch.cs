using System.Buffers;
using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// The per-task path of this library as the worker runtime runs it: the poll answer, in an array
/// of the shared pool as the client reads it off the socket, is read once into a pooled document
/// (<c>ConductorClient.ReadPollAnswerKept</c>, the runtime's own reading), the task's input
/// pointing into it; the generated invoker binds and calls the worker, <see cref="WorkerExecution"/>
/// maps the outcome to a result with the host's rules, the result body is written as
/// <c>ConductorClient.UpdateTaskV2Async</c> writes it, and the answer goes back to the pool.
/// </summary>
/// <remarks>
/// Left out, as for every path: the HTTP exchange, and the host's logs, metrics and traces
/// around a task. The copy of the answer into the rented array stands for the socket read, and
/// is counted.
/// </remarks>
internal sealed class GeneratedDispatch(WorkerDefinition worker)
{
    public async ValueTask<byte[]> ExecuteAsync(byte[] pollResponse)
    {
        var array = ArrayPool<byte>.Shared.Rent(pollResponse.Length + 1);
        pollResponse.CopyTo(array, 0);
        var task = ConductorClient.ReadPollAnswerKept(array, pollResponse.Length).Tasks[0];
        try
        {
            var context = new TaskContext(task, Workloads.PollResponses.WorkerId);
            var result = await WorkerExecution.ExecuteAsync(worker, context).ConfigureAwait(false);
            return JsonSerializer.SerializeToUtf8Bytes(result, ConductorJsonContext.Default.TaskResult);
        }
        finally
        {
            task.ReleaseAnswer();
        }
    }
}
