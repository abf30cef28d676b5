using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// A what-if beside <see cref="GeneratedDispatch"/>: the same generated invoker, outcome mapping
/// and result body, but the poll answer is parsed once into a pooled <see cref="JsonDocument"/>
/// and the task is built from it by hand, with <c>inputData</c> pointing into that document
/// instead of being copied. It shows how much of the generated path's cost is the runtime's
/// way of reading the poll answer (a typed <see cref="ConductorTask"/> whose <c>inputData</c> is a
/// copy) rather than the generated binders.
/// </summary>
/// <remarks>
/// The document must outlive the task; here it does, because the result body is written before
/// it is disposed. A runtime that read tasks this way would keep each poll answer's document
/// until its tasks are reported.
/// </remarks>
internal sealed class LazyReadGeneratedDispatch(WorkerDefinition worker)
{
    public async ValueTask<byte[]> ExecuteAsync(byte[] pollResponse)
    {
        using var document = JsonDocument.Parse(pollResponse);
        var element = document.RootElement[0];
        var task = new ConductorTask
        {
            TaskId = element.GetProperty("taskId").GetString()!,
            WorkflowInstanceId = element.GetProperty("workflowInstanceId").GetString()!,
            TaskType = element.GetProperty("taskType").GetString(),
            ReferenceTaskName = element.GetProperty("referenceTaskName").GetString(),
            RetryCount = element.GetProperty("retryCount").GetInt32(),
            PollCount = element.GetProperty("pollCount").GetInt32(),
            ScheduledTime = element.GetProperty("scheduledTime").GetInt64(),
            InputData = element.GetProperty("inputData"),
        };
        var context = new TaskContext(task, Workloads.PollResponses.WorkerId);
        var result = await WorkerExecution.ExecuteAsync(worker, context).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(result, ConductorJsonContext.Default.TaskResult);
    }
}
