using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// A what-if beside <see cref="GeneratedDispatch"/>: the same generated invoker, outcome mapping
/// and result body, with the poll answer read by <see cref="OneDocumentTaskReader"/> (one
/// document of the whole answer over a copy of it, never returned to a pool; each task's fields
/// deserialized from its element with the runtime's contract, <c>inputData</c> and
/// <c>outputData</c> skipped and then pointed into the document). This is how the runtime could
/// read tasks without copies and without a lifetime for the input; it was measured slower.
/// </summary>
internal sealed class OneDocumentGeneratedDispatch(WorkerDefinition worker)
{
    public async ValueTask<byte[]> ExecuteAsync(byte[] pollResponse)
    {
        // The client reads answers into a pooled buffer; the reader copies the answer into the array its document owns.
        var tasks = OneDocumentTaskReader.ReadBatch(pollResponse);
        var context = new TaskContext(tasks[0], Workloads.PollResponses.WorkerId);
        var result = await WorkerExecution.ExecuteAsync(worker, context).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(result, ConductorJsonContext.Default.TaskResult);
    }
}
