using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>Workflows: start, wait, read the path taken.</summary>
public sealed partial class ConductorTestEnvironment
{
    /// <summary>How deep sub-workflows are followed when a run is read; deeper ones are not listed.</summary>
    private const int MaxSubWorkflowDepth = 32;

    /// <summary>
    /// Registers <paramref name="definition"/> (replacing one of the same name and version), starts
    /// it with <paramref name="input"/> and returns the run once it ended.
    /// </summary>
    /// <exception cref="ArgumentException">The definition breaks one of the server's constraints, or a SIMPLE task in it has no worker in this environment.</exception>
    /// <exception cref="TimeoutException">The workflow had not ended within the timeout; the message says where each task stood.</exception>
    public async Task<WorkflowRun> RunWorkflowAsync(WorkflowDef definition, JsonObject? input = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var workflowId = StartWorkflow(definition, input);
        return await WaitForWorkflowAsync(workflowId, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the registered workflow <paramref name="name"/> (the highest version unless one is
    /// given) with <paramref name="input"/> and returns the run once it ended. Tasks of workers that
    /// poll a domain are sent to that domain.
    /// </summary>
    /// <exception cref="ArgumentException">No such workflow definition, or a SIMPLE task in it has no worker in this environment.</exception>
    /// <exception cref="TimeoutException">The workflow had not ended within the timeout; the message says where each task stood.</exception>
    public async Task<WorkflowRun> RunWorkflowAsync(
        string name,
        JsonObject? input = null,
        TimeSpan? timeout = null,
        int? version = null,
        string? correlationId = null,
        CancellationToken cancellationToken = default)
    {
        var workflowId = StartWorkflow(name, input, version, correlationId);
        return await WaitForWorkflowAsync(workflowId, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers <paramref name="definition"/> (replacing one of the same name and version) and
    /// starts it without waiting; returns the workflow id for <see cref="WaitForWorkflowAsync"/> and
    /// <see cref="GetWorkflowRun"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The definition breaks one of the server's constraints, or a SIMPLE task in it has no worker in this environment.</exception>
    public string StartWorkflow(WorkflowDef definition, JsonObject? input = null, string? correlationId = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ThrowIfUnserved(definition);
        Server.RegisterWorkflowDef(definition);
        return StartRegistered(definition.Name!, input, definition.Version, correlationId);
    }

    /// <summary>
    /// Starts the registered workflow <paramref name="name"/> (the highest version unless one is
    /// given) without waiting; returns the workflow id.
    /// </summary>
    /// <exception cref="ArgumentException">No such workflow definition, or a SIMPLE task in it has no worker in this environment.</exception>
    public string StartWorkflow(string name, JsonObject? input = null, int? version = null, string? correlationId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var definition = Server.Engine.FindWorkflowDef(name, version)
            ?? throw new ArgumentException($"No such workflow defined. name={name}, version={ConductorNames.Version(version)}", nameof(name));
        ThrowIfUnserved(definition);
        return StartRegistered(name, input, version, correlationId);
    }

    /// <summary>
    /// Waits until the workflow ends and returns the run. With <see cref="TimeSkipping"/> on, the
    /// virtual clock jumps to the next due time whenever the environment is idle meanwhile.
    /// </summary>
    /// <param name="workflowId">The id from <see cref="StartWorkflow(string, JsonObject?, int?, string?)"/> or the server.</param>
    /// <param name="timeout">How long to wait, in real time; <see cref="ConductorTestEnvironmentOptions.DefaultTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait (not the workflow).</param>
    /// <exception cref="ArgumentException">There is no such workflow.</exception>
    /// <exception cref="TimeoutException">The workflow had not ended within the timeout; the message says where each task stood and what kept time from moving.</exception>
    public async Task<WorkflowRun> WaitForWorkflowAsync(string workflowId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        var workflow = await WaitForEndAsync(workflowId, timeout ?? _options.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        return ReadRun(workflow);
    }

    /// <summary>
    /// The workflow as it stands now, ended or not: its steps so far, sub-workflows' included.
    /// To read it at a quiet moment, call <see cref="WaitUntilIdleAsync"/> first.
    /// </summary>
    /// <exception cref="ArgumentException">There is no such workflow.</exception>
    public WorkflowRun GetWorkflowRun(string workflowId)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        var workflow = Server.Engine.GetWorkflow(workflowId)
            ?? throw new ArgumentException($"No such workflow found by id: {workflowId}", nameof(workflowId));
        return ReadRun(workflow);
    }

    private string StartRegistered(string name, JsonObject? input, int? version, string? correlationId) =>
        Server.StartWorkflow(name, input, version, correlationId, _taskToDomain.Count == 0 ? null : _taskToDomain);

    /// <summary>
    /// Refuses a definition with a SIMPLE task that no worker of the environment polls for: it
    /// would wait in its queue until the test timed out. Nested tasks (in switch cases, forks,
    /// loops, inline sub-workflow definitions) count too.
    /// </summary>
    private void ThrowIfUnserved(WorkflowDef definition)
    {
        var json = JsonSerializer.SerializeToNode(definition, ServerJsonContext.Default.WorkflowDef);
        var unserved = new List<string>();
        CollectUnserved(json, unserved);
        if (unserved.Count > 0)
        {
            throw new ArgumentException(
                $"Workflow '{definition.Name}' has SIMPLE tasks that no worker of this environment polls for, so they would never run: {string.Join(", ", unserved)}. "
                + $"Add their workers, or stubs (TaskStub.Returns(\"{unserved[0].Split(' ')[0]}\", output)). Workers: {string.Join(", ", _taskNames)}.",
                nameof(definition));
        }
    }

    private void CollectUnserved(JsonNode? node, List<string> unserved)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectUnserved(item, unserved);
                }

                break;
            case JsonObject value:
                if (value["taskReferenceName"] is JsonValue reference
                    && value["name"] is JsonValue nameValue
                    && nameValue.TryGetValue<string>(out var name)
                    && (value["type"] is not JsonValue type || (type.TryGetValue<string>(out var typeName) && typeName == WorkflowTaskTypes.Simple))
                    && !_taskNames.Contains(name))
                {
                    var entry = $"{name} (as {reference})";
                    if (!unserved.Contains(entry))
                    {
                        unserved.Add(entry);
                    }
                }

                foreach (var (key, child) in value)
                {
                    if (key is not ("inputParameters" or "outputParameters"))
                    {
                        CollectUnserved(child, unserved);
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>The run with its steps: the workflow's tasks grouped by reference name, each sub-workflow's after the task that started it.</summary>
    private WorkflowRun ReadRun(WorkflowExecution workflow)
    {
        var attempts = new List<(string Name, WorkflowExecution Workflow, TaskExecution Attempt)>();
        CollectAttempts(workflow, prefix: "", depth: 0, attempts);

        var steps = new List<TaskRun>();
        foreach (var group in attempts.GroupBy(entry => entry.Name, StringComparer.Ordinal))
        {
            var stepAttempts = group.Select(entry => entry.Attempt).ToList();
            var logs = Server.GetTaskLogs(stepAttempts[^1].TaskId).Select(line => line.Log ?? "").ToList();
            steps.Add(new TaskRun(group.Last().Workflow, stepAttempts, logs, group.Key));
        }

        return new WorkflowRun(workflow, steps);
    }

    private void CollectAttempts(WorkflowExecution workflow, string prefix, int depth, List<(string, WorkflowExecution, TaskExecution)> attempts)
    {
        foreach (var task in workflow.Tasks)
        {
            var name = prefix + task.ReferenceTaskName;
            attempts.Add((name, workflow, task));
            if (depth < MaxSubWorkflowDepth
                && SubWorkflowId(task) is { } subWorkflowId
                && subWorkflowId != workflow.WorkflowId
                && Server.Engine.GetWorkflow(subWorkflowId) is { } subWorkflow)
            {
                CollectAttempts(subWorkflow, name + "/", depth + 1, attempts);
            }
        }
    }

    /// <summary>The sub-workflow a task started: its own field, else its output's, else its input's (TaskModel#getSubWorkflowId).</summary>
    private static string? SubWorkflowId(TaskExecution task)
    {
        var json = JsonSerializer.SerializeToNode(task, ServerJsonContext.Default.TaskExecution) as JsonObject;
        return Text(json?["subWorkflowId"]) ?? Text(task.OutputData["subWorkflowId"]) ?? Text(task.InputData["subWorkflowId"]);

        static string? Text(JsonNode? node) =>
            node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrEmpty(text) ? text : null;
    }
}
