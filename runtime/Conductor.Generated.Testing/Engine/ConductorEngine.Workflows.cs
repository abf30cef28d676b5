using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Starting, advancing and ending workflow runs (WorkflowExecutor and DeciderService, reduced to
/// SIMPLE tasks in sequence).
/// </summary>
internal sealed partial class ConductorEngine
{
    private const int MaxReasonLength = 500;

    /// <summary>Starts a run of <paramref name="definition"/> and schedules its first task.</summary>
    public string StartWorkflow(WorkflowDef definition, JsonObject? input, string? correlationId, int priority, Dictionary<string, string>? taskToDomain)
    {
        var errors = new List<ValidationError>();
        DefinitionValidator.Validate(definition, "startWorkflow.arg0.workflowDef", errors);
        DefinitionValidator.ThrowIfInvalid(errors);

        lock (_gate)
        {
            var now = Now;
            var storedDefinition = Copy(definition, ServerJsonContext.Default.WorkflowDef);
            var execution = new WorkflowExecution
            {
                WorkflowId = Guid.NewGuid().ToString(),
                WorkflowName = storedDefinition.Name,
                WorkflowVersion = storedDefinition.Version,
                CorrelationId = correlationId,
                Status = WorkflowStatus.Running,
                Input = CopyObject(input),
                TaskToDomain = taskToDomain is null ? null : new Dictionary<string, string>(taskToDomain, StringComparer.Ordinal),
                Priority = priority,
                CreateTime = now,
                UpdateTime = now,
                // Shared, not copied: stored definitions never change and leave the lock only inside copies.
                WorkflowDefinition = storedDefinition,
            };

            var workflow = new WorkflowState(execution, storedDefinition);
            _workflows[execution.WorkflowId] = workflow;
            ServerLog.WorkflowStarted(_logger, execution.WorkflowId, execution.WorkflowName, execution.WorkflowVersion);
            ScheduleTask(workflow, storedDefinition.Tasks![0], retryOf: null, delaySeconds: 0);
            return execution.WorkflowId;
        }
    }

    /// <summary>Terminates a run (<c>DELETE /api/workflow/{workflowId}</c>).</summary>
    public void TerminateWorkflow(string workflowId, string? reason)
    {
        lock (_gate)
        {
            var workflow = _workflows.GetValueOrDefault(workflowId)
                ?? throw ConductorApiException.NotFound($"No such workflow found by id: {workflowId}");
            switch (workflow.Execution.Status)
            {
                case WorkflowStatus.Completed:
                    throw ConductorApiException.Conflict("Cannot terminate a COMPLETED workflow.");
                case WorkflowStatus.Terminated:
                    return;
                default:
                    EndWorkflow(workflow, WorkflowStatus.Terminated, reason, failedTask: null);
                    return;
            }
        }
    }

    /// <summary>Schedules one attempt of <paramref name="step"/>; a retry when <paramref name="retryOf"/> is set.</summary>
    private void ScheduleTask(WorkflowState workflow, WorkflowTask step, TaskExecution? retryOf, int delaySeconds)
    {
        var now = Now;
        var name = step.Name!;
        // Shared, not copied: a registered definition is replaced on update, never changed.
        var taskDef = _taskDefinitions.TryGetValue(name, out var registered)
            ? registered
            : new TaskDef { Name = name }; // the real server's ad-hoc definition: all defaults

        var execution = workflow.Execution;
        var task = new TaskExecution
        {
            TaskId = Guid.NewGuid().ToString(),
            TaskType = name,
            TaskDefName = name,
            Status = TaskExecutionStatus.Scheduled,
            InputData = ResolveTaskInput(workflow, step, taskDef),
            ReferenceTaskName = step.TaskReferenceName!,
            WorkflowInstanceId = execution.WorkflowId,
            WorkflowType = execution.WorkflowName,
            CorrelationId = execution.CorrelationId,
            Domain = DomainFor(execution, name),
            RetryCount = retryOf is null ? 0 : retryOf.RetryCount + 1,
            RetriedTaskId = retryOf?.TaskId,
            ReasonForIncompletion = retryOf?.ReasonForIncompletion,
            Seq = execution.Tasks.Count + 1,
            CallbackAfterSeconds = delaySeconds,
            StartDelayInSeconds = delaySeconds,
            ResponseTimeoutSeconds = taskDef.ResponseTimeoutSeconds,
            WorkflowPriority = execution.Priority,
            ScheduledTime = now,
            UpdateTime = now,
            WorkflowTask = step, // part of the run's private definition, which never changes
            TaskDefinition = taskDef,
        };

        execution.Tasks.Add(task);
        execution.UpdateTime = now;
        _tasks[task.TaskId] = new TaskState(task, workflow);
        _activeTaskIds.Add(task.TaskId);

        var queueName = ConductorNames.QueueName(task.TaskType, task.Domain);
        Queue(queueName).Push(task.TaskId, now + (delaySeconds * 1000L));
        ServerLog.TaskScheduled(_logger, task.TaskId, task.ReferenceTaskName, task.RetryCount, queueName);
    }

    private static JsonObject ResolveTaskInput(WorkflowState workflow, WorkflowTask step, TaskDef taskDef)
    {
        var template = CopyObject(step.InputParameters);
        if (taskDef.InputTemplate is { } defaults)
        {
            foreach (var (key, value) in defaults)
            {
                if (!template.ContainsKey(key))
                {
                    template[key] = value?.DeepClone();
                }
            }
        }

        var resolved = ParameterResolver.ResolveObject(template, ExpressionContext(workflow));
        if (taskDef.InputTemplate is { } fallback)
        {
            // A key that resolved to null takes the task definition's default, as on the real server.
            foreach (var key in resolved.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
            {
                if (fallback.TryGetPropertyValue(key, out var value))
                {
                    resolved[key] = value?.DeepClone();
                }
            }
        }

        return resolved;
    }

    /// <summary>What <c>${...}</c> expressions read: <c>workflow</c> and each task by reference name.</summary>
    private static JsonObject ExpressionContext(WorkflowState workflow)
    {
        var execution = workflow.Execution;
        var context = new JsonObject
        {
            ["workflow"] = new JsonObject
            {
                ["input"] = execution.Input.DeepClone(),
                ["output"] = execution.Output.DeepClone(),
                ["status"] = ConductorNames.Of(execution.Status),
                ["workflowId"] = execution.WorkflowId,
                ["workflowType"] = execution.WorkflowName,
                ["version"] = execution.WorkflowVersion,
                ["correlationId"] = execution.CorrelationId,
                ["reasonForIncompletion"] = execution.ReasonForIncompletion,
                ["schemaVersion"] = workflow.Definition.SchemaVersion,
                ["variables"] = execution.Variables.DeepClone(),
            },
        };

        // Later attempts of a step replace earlier ones: expressions see the latest retry.
        foreach (var task in execution.Tasks)
        {
            context[task.ReferenceTaskName] = new JsonObject
            {
                ["input"] = task.InputData.DeepClone(),
                ["output"] = task.OutputData.DeepClone(),
                ["taskType"] = task.TaskType,
                ["status"] = ConductorNames.Of(task.Status),
                ["referenceTaskName"] = task.ReferenceTaskName,
                ["retryCount"] = task.RetryCount,
                ["correlationId"] = task.CorrelationId,
                ["pollCount"] = task.PollCount,
                ["taskDefName"] = task.TaskDefName,
                ["scheduledTime"] = task.ScheduledTime,
                ["startTime"] = task.StartTime,
                ["endTime"] = task.EndTime,
                ["workflowInstanceId"] = task.WorkflowInstanceId,
                ["taskId"] = task.TaskId,
                ["reasonForIncompletion"] = task.ReasonForIncompletion,
                ["callbackAfterSeconds"] = task.CallbackAfterSeconds,
                ["workerId"] = task.WorkerId,
                ["iteration"] = task.Iteration,
            };
        }

        return context;
    }

    /// <summary>Moves the workflow on after <paramref name="task"/> reached a terminal status.</summary>
    private void Decide(WorkflowState workflow, TaskExecution task)
    {
        _activeTaskIds.Remove(task.TaskId);
        if (workflow.IsEnded || task.Executed)
        {
            return;
        }

        task.Executed = true;
        var step = StepOf(workflow, task);
        if (task.Status == TaskExecutionStatus.Completed)
        {
            ScheduleNextOrComplete(workflow, task);
            return;
        }

        if (task.Status.IsRetriable() && RetriesLeft(step, task))
        {
            task.Retried = true;
            ScheduleTask(workflow, step ?? task.WorkflowTask!, task, RetryDelaySeconds(CurrentTaskDef(task), task.RetryCount));
            return;
        }

        if (step?.Optional == true)
        {
            // An optional step that failed for good lets the workflow go on.
            task.Status = TaskExecutionStatus.CompletedWithErrors;
            ScheduleNextOrComplete(workflow, task);
            return;
        }

        var workflowStatus = task.Status switch
        {
            TaskExecutionStatus.TimedOut => WorkflowStatus.TimedOut,
            TaskExecutionStatus.Canceled => WorkflowStatus.Terminated,
            _ => WorkflowStatus.Failed,
        };
        var reason = $"Task {task.TaskId} failed with status: {ConductorNames.Of(workflowStatus)} and reason: '{task.ReasonForIncompletion ?? "null"}'";
        EndWorkflow(workflow, workflowStatus, reason, task);
    }

    private void ScheduleNextOrComplete(WorkflowState workflow, TaskExecution finished)
    {
        var steps = workflow.Definition.Tasks!;
        var index = steps.FindIndex(step => step.TaskReferenceName == finished.ReferenceTaskName);
        if (index >= 0 && index + 1 < steps.Count)
        {
            ScheduleTask(workflow, steps[index + 1], retryOf: null, delaySeconds: 0);
            return;
        }

        EndWorkflow(workflow, WorkflowStatus.Completed, reason: null, failedTask: null);
    }

    /// <summary>Ends the run: cancels what is still pending, computes the output, wakes waiters.</summary>
    private void EndWorkflow(WorkflowState workflow, WorkflowStatus status, string? reason, TaskExecution? failedTask)
    {
        var now = Now;
        var execution = workflow.Execution;
        execution.Status = status;
        execution.ReasonForIncompletion = reason;
        execution.EndTime = now;
        execution.UpdateTime = now;
        if (failedTask is not null)
        {
            execution.FailedReferenceTaskNames.Add(failedTask.ReferenceTaskName);
            execution.FailedTaskNames.Add(failedTask.TaskDefName);
        }

        foreach (var pending in execution.Tasks.Where(task => !task.Status.IsTerminal()))
        {
            pending.Status = TaskExecutionStatus.Canceled;
            pending.EndTime = now;
            pending.UpdateTime = now;
            _activeTaskIds.Remove(pending.TaskId);
            if (_queues.TryGetValue(ConductorNames.QueueName(pending.TaskType, pending.Domain), out var queue))
            {
                queue.Remove(pending.TaskId);
            }
        }

        execution.Output = WorkflowOutput(workflow);
        ServerLog.WorkflowEnded(_logger, execution.WorkflowId, ConductorNames.Of(status), reason);
        workflow.Ended.TrySetResult();
    }

    /// <summary>The definition's outputParameters resolved, or else the last task's output.</summary>
    private static JsonObject WorkflowOutput(WorkflowState workflow)
    {
        if (workflow.Definition.OutputParameters is { Count: > 0 } outputParameters)
        {
            return ParameterResolver.ResolveObject(outputParameters, ExpressionContext(workflow));
        }

        var tasks = workflow.Execution.Tasks;
        return tasks.Count == 0 ? [] : CopyObject(tasks[^1].OutputData);
    }

    private static WorkflowTask? StepOf(WorkflowState workflow, TaskExecution task) =>
        workflow.Definition.Tasks?.Find(step => step.TaskReferenceName == task.ReferenceTaskName);

    /// <summary>The registered definition now, or the one the task was scheduled with.</summary>
    private TaskDef CurrentTaskDef(TaskExecution task) =>
        _taskDefinitions.GetValueOrDefault(task.TaskDefName) ?? task.TaskDefinition ?? new TaskDef { Name = task.TaskDefName };

    private bool RetriesLeft(WorkflowTask? step, TaskExecution task)
    {
        var allowed = step?.RetryCount ?? CurrentTaskDef(task).RetryCount;
        return task.RetryCount < allowed;
    }

    /// <summary>DeciderService's delay: FIXED, LINEAR_BACKOFF or EXPONENTIAL_BACKOFF, capped by maxRetryDelaySeconds.</summary>
    internal static int RetryDelaySeconds(TaskDef taskDef, int retryCount)
    {
        long delay = taskDef.RetryLogic switch
        {
            RetryLogic.LinearBackoff => (long)taskDef.RetryDelaySeconds * taskDef.BackoffScaleFactor * (retryCount + 1),
            RetryLogic.ExponentialBackoff => (long)taskDef.RetryDelaySeconds * (1L << Math.Min(retryCount, 30)),
            _ => taskDef.RetryDelaySeconds,
        };

        if (taskDef.MaxRetryDelaySeconds > 0)
        {
            delay = Math.Min(delay, taskDef.MaxRetryDelaySeconds);
        }

        return (int)Math.Clamp(delay, 0, int.MaxValue);
    }

    private static string? Truncate(string? text) =>
        text is { Length: > MaxReasonLength } ? text[..MaxReasonLength] : text;
}
