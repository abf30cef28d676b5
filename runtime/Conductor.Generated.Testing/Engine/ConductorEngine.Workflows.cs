using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Starting and ending workflow runs and scheduling their tasks (WorkflowExecutorOps and the
/// task mappers). What comes next is decided in ConductorEngine.Decider.cs.
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
            return StartWorkflowLocked(definition, input, correlationId, priority, taskToDomain, parentTask: null).Execution.WorkflowId;
        }
    }

    /// <summary>
    /// ParametersUtils#getWorkflowInput, as WorkflowExecutorOps#startWorkflow calls it: when the
    /// start gives an input (not an empty one), each key of the definition's <c>inputTemplate</c>
    /// that the input lacks or sets to null takes the template's value (<c>Map#putIfAbsent</c>).
    /// </summary>
    private static JsonObject WithInputTemplate(JsonObject input, WorkflowDef definition)
    {
        if (input.Count == 0
            || definition.AdditionalProperties?.TryGetValue("inputTemplate", out var template) != true
            || template.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return input;
        }

        foreach (var entry in template.EnumerateObject())
        {
            if (input[entry.Name] is null)
            {
                input[entry.Name] = JsonNode.Parse(entry.Value.GetRawText());
            }
        }

        return input;
    }

    /// <summary>
    /// Starts a run under the lock; <paramref name="parentTask"/> is the SUB_WORKFLOW task that
    /// starts it, if any, and <paramref name="workflowId"/> the id it gives the run.
    /// </summary>
    private WorkflowState StartWorkflowLocked(WorkflowDef definition, JsonObject? input, string? correlationId, int priority, Dictionary<string, string>? taskToDomain, TaskExecution? parentTask, string? workflowId = null)
    {
        var now = Now;
        var storedDefinition = Copy(definition, ServerJsonContext.Default.WorkflowDef);
        PopulateTaskDefinitions(storedDefinition); // WorkflowExecutorOps#startWorkflow (resolveWorkflowDefinition)
        var execution = new WorkflowExecution
        {
            WorkflowId = workflowId ?? Guid.NewGuid().ToString(),
            WorkflowName = storedDefinition.Name,
            WorkflowVersion = storedDefinition.Version,
            CorrelationId = correlationId,
            Status = WorkflowStatus.Running,
            Input = WithInputTemplate(CopyObject(input), storedDefinition),
            Variables = CopyObject(storedDefinition.Variables), // WorkflowExecutorOps#startWorkflow
            // WorkflowModel#taskToDomain: an empty map when the start gave none.
            TaskToDomain = new Dictionary<string, string>(taskToDomain ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            Priority = priority,
            CreateTime = now,
            UpdateTime = now,
            ParentWorkflowId = parentTask?.WorkflowInstanceId,
            ParentWorkflowTaskId = parentTask?.TaskId,
            // Shared, not copied: stored definitions never change and leave the lock only inside copies.
            WorkflowDefinition = storedDefinition,
        };

        var workflow = new WorkflowState(execution, storedDefinition);
        _workflows[execution.WorkflowId] = workflow;
        ServerLog.WorkflowStarted(_logger, execution.WorkflowId, execution.WorkflowName, execution.WorkflowVersion);
        Decide(workflow); // DeciderService#startWorkflow: the first task of the definition
        return workflow;
    }

    /// <summary>
    /// MetadataMapperService#populateTaskDefinitions: each step of the run's own copy of the
    /// definition, nested ones included (WorkflowDef#collectTasks), that has no embedded
    /// taskDefinition gets the one registered under its name now, else an ad-hoc one
    /// (#populateWorkflowTaskWithDefinition). The run keeps them: every decision about its tasks
    /// (retries, retry delay, timeouts, concurrency and rate limits) reads them, not the
    /// registration as it is later. A DYNAMIC step is left alone: its task's definition is the
    /// registration of the task it names, read when it is scheduled (see ScheduleStep).
    /// </summary>
    private void PopulateTaskDefinitions(WorkflowDef definition)
    {
        foreach (var step in AllSteps(definition.Tasks ?? []))
        {
            if (step.TaskDefinition is not null || string.IsNullOrEmpty(step.Name) || step.Type == WorkflowTaskTypes.Dynamic)
            {
                continue;
            }

            // Shared, not copied: a registered definition is replaced on update, never changed.
            step.TaskDefinition = _taskDefinitions.GetValueOrDefault(step.Name) ?? AdHocTaskDef(step);
        }

        // MetadataMapperService#populateVersionForSubWorkflow: a sub-workflow step without a
        // version runs the version that is the latest now, also if another is registered later.
        foreach (var step in AllSteps(definition.Tasks ?? []))
        {
            if (step.SubWorkflowParam is { Version: null, WorkflowDefinition: null, WorkflowDefinitionExpression: null, Name: { } name }
                && FindWorkflowDefLocked(name, version: null) is { } latest)
            {
                step.SubWorkflowParam.Version = latest.Version;
            }
        }
    }

    /// <summary>
    /// MetadataMapperService#populateWorkflowTaskWithDefinition: the definition of a step with
    /// none registered; all defaults for SIMPLE, no retries and no response timeout for the others.
    /// </summary>
    private static TaskDef AdHocTaskDef(WorkflowTask step) => step.Type == WorkflowTaskTypes.Simple
        ? new TaskDef { Name = step.Name }
        : new TaskDef { Name = step.Name, RetryCount = 0, ResponseTimeoutSeconds = 0 };

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

    /// <summary>
    /// Schedules one attempt of <paramref name="step"/>; a retry when <paramref name="retryOf"/>
    /// is set (in the retried task's DO_WHILE iteration). A definition the step cannot run with
    /// fails the workflow, as the real server's TerminateWorkflowException does.
    /// </summary>
    private void ScheduleTask(WorkflowState workflow, WorkflowTask step, TaskExecution? retryOf, int delaySeconds)
    {
        try
        {
            ScheduleStep(workflow, step, retryOf?.Iteration ?? 0, retryOf, delaySeconds, inputOverride: null);
        }
        catch (TerminateWorkflowException exception)
        {
            FailWorkflow(workflow, exception.Status, exception.Message, exception.Task);
        }
    }

    /// <summary>
    /// Creates the task(s) of <paramref name="step"/> (DeciderService#getTasksToBeScheduled and
    /// the task mappers) and starts the system tasks that run at once. Returns the step's own task.
    /// </summary>
    private TaskExecution ScheduleStep(WorkflowState workflow, WorkflowTask step, int iteration, TaskExecution? retryOf, int delaySeconds, JsonObject? inputOverride)
    {
        var type = step.Type;
        if (!IsRunnableType(type))
        {
            // A type this server does not run (one of the real server's other system tasks, such
            // as KAFKA_PUBLISH or the LLM tasks, or a user-defined type): the workflow fails here,
            // naming it, rather than treating the task as something it is not.
            throw new TerminateWorkflowException($"Task type {type} of {step.TaskReferenceName} is not supported by the Conductor test server");
        }

        if (string.Equals(type, WorkflowTaskTypes.Simple, StringComparison.Ordinal))
        {
            // SimpleTaskMapper#getMappedTasks: the step's definition (populated when the run
            // started, or set when a dynamic fork created the step); none: defaults, and no
            // definition for the decisions about the task (DeciderService#decide).
            return ScheduleWorkerTask(workflow, step, step.Name!, step.TaskDefinition, iteration, retryOf, delaySeconds, inputOverride);
        }

        if (string.Equals(type, WorkflowTaskTypes.Dynamic, StringComparison.Ordinal))
        {
            // DynamicTaskMapper#getMappedTasks: the input value named by dynamicTaskNameParam names a registered task.
            var input = ResolveTaskInput(workflow, step, null);
            var name = input[step.DynamicTaskNameParam ?? ""] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
            if (string.IsNullOrEmpty(name))
            {
                throw new TerminateWorkflowException(
                    $"Cannot map a dynamic task based on the parameter and input. Parameter= {step.DynamicTaskNameParam}, input= {input.ToJsonString()}");
            }

            // DynamicTaskMapper#getDynamicTaskDefinition: the step's embedded definition, else the
            // registration of the named task as it is now (the task is not in the definition tree,
            // so it was not populated when the run started). A retry keeps its attempt's definition
            // (DeciderService#retry copies the task with its workflowTask).
            var taskDef = (retryOf is not null && retryOf.TaskDefName == name ? retryOf.TaskDefinition : null)
                ?? step.TaskDefinition
                ?? _taskDefinitions.GetValueOrDefault(name)
                ?? throw new TerminateWorkflowException($"Invalid task specified.  Cannot find task by name {name} in the task definitions");

            return ScheduleWorkerTask(workflow, step, name, taskDef, iteration, retryOf, delaySeconds, inputOverride);
        }

        return ScheduleSystemTask(workflow, step, iteration, retryOf, delaySeconds, inputOverride);
    }

    /// <summary>
    /// A task for a polling worker (SimpleTaskMapper#getMappedTasks), queued under
    /// <paramref name="name"/>, with <paramref name="definition"/> as its task definition for
    /// every decision about it; null: the defaults for its input and response timeout, and none
    /// for the decisions (no timeouts; retries by the registration, DeciderService#retry).
    /// </summary>
    private TaskExecution ScheduleWorkerTask(WorkflowState workflow, WorkflowTask step, string name, TaskDef? definition, int iteration, TaskExecution? retryOf, int delaySeconds, JsonObject? inputOverride)
    {
        var taskDef = definition ?? new TaskDef { Name = name };

        // SimpleTaskMapper: the step's startDelay holds the first attempt back; a retry waits its retry delay.
        if (retryOf is null && step.StartDelay > 0)
        {
            delaySeconds = step.StartDelay;
        }

        var task = NewTask(workflow, step, name, name, iteration, retryOf);
        task.InputData = inputOverride ?? ResolveTaskInput(workflow, step, taskDef, task.TaskId);
        task.Domain = DomainFor(workflow.Execution, name);
        task.CallbackAfterSeconds = delaySeconds;
        task.StartDelayInSeconds = delaySeconds;
        task.ResponseTimeoutSeconds = taskDef.ResponseTimeoutSeconds;
        task.TaskDefinition = definition; // TaskModel#getTaskDefinition: its workflowTask's
        AddTask(workflow, task);

        var queueName = ConductorNames.QueueName(task.TaskType, task.Domain);
        Queue(queueName).Push(task.TaskId, task.ScheduledTime + (delaySeconds * 1000L), task.WorkflowPriority);
        ServerLog.TaskScheduled(_logger, task.TaskId, task.ReferenceTaskName, task.RetryCount, queueName);
        return task;
    }

    /// <summary>A new SCHEDULED task of <paramref name="step"/> (TaskMapperContext#createTaskModel).</summary>
    private TaskExecution NewTask(WorkflowState workflow, WorkflowTask step, string taskType, string taskDefName, int iteration, TaskExecution? retryOf)
    {
        var now = Now;
        var execution = workflow.Execution;
        return new TaskExecution
        {
            TaskId = Guid.NewGuid().ToString(),
            TaskType = taskType,
            TaskDefName = taskDefName,
            Status = TaskExecutionStatus.Scheduled,
            // TaskUtils#appendIteration: a task inside a DO_WHILE is named ref__iteration.
            ReferenceTaskName = iteration > 0 ? AppendIteration(step.TaskReferenceName!, iteration) : step.TaskReferenceName!,
            Iteration = iteration,
            WorkflowInstanceId = execution.WorkflowId,
            WorkflowType = execution.WorkflowName,
            CorrelationId = execution.CorrelationId,
            RetryCount = retryOf is null ? 0 : retryOf.RetryCount + 1,
            RetriedTaskId = retryOf?.TaskId,
            ReasonForIncompletion = retryOf?.ReasonForIncompletion,
            Seq = execution.Tasks.Count + 1,
            WorkflowPriority = execution.Priority,
            ScheduledTime = now,
            UpdateTime = now,
            WorkflowTask = step, // part of the run's private definition, which never changes
        };
    }

    private void AddTask(WorkflowState workflow, TaskExecution task)
    {
        workflow.Execution.Tasks.Add(task);
        workflow.Execution.UpdateTime = task.ScheduledTime;
        _tasks[task.TaskId] = new TaskState(task, workflow);
        _activeTaskIds.Add(task.TaskId);
    }

    /// <summary>
    /// ParametersUtils#getTaskInputV2 for a step; <c>${CPEWF_TASK_ID}</c> reads
    /// <paramref name="taskId"/>, the id of the task the input is for (EnvUtils#getSystemParametersValue).
    /// </summary>
    private static JsonObject ResolveTaskInput(WorkflowState workflow, WorkflowTask step, TaskDef? taskDef, string? taskId = null)
    {
        var template = CopyObject(step.InputParameters);
        if (taskDef?.InputTemplate is { } defaults)
        {
            foreach (var (key, value) in defaults)
            {
                if (!template.ContainsKey(key))
                {
                    template[key] = value?.DeepClone();
                }
            }
        }

        var context = ExpressionContext(workflow);
        if (taskId is not null)
        {
            context[TaskIdParameter] = taskId;
        }

        var resolved = ParameterResolver.ResolveObject(template, context);
        if (taskDef?.InputTemplate is { } fallback)
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

    /// <summary>
    /// What <c>${...}</c> expressions read (ParametersUtils#getTaskInputV2): <c>workflow</c> and
    /// each task by reference name; a task inside a DO_WHILE under its name without the
    /// iteration suffix, the latest iteration winning.
    /// </summary>
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
                ["parentWorkflowId"] = execution.ParentWorkflowId,
                ["parentWorkflowTaskId"] = execution.ParentWorkflowTaskId,
                ["workflowType"] = execution.WorkflowName,
                ["version"] = execution.WorkflowVersion,
                ["correlationId"] = execution.CorrelationId,
                ["reasonForIncompletion"] = execution.ReasonForIncompletion,
                ["schemaVersion"] = workflow.Definition.SchemaVersion,
                ["variables"] = execution.Variables.DeepClone(),
                ["createTime"] = execution.CreateTime,
            },
        };

        // Later attempts of a step replace earlier ones: expressions see the latest retry.
        foreach (var task in execution.Tasks)
        {
            context[task.LoopOverTask ? RemoveIteration(task.ReferenceTaskName) : task.ReferenceTaskName] = new JsonObject
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

    /// <summary>
    /// Ends the run (WorkflowExecutorOps#terminateWorkflow and #completeWorkflow): cancels what is
    /// still pending, child workflows included, computes the output, wakes waiters, and tells a
    /// parent workflow waiting in a SUB_WORKFLOW task.
    /// </summary>
    private void EndWorkflow(WorkflowState workflow, WorkflowStatus status, string? reason, TaskExecution? failedTask)
    {
        CancelScheduled("timeout:" + workflow.Execution.WorkflowId);
        var now = Now;
        var execution = workflow.Execution;
        execution.Status = status;
        execution.ReasonForIncompletion = reason;
        execution.EndTime = now;
        execution.UpdateTime = now;
        // WorkflowExecutorOps#terminate: the task that ended the run (a failed task, a TERMINATE task).
        if (failedTask is not null)
        {
            execution.FailedTaskId ??= failedTask.TaskId;
        }

        // WorkflowExecutorOps#completeWorkflow and #terminateWorkflow: every task FAILED or
        // FAILED_WITH_TERMINAL_ERROR when the run ends, before what is pending is canceled (sets:
        // each name once). A failed attempt that a retry made good counts too; a TIMED_OUT or
        // CANCELED task, or the TERMINATE task itself, does not.
        foreach (var task in execution.Tasks)
        {
            if (task.Status is TaskExecutionStatus.Failed or TaskExecutionStatus.FailedWithTerminalError)
            {
                AddOnce(execution.FailedReferenceTaskNames, task.ReferenceTaskName);
                AddOnce(execution.FailedTaskNames, task.TaskDefName);
            }
        }

        var canceled = execution.Tasks.Where(task => !task.Status.IsTerminal()).ToList();
        foreach (var pending in canceled)
        {
            pending.Status = TaskExecutionStatus.Canceled;
            pending.EndTime = now;
            pending.UpdateTime = now;
            _activeTaskIds.Remove(pending.TaskId);
            if (_tasks.TryGetValue(pending.TaskId, out var pendingState))
            {
                pendingState.DueAt = 0;
            }

            if (_queues.TryGetValue(ConductorNames.QueueName(pending.TaskType, pending.Domain), out var queue))
            {
                queue.Remove(pending.TaskId);
            }

            // SubWorkflow#cancel: the child is terminated with the parent.
            if (pending.SubWorkflowId is { } childId && _workflows.TryGetValue(childId, out var child) && !child.IsEnded)
            {
                var childReason = string.IsNullOrEmpty(reason)
                    ? $"Parent workflow has been terminated with status {ConductorNames.Of(status)}"
                    : $"Parent workflow has been terminated with reason: {reason}";
                EndWorkflow(child, WorkflowStatus.Terminated, childReason, failedTask: null);
            }
        }

        // Once they are all out of their queues: each canceled task frees its concurrency slot.
        foreach (var pending in canceled)
        {
            ReleasePostponedTask(pending);
        }

        try
        {
            execution.Output = WorkflowOutput(workflow);
        }
        catch (TerminateWorkflowException exception)
        {
            // An outputParameters expression this server cannot read (a JSONPath construct it does
            // not implement): a run that was completing fails naming it, instead of ending with
            // an output the real server would not give.
            execution.Output = [];
            if (status == WorkflowStatus.Completed)
            {
                status = WorkflowStatus.Failed;
                execution.Status = status;
            }

            reason = string.IsNullOrEmpty(reason) ? exception.Message : reason;
            execution.ReasonForIncompletion = reason;
        }

        ServerLog.WorkflowEnded(_logger, execution.WorkflowId, ConductorNames.Of(status), reason);
        workflow.Ended.TrySetResult();

        // WorkflowExecutorOps#updateParentWorkflowTask: the parent's SUB_WORKFLOW task follows its child.
        if (execution.ParentWorkflowId is { } parentId && _workflows.TryGetValue(parentId, out var parent) && !parent.IsEnded)
        {
            Decide(parent);
        }
    }

    /// <summary>
    /// DeciderService#updateWorkflowOutput: a successful TERMINATE task's output, else the
    /// definition's outputParameters resolved, else the last task's output.
    /// </summary>
    private static JsonObject WorkflowOutput(WorkflowState workflow)
    {
        var tasks = workflow.Execution.Tasks;
        var terminate = tasks.FirstOrDefault(task =>
            task.TaskType == WorkflowTaskTypes.Terminate && task.Status is TaskExecutionStatus.Completed);
        if (terminate is not null)
        {
            return terminate.OutputData.Count > 0 ? CopyObject(terminate.OutputData) : [];
        }

        if (workflow.Definition.OutputParameters is { Count: > 0 } outputParameters)
        {
            return ParameterResolver.ResolveObject(outputParameters, ExpressionContext(workflow));
        }

        return tasks.Count == 0 ? [] : CopyObject(tasks[^1].OutputData);
    }

    private static void AddOnce(List<string> names, string name)
    {
        if (!names.Contains(name))
        {
            names.Add(name);
        }
    }

    /// <summary>
    /// DeciderService#retry: the task's definition (the run's, TaskModel#getTaskDefinition), or,
    /// for a task without one, the registration as it is now; with neither, no retries. The
    /// step's retryCount overrides the definition's; the flow-control types (TaskType#isBuiltIn)
    /// never retry. <paramref name="taskDef"/> is the definition that sets the retry delay.
    /// </summary>
    private bool RetriesLeft(WorkflowTask? step, TaskExecution task, out TaskDef? taskDef)
    {
        taskDef = task.TaskDefinition ?? _taskDefinitions.GetValueOrDefault(task.TaskDefName);
        var allowed = taskDef is null || BuiltInTaskTypes.Contains(task.TaskType) ? 0 : step?.RetryCount ?? taskDef.RetryCount;
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

    /// <summary>
    /// DeciderService#retry: the retry is queued <c>backoffJitterMs</c> later at most, a random
    /// number of milliseconds in [0, backoffJitterMs] on top of its delay
    /// (TaskModel#callbackAfterMs, WorkflowExecutorOps#addTaskToQueue); its
    /// <c>callbackAfterSeconds</c> stays the delay without it.
    /// </summary>
    private void AddRetryJitter(TaskExecution retry, TaskDef taskDef)
    {
        if (taskDef.BackoffJitterMs <= 0 || retry.Status != TaskExecutionStatus.Scheduled)
        {
            return;
        }

        var dueAt = retry.ScheduledTime + (retry.CallbackAfterSeconds * 1000L) + Random.Shared.NextInt64(0, taskDef.BackoffJitterMs + 1L);
        var state = _tasks[retry.TaskId];
        if (state.DueAt != 0)
        {
            // A system task held back by its retry delay starts when it is due.
            MarkDue(state, dueAt, $"the retry delay of {retry.TaskType} task {retry.ReferenceTaskName}");
        }
        else if (retry.WorkflowTask?.Type is WorkflowTaskTypes.Simple or WorkflowTaskTypes.Dynamic)
        {
            Queue(ConductorNames.QueueName(retry.TaskType, retry.Domain)).Push(retry.TaskId, dueAt, retry.WorkflowPriority);
        }
    }

    /// <summary>
    /// DeciderService#retry's guard: the reason a failed attempt gets no retry because the
    /// definition's totalTimeoutSeconds ran out since its first attempt was scheduled; null when
    /// there is time left or no such bound.
    /// </summary>
    private string? TotalTimeoutSpentReason(TaskDef taskDef, TaskExecution task)
    {
        if (taskDef.TotalTimeoutSeconds <= 0)
        {
            return null;
        }

        var elapsedSeconds = (Now - FirstScheduledTime(task)) / 1000;
        return elapsedSeconds < taskDef.TotalTimeoutSeconds
            ? null
            : string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Task {task.TaskId}/{task.TaskDefName} exceeded total timeout of {taskDef.TotalTimeoutSeconds} seconds (elapsed {elapsedSeconds} seconds across all attempts). No further retries will be attempted.");
    }

    private static string? Truncate(string? text) =>
        text is { Length: > MaxReasonLength } ? text[..MaxReasonLength] : text;

    /// <summary>EnvUtils.SystemParameters#CPEWF_TASK_ID: <c>${CPEWF_TASK_ID}</c> in a task's input is its own id.</summary>
    private const string TaskIdParameter = "CPEWF_TASK_ID";

    /// <summary>TaskUtils#appendIteration.</summary>
    internal static string AppendIteration(string referenceName, int iteration) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{referenceName}__{iteration}");

    /// <summary>TaskUtils#removeIterationFromTaskRefName: the name without its <c>__iteration</c> suffix.</summary>
    internal static string RemoveIteration(string referenceName)
    {
        var at = referenceName.LastIndexOf("__", StringComparison.Ordinal);
        return at > 0 && at + 2 < referenceName.Length && referenceName.AsSpan(at + 2).IndexOfAnyExceptInRange('0', '9') < 0
            ? referenceName[..at]
            : referenceName;
    }
}

/// <summary>The real server's TerminateWorkflowException: the workflow ends with this reason.</summary>
internal sealed class TerminateWorkflowException(string message, WorkflowStatus status = WorkflowStatus.Failed, TaskExecution? task = null) : Exception(message)
{
    public WorkflowStatus Status { get; } = status;

    public TaskExecution? Task { get; } = task;
}
