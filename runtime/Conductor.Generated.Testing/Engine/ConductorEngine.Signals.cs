using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Signals to blocked tasks and the synchronous answers of execute and signal
/// (TaskServiceImpl#signalTask, WorkflowSignalResponder#awaitSignalResponse, NotificationResult#toResponse).
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>How often a synchronous request looks at the workflow again (WorkflowSignalResponder, 100 ms).</summary>
    private static readonly TimeSpan SignalCheckInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Completes (or fails) the first pending WAIT task of the workflow, or of a running
    /// sub-workflow, with <paramref name="output"/> merged into its output
    /// (TaskServiceImpl#signalTask and #findPendingBlockingTask). The task's id, or null when
    /// nothing is blocked.
    /// </summary>
    public string? SignalTask(string workflowId, TaskResultStatus status, JsonObject? output)
    {
        TaskExecution? pending;
        lock (_gate)
        {
            pending = FindPendingBlockingTask(WorkflowOrNotFound(workflowId));
        }

        if (pending is null)
        {
            return null;
        }

        return UpdateTaskByReferenceName(pending.WorkflowInstanceId, pending.ReferenceTaskName, status, workerId: null, output)?.TaskId;
    }

    /// <summary>
    /// Waits, checking every 100 ms of real time, until the workflow has ended or is blocked (a
    /// pending WAIT task, or a task named in <paramref name="taskRefs"/> that has ended, in it or a
    /// running sub-workflow), then answers as <paramref name="strategy"/> asks; at
    /// <paramref name="timeout"/> it answers with the workflow as it is and signalTimeout true.
    /// </summary>
    public async Task<SignalResponse?> AwaitSignalResponseAsync(
        string workflowId, IReadOnlyList<string> taskRefs, string strategy, string requestId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            lock (_gate)
            {
                var workflow = WorkflowOrNotFound(workflowId);
                var blocking = new List<(TaskExecution Task, WorkflowState Workflow)>();
                FindBlockingTasks(workflow, taskRefs, blocking);
                if (workflow.IsEnded || blocking.Count > 0)
                {
                    return ToSignalResponse(workflow, blocking, strategy, requestId, signalTimeout: false);
                }

                if (TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline) <= TimeSpan.Zero)
                {
                    return ToSignalResponse(workflow, [], strategy, requestId, signalTimeout: true);
                }
            }

            await Task.Delay(SignalCheckInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private TaskExecution? FindPendingBlockingTask(WorkflowState workflow)
    {
        var execution = workflow.Execution;
        var wait = execution.Tasks.Find(task => task.TaskType == "WAIT" && !task.Status.IsTerminal());
        if (wait is not null)
        {
            return wait;
        }

        foreach (var task in execution.Tasks.Where(task => task.TaskType == "SUB_WORKFLOW" && !task.Status.IsTerminal()))
        {
            if (SubWorkflowOf(task) is { } child && FindPendingBlockingTask(child) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>WorkflowSignalResponder#findBlockingTasks.</summary>
    private void FindBlockingTasks(WorkflowState workflow, IReadOnlyList<string> taskRefs, List<(TaskExecution Task, WorkflowState Workflow)> blocking)
    {
        foreach (var task in workflow.Execution.Tasks)
        {
            // A WAIT blocks only while it waits for a task update: one with a duration or an
            // `until` has a waitTimeout (WaitTaskMapper#setCallbackAfter) and ends by itself.
            if (task.TaskType == "WAIT" && !task.Status.IsTerminal() && (!_tasks.TryGetValue(task.TaskId, out var state) || state.DueAt == 0))
            {
                blocking.Add((task, workflow));
            }

            if (task.Status.IsTerminal() && taskRefs.Any(reference => reference.Trim() == task.ReferenceTaskName))
            {
                blocking.Add((task, workflow));
            }

            if (task.TaskType == "SUB_WORKFLOW" && !task.Status.IsTerminal() && SubWorkflowOf(task) is { } child)
            {
                FindBlockingTasks(child, taskRefs, blocking);
            }
        }
    }

    /// <summary>The run a SUB_WORKFLOW task started, by the <c>subWorkflowId</c> in its output.</summary>
    private WorkflowState? SubWorkflowOf(TaskExecution task) =>
        task.OutputData["subWorkflowId"] is JsonValue id && id.TryGetValue<string>(out var text) ? _workflows.GetValueOrDefault(text) : null;

    /// <summary>NotificationResult#toResponse.</summary>
    private static SignalResponse? ToSignalResponse(
        WorkflowState target, List<(TaskExecution Task, WorkflowState Workflow)> blocking, string strategy, string requestId, bool signalTimeout)
    {
        if (blocking.Count == 0)
        {
            return strategy is "TARGET_WORKFLOW" or "BLOCKING_WORKFLOW" ? WorkflowRun(target, target, strategy, requestId, signalTimeout) : null;
        }

        var (task, blockingWorkflow) = blocking[0];
        return strategy switch
        {
            "BLOCKING_WORKFLOW" => WorkflowRun(blockingWorkflow, target, strategy, requestId, signalTimeout),
            "BLOCKING_TASK" or "BLOCKING_TASK_INPUT" => TaskRun(task, target, strategy, requestId, signalTimeout),
            _ => WorkflowRun(target, target, strategy, requestId, signalTimeout),
        };
    }

    private static SignalResponse WorkflowRun(WorkflowState shown, WorkflowState target, string strategy, string requestId, bool signalTimeout)
    {
        var execution = shown.Execution;
        var response = Answer(
            target, strategy, requestId, signalTimeout, execution.WorkflowId, execution.CorrelationId, execution.Input, execution.Output,
            execution.Priority, execution.CreateTime, execution.UpdateTime, ConductorNames.Of(execution.Status));
        response.Variables = CopyObject(execution.Variables);
        response.Tasks = [.. execution.Tasks.Select(task => Copy(task, ServerJsonContext.Default.TaskExecution))];
        return response;
    }

    private static SignalResponse TaskRun(TaskExecution task, WorkflowState target, string strategy, string requestId, bool signalTimeout)
    {
        var response = Answer(
            target, strategy, requestId, signalTimeout, task.WorkflowInstanceId, task.CorrelationId, task.InputData, task.OutputData,
            task.WorkflowPriority, task.StartTime, task.UpdateTime, ConductorNames.Of(task.Status));
        response.TaskType = task.TaskType;
        response.TaskId = task.TaskId;
        response.ReferenceTaskName = task.ReferenceTaskName;
        response.RetryCount = task.RetryCount;
        response.TaskDefName = task.TaskDefName;
        response.RetriedTaskId = task.RetriedTaskId;
        response.WorkflowType = task.WorkflowType;
        response.ReasonForIncompletion = task.ReasonForIncompletion;
        response.CreatedBy = task.WorkerId;
        return response;
    }

    /// <summary>The fields a WorkflowRun and a TaskRun answer share; input and output are copied.</summary>
    private static SignalResponse Answer(
        WorkflowState target, string strategy, string requestId, bool signalTimeout, string? workflowId, string? correlationId,
        JsonObject? input, JsonObject? output, int priority, long createTime, long updateTime, string status) => new()
    {
        ResponseType = strategy,
        TargetWorkflowId = target.Execution.WorkflowId,
        TargetWorkflowStatus = ConductorNames.Of(target.Execution.Status),
        RequestId = requestId,
        WorkflowId = workflowId,
        CorrelationId = correlationId,
        Input = CopyObject(input),
        Output = CopyObject(output),
        SignalTimeout = signalTimeout,
        Priority = priority,
        CreateTime = createTime,
        UpdateTime = updateTime,
        Status = status,
    };
}
