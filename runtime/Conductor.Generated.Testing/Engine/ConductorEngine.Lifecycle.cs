using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Operations on workflow runs from outside (WorkflowExecutorOps and WorkflowServiceImpl): pause,
/// resume, retry, restart, rerun, skip, remove, decide and the read-only views (status summary,
/// running ids, correlation ids). Each works on tasks' statuses and reference names, never on
/// positions in the definition, so it holds for nested workflows too.
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>PUT /api/workflow/{workflowId}/pause (WorkflowExecutorOps#pauseWorkflow).</summary>
    public void PauseWorkflow(string workflowId)
    {
        lock (_gate)
        {
            var workflow = WorkflowOrNotFound(workflowId);
            var execution = workflow.Execution;
            if (workflow.IsEnded)
            {
                throw ConductorApiException.Conflict($"Workflow {ShortName(execution)} has ended, status cannot be updated.");
            }

            if (execution.Status == WorkflowStatus.Paused)
            {
                return;
            }

            execution.Status = WorkflowStatus.Paused;
            execution.UpdateTime = Now;
        }
    }

    /// <summary>
    /// PUT /api/workflow/{workflowId}/resume (WorkflowExecutorOps#resumeWorkflow): an
    /// IllegalStateException, which ApplicationExceptionMapper answers with 500, when the workflow
    /// is not PAUSED.
    /// </summary>
    public void ResumeWorkflow(string workflowId)
    {
        lock (_gate)
        {
            var workflow = WorkflowOrNotFound(workflowId);
            var execution = workflow.Execution;
            if (execution.Status != WorkflowStatus.Paused)
            {
                throw new ConductorApiException(
                    500,
                    $"The workflow {workflowId} is not PAUSED so cannot resume. Current status is {ConductorNames.Of(execution.Status)}");
            }

            execution.Status = WorkflowStatus.Running;
            execution.UpdateTime = Now;
            execution.LastRetriedTime = Now;
            Decide(workflow);
        }
    }

    /// <summary>
    /// POST /api/workflow/{workflowId}/retry (WorkflowExecutorOps#retry): a new attempt of the
    /// last unsuccessful attempt of each step (FAILED, FAILED_WITH_TERMINAL_ERROR, TIMED_OUT,
    /// CANCELED) that no later attempt of the same reference name made good, in sequence order;
    /// a CANCELED JOIN or DO_WHILE is set back IN_PROGRESS in place.
    /// </summary>
    /// <remarks>
    /// With <paramref name="resumeSubworkflowTasks"/>, when the first unsuccessful task is a
    /// SUB_WORKFLOW (or a DO_WHILE holding one), the deepest failed child is retried instead, in
    /// place, and its parents resume with it (WorkflowExecutorOps#findLastFailedSubWorkflowIfAny);
    /// nothing happens when no task is unsuccessful. Either way the parents of the retried run
    /// resume with it (#updateAndPushParents).
    /// </remarks>
    public void RetryWorkflow(string workflowId, bool resumeSubworkflowTasks = false)
    {
        lock (_gate)
        {
            var workflow = WorkflowOrNotFound(workflowId);
            var execution = workflow.Execution;
            if (!workflow.IsEnded)
            {
                throw ConductorApiException.NotFound($"Workflow is still running.  status={ConductorNames.Of(execution.Status)}");
            }

            if (execution.Tasks.Count == 0)
            {
                throw ConductorApiException.Conflict("Workflow has not started yet");
            }

            if (resumeSubworkflowTasks)
            {
                if (execution.Tasks.Find(IsUnsuccessfulTerminal) is not { } first)
                {
                    return;
                }

                workflow = LastFailedSubWorkflow(first, workflow);
            }

            RetryLocked(workflow);
            UpdateAndPushParents(workflow, "retried");
        }
    }

    private static bool IsUnsuccessfulTerminal(TaskExecution task) => task.Status.IsTerminal() && !IsSuccessful(task.Status);

    /// <summary>WorkflowExecutorOps#findLastFailedSubWorkflowIfAny: the deepest failed child under <paramref name="task"/>, else <paramref name="parent"/>.</summary>
    private WorkflowState LastFailedSubWorkflow(TaskExecution task, WorkflowState parent)
    {
        if (!IsUnsuccessfulTerminal(task))
        {
            return parent;
        }

        if (task.TaskType == WorkflowTaskTypes.SubWorkflow)
        {
            if (task.SubWorkflowId is not { } childId || !_workflows.TryGetValue(childId, out var child))
            {
                return parent;
            }

            return child.Execution.Tasks.Find(IsUnsuccessfulTerminal) is { } failed ? LastFailedSubWorkflow(failed, child) : parent;
        }

        if (task.TaskType == WorkflowTaskTypes.DoWhile)
        {
            var failedSub = parent.Execution.Tasks.Find(candidate => candidate.TaskType == WorkflowTaskTypes.SubWorkflow && IsUnsuccessfulTerminal(candidate));
            return failedSub is null ? parent : LastFailedSubWorkflow(failedSub, parent);
        }

        return parent;
    }

    /// <summary>WorkflowExecutorOps#retry(WorkflowModel): the retry of one ended run.</summary>
    private void RetryLocked(WorkflowState workflow)
    {
        var execution = workflow.Execution;
        var retriable = new Dictionary<string, TaskExecution>(StringComparer.Ordinal);
        var reopened = new List<TaskExecution>();
        foreach (var task in execution.Tasks)
        {
            if (task.Status is TaskExecutionStatus.Canceled && task.TaskType is WorkflowTaskTypes.Join or WorkflowTaskTypes.DoWhile)
            {
                // WorkflowExecutorOps#retry: a CANCELED JOIN or DO_WHILE is not copied; the same task
                // goes back IN_PROGRESS and waits again for its (retried) tasks.
                reopened.Add(task);
            }
            else if (task.Status is TaskExecutionStatus.Failed or TaskExecutionStatus.FailedWithTerminalError
                or TaskExecutionStatus.TimedOut or TaskExecutionStatus.Canceled)
            {
                retriable[task.ReferenceTaskName] = task;
            }
            else
            {
                retriable.Remove(task.ReferenceTaskName);
            }
        }

        if (retriable.Count == 0 && execution.Status != WorkflowStatus.TimedOut)
        {
            throw ConductorApiException.Conflict("There are no retryable tasks! Use restart if you want to attempt entire workflow execution again.");
        }

        Reopen(workflow);
        execution.LastRetriedTime = Now;
        foreach (var task in reopened)
        {
            ResumeInPlace(task);
        }

        foreach (var task in retriable.Values.OrderBy(task => task.Seq))
        {
            task.Retried = true;
            task.Executed = true;
            ScheduleTask(workflow, task.WorkflowTask ?? StepByReferenceName(workflow.Definition, task.ReferenceTaskName)!, task, delaySeconds: 0);
            var attempt = execution.Tasks[^1];
            attempt.ReasonForIncompletion = null; // WorkflowExecutorOps#taskToBeRescheduled
        }

        Decide(workflow);
    }

    /// <summary>
    /// POST /api/workflow/{workflowId}/restart (WorkflowExecutorOps#restart): the run starts
    /// again from its first step with its own input, keeping its id; its tasks are removed.
    /// </summary>
    public void RestartWorkflow(string workflowId, bool useLatestDefinitions)
    {
        lock (_gate)
        {
            var workflow = WorkflowOrNotFound(workflowId);
            var execution = workflow.Execution;
            if (!workflow.IsEnded)
            {
                throw ConductorApiException.Conflict($"Workflow: {LongName(execution)} is not in terminal state, unable to restart.");
            }

            var definition = workflow.Definition;
            if (useLatestDefinitions)
            {
                definition = FindWorkflowDefLocked(execution.WorkflowName ?? "", version: null)
                    ?? throw ConductorApiException.NotFound($"Unable to find latest definition for {workflowId}");
            }

            if (!IsRestartable(definition) && execution.Status == WorkflowStatus.Completed)
            {
                throw ConductorApiException.NotFound($"Workflow: {LongName(execution)} is non-restartable");
            }

            RemoveTasks(workflow, execution.Tasks.ToList());
            if (!ReferenceEquals(definition, workflow.Definition))
            {
                // WorkflowExecutorOps#restart with useLatestDefinitions: the latest workflow
                // definition, populated with the task definitions registered now
                // (MetadataMapperService#populateTaskDefinitions); without it the run keeps its own.
                var stored = Copy(definition, ServerJsonContext.Default.WorkflowDef);
                PopulateTaskDefinitions(stored);
                workflow.Definition = stored;
                execution.WorkflowDefinition = stored;
                execution.WorkflowVersion = stored.Version;
            }

            Reopen(workflow);
            execution.CreateTime = Now;
            execution.LastRetriedTime = 0;
            Decide(workflow);
            UpdateAndPushParents(workflow, "restarted");
        }
    }

    /// <summary>
    /// POST /api/workflow/{workflowId}/rerun (WorkflowExecutorOps#rerun and #rerunWF): from the
    /// start when no task id is given, else from that task, whose later tasks (by sequence) are
    /// removed and which is scheduled again, with <c>taskInput</c> when given.
    /// </summary>
    public string RerunWorkflow(string workflowId, RerunWorkflowRequest request)
    {
        lock (_gate)
        {
            var workflow = WorkflowOrNotFound(workflowId);
            var execution = workflow.Execution;
            if (!workflow.IsEnded)
            {
                throw ConductorApiException.Conflict($"Workflow: {LongName(execution)} is not in terminal state, unable to rerun.");
            }

            TaskExecution? rerunFrom = null;
            if (request.ReRunFromTaskId is { } taskId)
            {
                rerunFrom = execution.Tasks.Find(task => task.TaskId == taskId)
                    ?? throw ConductorApiException.BadRequest($"Task {taskId} not found");
            }

            if (request.CorrelationId is not null)
            {
                execution.CorrelationId = request.CorrelationId;
            }

            if (request.WorkflowInput is not null)
            {
                execution.Input = CopyObject(request.WorkflowInput);
            }

            execution.FailedReferenceTaskNames.Clear();
            execution.FailedTaskNames.Clear();
            if (rerunFrom is null)
            {
                RemoveTasks(workflow, execution.Tasks.ToList());
                Reopen(workflow);
                Decide(workflow);
                UpdateAndPushParents(workflow, "reran");
                return workflowId;
            }

            RemoveTasks(workflow, execution.Tasks.Where(task => task.Seq > rerunFrom.Seq).ToList());
            Reopen(workflow);
            var now = Now;
            rerunFrom.ScheduledTime = now;
            rerunFrom.StartTime = 0;
            rerunFrom.UpdateTime = 0;
            rerunFrom.EndTime = 0;
            rerunFrom.OutputData = [];
            rerunFrom.Retried = false;
            rerunFrom.Executed = false;
            rerunFrom.PollCount = 0;
            rerunFrom.ReasonForIncompletion = null;
            if (request.TaskInput is not null)
            {
                rerunFrom.InputData = CopyObject(request.TaskInput);
            }

            rerunFrom.Status = TaskExecutionStatus.Scheduled;
            _activeTaskIds.Add(rerunFrom.TaskId);
            if (IsWorkerTask(rerunFrom))
            {
                Queue(ConductorNames.QueueName(rerunFrom.TaskType, rerunFrom.Domain)).Push(rerunFrom.TaskId, now, rerunFrom.WorkflowPriority);
            }
            else if (rerunFrom.TaskType is WorkflowTaskTypes.Join or WorkflowTaskTypes.DoWhile)
            {
                // WorkflowExecutorOps#rerunWF: a container task is reset in place, IN_PROGRESS.
                rerunFrom.Status = TaskExecutionStatus.InProgress;
            }
            else
            {
                // WorkflowExecutorOps#rerunWF: a system task starts again at once (a SUB_WORKFLOW
                // with a fresh child, SubWorkflow#start); no worker polls for it.
                rerunFrom.SubWorkflowId = null;
                StartSystemTask(workflow, rerunFrom);
            }

            Decide(workflow);
            UpdateAndPushParents(workflow, "reran");
            return workflowId;
        }
    }

    /// <summary>
    /// A task that ended and runs on in place (a reopened JOIN or DO_WHILE, a parent's SUB_WORKFLOW
    /// task resumed with its child): IN_PROGRESS again, its end and reason cleared, not yet seen
    /// ended by the decider, and among the active tasks whose timeouts are checked.
    /// </summary>
    private void ResumeInPlace(TaskExecution task)
    {
        task.Status = TaskExecutionStatus.InProgress;
        task.ReasonForIncompletion = null;
        task.EndTime = 0;
        task.Executed = false;
        _activeTaskIds.Add(task.TaskId);
    }

    /// <summary>
    /// WorkflowExecutorOps#updateAndPushParents: a sub-workflow that runs again after a retry,
    /// restart or rerun takes its parents with it. Up the chain, the parent's SUB_WORKFLOW task
    /// goes back to IN_PROGRESS (with a log line saying what happened), the parent back to
    /// RUNNING, and the parent's tasks CANCELED by its failure are resumed (a JOIN or DO_WHILE
    /// IN_PROGRESS again, any other task SCHEDULED again in its queue). The walk stops at a
    /// parent task that is gone (the parent was restarted since: an orphan sub-workflow), that
    /// is optional (its failure did not fail the parent), or that a retry has superseded. The
    /// parent's other SUB_WORKFLOW tasks that ended unsuccessfully (a fork's branches canceled by
    /// the failure) resume in place: their children, same ids, are retried.
    /// </summary>
    private void UpdateAndPushParents(WorkflowState workflow, string operation)
    {
        var identifier = "";
        while (workflow.Execution.ParentWorkflowTaskId is { } parentTaskId)
        {
            if (!_tasks.TryGetValue(parentTaskId, out var parentTaskState)
                || parentTaskState.Task.WorkflowTask is not { } parentStep
                || workflow.Execution.ParentWorkflowId is not { } parentId
                || !_workflows.TryGetValue(parentId, out var parent))
            {
                break;
            }

            var parentTask = parentTaskState.Task;
            if (parentStep.Optional == true || (parentTask.Retried && parentTask.TaskType == WorkflowTaskTypes.SubWorkflow))
            {
                break;
            }

            ResumeInPlace(parentTask);
            parentTask.UpdateTime = Now;
            identifier = identifier.Length == 0 ? ShortName(workflow.Execution) : $"{ShortName(workflow.Execution)} -> {identifier}";
            AppendLog(new Conductor.Generated.Client.TaskExecutionLog { TaskId = parentTask.TaskId, Log = $"Sub workflow {identifier} {operation}.", CreatedTime = Now });

            var parentExecution = parent.Execution;
            if (parent.IsEnded)
            {
                Reopen(parent);
            }

            parentExecution.FailedReferenceTaskNames.Clear();
            parentExecution.FailedTaskNames.Clear();
            parentExecution.LastRetriedTime = Now;
            foreach (var sibling in parentExecution.Tasks.Where(task => IsUnsuccessfulTerminal(task)).ToList())
            {
                if (sibling.TaskType == WorkflowTaskTypes.SubWorkflow && sibling.SubWorkflowId is { } siblingChildId)
                {
                    if (sibling.Retried)
                    {
                        continue; // an attempt a retry has replaced; its successor is the one to resume
                    }

                    // Another SUB_WORKFLOW that ended unsuccessfully resumes in place: its child
                    // (kept, same id) is retried unless something already runs it again.
                    if (!_workflows.TryGetValue(siblingChildId, out var siblingChild))
                    {
                        continue;
                    }

                    if (siblingChild.IsEnded)
                    {
                        if (!siblingChild.Execution.Tasks.Exists(IsUnsuccessfulTerminal))
                        {
                            continue;
                        }

                        RetryLocked(siblingChild);
                    }

                    ResumeInPlace(sibling);
                    continue;
                }

                if (sibling.Status != TaskExecutionStatus.Canceled)
                {
                    continue;
                }

                if (sibling.TaskType is WorkflowTaskTypes.Join or WorkflowTaskTypes.DoWhile)
                {
                    ResumeInPlace(sibling);
                    continue;
                }

                sibling.RetryCount++;
                sibling.ReasonForIncompletion = null;
                sibling.PollCount = 0;
                sibling.WorkerId = null;
                sibling.ScheduledTime = Now;
                sibling.StartTime = 0;
                sibling.EndTime = 0;
                sibling.Retried = false;
                sibling.Executed = false;
                sibling.Status = TaskExecutionStatus.Scheduled;
                _activeTaskIds.Add(sibling.TaskId);
                Queue(ConductorNames.QueueName(sibling.TaskType, sibling.Domain)).Push(sibling.TaskId, Now, sibling.WorkflowPriority);
            }

            Decide(parent);
            workflow = parent;
        }
    }

    /// <summary>
    /// PUT /api/workflow/{workflowId}/skiptask/{taskReferenceName}
    /// (WorkflowExecutorOps#skipTaskFromWorkflow): records a SKIPPED task for a step that has not
    /// run yet, so the workflow goes past it. Refusals are IllegalStateExceptions, answered 500.
    /// </summary>
    public void SkipTask(string workflowId, string taskReferenceName, SkipTaskRequest? request)
    {
        lock (_gate)
        {
            var workflow = WorkflowOrNotFound(workflowId);
            var execution = workflow.Execution;
            if (execution.Status != WorkflowStatus.Running)
            {
                throw new ConductorApiException(500, $"The workflow {workflowId} is not running so the task referenced by {taskReferenceName} cannot be skipped");
            }

            var step = StepByReferenceName(workflow.Definition, taskReferenceName)
                ?? throw new ConductorApiException(500, $"The task referenced by {taskReferenceName} does not exist in the WorkflowDefinition {execution.WorkflowName}");
            if (execution.Tasks.Exists(task => task.ReferenceTaskName == taskReferenceName))
            {
                throw new ConductorApiException(500, $"The task referenced {taskReferenceName} has already been processed, cannot be skipped");
            }

            var now = Now;
            var skipped = new TaskExecution
            {
                TaskId = Guid.NewGuid().ToString(),
                TaskType = step.Name ?? "",
                TaskDefName = step.Name ?? "",
                ReferenceTaskName = taskReferenceName,
                WorkflowInstanceId = workflowId,
                WorkflowType = execution.WorkflowName,
                WorkflowPriority = execution.Priority,
                CorrelationId = execution.CorrelationId,
                Status = TaskExecutionStatus.Skipped,
                InputData = CopyObject(request?.TaskInput),
                OutputData = CopyObject(request?.TaskOutput),
                Seq = 0, // WorkflowExecutorOps#skipTaskFromWorkflow sets no seq
                EndTime = now,
                UpdateTime = now,
                WorkflowTask = step,
            };

            // The run's tasks are read sorted by seq (RedisExecutionDAO#getTasksForWorkflow), so a
            // skipped task comes before every scheduled one.
            var position = execution.Tasks.FindIndex(task => task.Seq > 0);
            execution.Tasks.Insert(position < 0 ? execution.Tasks.Count : position, skipped);
            execution.UpdateTime = now;
            _tasks[skipped.TaskId] = new TaskState(skipped, workflow);
            Decide(workflow);
        }
    }

    /// <summary>
    /// DELETE /api/workflow/{workflowId}/remove (ExecutionService#removeWorkflow): the run and its
    /// tasks are gone, whatever their status; the test server keeps no archive.
    /// </summary>
    public void RemoveWorkflow(string workflowId)
    {
        lock (_gate)
        {
            var workflow = WorkflowOrNotFound(workflowId);
            RemoveTasks(workflow, workflow.Execution.Tasks.ToList());
            _workflows.Remove(workflowId);
        }
    }

    /// <summary>
    /// POST /api/workflow/{workflowId}/resetcallbacks (WorkflowExecutorOps#resetCallbacksForWorkflow):
    /// SCHEDULED tasks waiting out a callbackAfterSeconds become visible at once.
    /// </summary>
    public void ResetCallbacks(string workflowId)
    {
        lock (_gate)
        {
            var workflow = WorkflowOrNotFound(workflowId);
            if (workflow.IsEnded)
            {
                throw ConductorApiException.Conflict($"Workflow is in terminal state. Status = {ConductorNames.Of(workflow.Execution.Status)}");
            }

            var now = Now;
            foreach (var task in workflow.Execution.Tasks.Where(task => task.Status == TaskExecutionStatus.Scheduled && task.CallbackAfterSeconds > 0))
            {
                var queue = Queue(ConductorNames.QueueName(task.TaskType, task.Domain));
                if (queue.Remove(task.TaskId))
                {
                    queue.Push(task.TaskId, now, task.WorkflowPriority);
                    task.CallbackAfterSeconds = 0;
                }
            }
        }
    }

    /// <summary>PUT /api/workflow/decide/{workflowId} (WorkflowExecutorOps#decide): evaluates the run now.</summary>
    public void DecideWorkflow(string workflowId)
    {
        lock (_gate)
        {
            Decide(WorkflowOrNotFound(workflowId));
        }
    }

    /// <summary>GET /api/workflow/{workflowId}/status (WorkflowResource#getWorkflowStatusSummary).</summary>
    public WorkflowStatusSummary GetWorkflowStatusSummary(string workflowId, bool includeOutput, bool includeVariables)
    {
        lock (_gate)
        {
            var execution = WorkflowOrNotFound(workflowId).Execution;
            return new WorkflowStatusSummary
            {
                WorkflowId = execution.WorkflowId,
                CorrelationId = string.IsNullOrEmpty(execution.CorrelationId) ? null : execution.CorrelationId,
                Output = includeOutput ? CopyObject(execution.Output) : null,
                Variables = includeVariables ? CopyObject(execution.Variables) : null,
                Status = execution.Status,
            };
        }
    }

    /// <summary>
    /// GET /api/workflow/running/{name} (WorkflowServiceImpl#getRunningWorkflows): with both
    /// startTime and endTime, the ids of the runs of that version created in between, whatever
    /// their status (WorkflowExecutorOps#getWorkflows); else the ids of its runs not ended yet.
    /// </summary>
    public List<string> GetRunningWorkflowIds(string name, int version, long? startTime, long? endTime)
    {
        lock (_gate)
        {
            var runs = _workflows.Values.Select(workflow => workflow.Execution)
                .Where(execution => execution.WorkflowName == name && execution.WorkflowVersion == version);
            runs = (startTime ?? 0) != 0 && (endTime ?? 0) != 0
                ? runs.Where(execution => execution.CreateTime >= startTime && execution.CreateTime <= endTime)
                : runs.Where(execution => !execution.Status.IsTerminal());
            return [.. runs.OrderBy(execution => execution.CreateTime).Select(execution => execution.WorkflowId)];
        }
    }

    /// <summary>
    /// GET /api/workflow/{name}/correlated/{correlationId} (ExecutionService#getWorkflowInstances):
    /// the runs of the workflow with that correlation id, RUNNING ones only unless
    /// <paramref name="includeClosed"/>, with their tasks only when <paramref name="includeTasks"/>.
    /// </summary>
    public List<WorkflowExecution> GetWorkflowsByCorrelationId(string name, string correlationId, bool includeClosed, bool includeTasks)
    {
        lock (_gate)
        {
            return
            [
                .. _workflows.Values.Select(workflow => workflow.Execution)
                    .Where(execution => execution.WorkflowName == name && execution.CorrelationId == correlationId)
                    .Where(execution => includeClosed || execution.Status == WorkflowStatus.Running)
                    .OrderBy(execution => execution.CreateTime)
                    .Select(execution => CopyWorkflow(execution, includeTasks)),
            ];
        }
    }

    /// <summary>The tasks of a run, for <c>GET /api/workflow/{workflowId}/tasks</c>.</summary>
    public List<TaskExecution> GetWorkflowTasks(string workflowId)
    {
        lock (_gate)
        {
            return [.. WorkflowOrNotFound(workflowId).Execution.Tasks.Select(task => Copy(task, ServerJsonContext.Default.TaskExecution))];
        }
    }

    /// <summary>Back to RUNNING after it ended: no reason, no end time, no output, and a fresh end signal.</summary>
    private void Reopen(WorkflowState workflow)
    {
        var execution = workflow.Execution;
        execution.Status = WorkflowStatus.Running;
        execution.ReasonForIncompletion = null;
        execution.EndTime = 0;
        execution.Output = [];
        execution.UpdateTime = Now;
        workflow.Reopen();
    }

    /// <summary>Forgets tasks of a run: out of its list, the task store, the queues and the logs.</summary>
    private void RemoveTasks(WorkflowState workflow, List<TaskExecution> tasks)
    {
        foreach (var task in tasks)
        {
            workflow.Execution.Tasks.Remove(task);
            _tasks.Remove(task.TaskId);
            _activeTaskIds.Remove(task.TaskId);
            _taskLogs.Remove(task.TaskId);
            if (_queues.TryGetValue(ConductorNames.QueueName(task.TaskType, task.Domain), out var queue))
            {
                queue.Remove(task.TaskId);
            }
        }
    }

    private WorkflowState WorkflowOrNotFound(string workflowId) =>
        _workflows.GetValueOrDefault(workflowId) ?? throw ConductorApiException.NotFound($"No such workflow found by id: {workflowId}");

    private static WorkflowExecution CopyWorkflow(WorkflowExecution execution, bool includeTasks)
    {
        var copy = Copy(execution, ServerJsonContext.Default.WorkflowExecution);
        if (!includeTasks)
        {
            copy.Tasks.Clear();
        }

        return copy;
    }

    /// <summary>WorkflowModel#toShortString: <c>name.version/id</c>.</summary>
    private static string ShortName(WorkflowExecution execution) =>
        string.Create(CultureInfo.InvariantCulture, $"{execution.WorkflowName}.{execution.WorkflowVersion}/{execution.WorkflowId}");

    /// <summary>WorkflowModel#toString: <c>name.version/id.STATUS</c>.</summary>
    private static string LongName(WorkflowExecution execution) => $"{ShortName(execution)}.{ConductorNames.Of(execution.Status)}";

    /// <summary>WorkflowDef#restartable, true unless the definition says false.</summary>
    private static bool IsRestartable(WorkflowDef definition) =>
        definition.AdditionalProperties?.TryGetValue("restartable", out var value) != true || value.ValueKind != JsonValueKind.False;

    /// <summary>
    /// The step with this reference name anywhere in the definition, nested steps included
    /// (WorkflowDef#getTaskByRefName): read from the definition's JSON, so every kind of nesting
    /// (decision cases, fork branches, loop bodies) is searched.
    /// </summary>
    private static WorkflowTask? StepByReferenceName(WorkflowDef definition, string referenceName)
    {
        var tasks = JsonSerializer.SerializeToNode(definition, ServerJsonContext.Default.WorkflowDef)?["tasks"];
        var found = FindByReferenceName(tasks, referenceName);
        return found is null ? null : found.Deserialize(ServerJsonContext.Default.WorkflowTask);
    }

    private static JsonObject? FindByReferenceName(JsonNode? node, string referenceName)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["taskReferenceName"] is JsonValue name && name.TryGetValue<string>(out var text) && text == referenceName)
                {
                    return obj;
                }

                foreach (var (_, child) in obj)
                {
                    if (FindByReferenceName(child, referenceName) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (FindByReferenceName(child, referenceName) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
