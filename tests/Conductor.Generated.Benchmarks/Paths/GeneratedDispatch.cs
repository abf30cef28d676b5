using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// The per-task path of this library: the runtime's own JSON context reads the poll answer
/// (as <c>ConductorClient.PollBatchAsync</c> does), the generated invoker binds and calls the
/// worker, <see cref="WorkerExecution"/> maps the outcome to a result with the host's rules, and
/// the result body is written as <c>ConductorClient.UpdateTaskAsync</c> writes it.
/// </summary>
/// <remarks>
/// Left out, as for every path: the HTTP exchange, and the host's logs, metrics and traces
/// around a task.
/// </remarks>
internal sealed class GeneratedDispatch(WorkerDefinition worker)
{
    public async ValueTask<byte[]> ExecuteAsync(byte[] pollResponse)
    {
        var tasks = JsonSerializer.Deserialize(pollResponse, ConductorJsonContext.Default.ListConductorTask)!;
        var context = new TaskContext(tasks[0], Workloads.PollResponses.WorkerId);
        var result = await WorkerExecution.ExecuteAsync(worker, context).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(result, ConductorJsonContext.Default.TaskResult);
    }
}
