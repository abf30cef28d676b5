using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>Scheduling one task on its own, for tests of a single worker.</summary>
public sealed partial class ConductorTestServer
{
    /// <summary>The prefix of the name of the workflow that carries a task scheduled by <see cref="EnqueueTask"/>.</summary>
    public const string SingleTaskWorkflowPrefix = "single_task_";

    /// <summary>
    /// Schedules one task of <paramref name="taskType"/> with <paramref name="input"/> as its
    /// <c>inputData</c>, taken literally (a <c>${...}</c> in it is not resolved). Conductor runs no
    /// task outside a workflow, so the task is the only step of a workflow made for it, named
    /// <c>single_task_{taskType}</c>, with the task type as the reference name: retries follow the
    /// task definition (registered, or the server's defaults) as in any workflow, and the
    /// workflow ends with the task and takes its output.
    /// </summary>
    /// <param name="taskType">The task type workers poll for.</param>
    /// <param name="input">The task's input; an empty object when null.</param>
    /// <param name="domain">The domain whose queue gets the task, for workers that poll a domain.</param>
    /// <param name="correlationId">The carrier workflow's correlation id.</param>
    /// <returns>
    /// The scheduled task. Wait for it with <see cref="WaitForWorkflowAsync"/> on its
    /// <see cref="TaskExecution.WorkflowInstanceId"/>; every attempt is in the workflow's tasks.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="taskType"/> is empty.</exception>
    public TaskExecution EnqueueTask(string taskType, JsonObject? input = null, string? domain = null, string? correlationId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskType);
        var carrier = new WorkflowDef
        {
            Name = SingleTaskWorkflowPrefix + taskType,
            Description = $"Carries one {taskType} task scheduled on its own.",
            Tasks =
            [
                new WorkflowTask
                {
                    Name = taskType,
                    TaskReferenceName = taskType,
                    InputParameters = input is null ? null : EscapeExpressions(input),
                },
            ],
        };
        var taskToDomain = string.IsNullOrEmpty(domain)
            ? null
            : new Dictionary<string, string>(StringComparer.Ordinal) { [taskType] = domain };
        var workflowId = InProcess(() => _engine.StartWorkflow(carrier, input: null, correlationId, priority: 0, taskToDomain));
        return _engine.GetWorkflow(workflowId)!.Tasks[0];
    }

    /// <summary>
    /// A copy of the input in which every <c>${</c> is written <c>$${</c>, the escape
    /// the server turns back into a literal <c>${</c> when it resolves a task's input.
    /// </summary>
    private static JsonObject EscapeExpressions(JsonObject value) =>
        new(value.Select(pair => KeyValuePair.Create(pair.Key, EscapeExpressions(pair.Value))));

    private static JsonNode? EscapeExpressions(JsonNode? node) => node switch
    {
        JsonObject value => EscapeExpressions(value),
        JsonArray array => new JsonArray([.. array.Select(EscapeExpressions)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(text.Replace("${", "$${", StringComparison.Ordinal)),
        null => null,
        _ => node.DeepClone(),
    };
}
