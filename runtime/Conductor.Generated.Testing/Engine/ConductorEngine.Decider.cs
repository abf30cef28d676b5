using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// The decider: a function of a workflow's state, as DeciderService#decide is. It looks at every
/// task, retries or fails what failed, schedules what follows what ended (walking the definition
/// tree as WorkflowDef#getNextTask and WorkflowTask#next do), lets the system tasks that wait on
/// something (JOIN, DO_WHILE, SUB_WORKFLOW, WAIT) look again, and completes the workflow when
/// nothing is left. Deciding again changes nothing when nothing happened.
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>Passes of one decision before the sweep takes over (a loop of system tasks only).</summary>
    private const int MaxDecisionPasses = 10_000;

    /// <summary>Workflows whose decision stopped at <see cref="MaxDecisionPasses"/>; the sweep goes on with them.</summary>
    private readonly HashSet<string> _undecidedWorkflowIds = new(StringComparer.Ordinal);

    /// <summary>Moves the workflow on after <paramref name="task"/> reached a terminal status.</summary>
    private void Decide(WorkflowState workflow, TaskExecution task)
    {
        _activeTaskIds.Remove(task.TaskId);
        Decide(workflow);
    }

    /// <summary>
    /// (Re)evaluates the whole workflow and schedules whatever is due (WorkflowExecutor#decide
    /// with DeciderService#decide). Idempotent; does nothing while the workflow is PAUSED or ended.
    /// Called again while it runs for the same workflow (a child workflow that ends at once), it
    /// makes the running decision go round once more instead of nesting.
    /// </summary>
    private void Decide(WorkflowState workflow)
    {
        if (workflow.IsEnded || workflow.Execution.Status == WorkflowStatus.Paused)
        {
            return;
        }

        if (workflow.Deciding)
        {
            workflow.DecideAgain = true;
            return;
        }

        workflow.Deciding = true;
        try
        {
            _undecidedWorkflowIds.Remove(workflow.Execution.WorkflowId);
            for (var pass = 0; pass < MaxDecisionPasses; pass++)
            {
                workflow.DecideAgain = false;
                bool changed;
                try
                {
                    changed = DecideOnce(workflow);
                }
                catch (TerminateWorkflowException exception)
                {
                    FailWorkflow(workflow, exception.Status, exception.Message, exception.Task);
                    return;
                }

                if (workflow.IsEnded || workflow.Execution.Status == WorkflowStatus.Paused || !(changed || workflow.DecideAgain))
                {
                    return;
                }
            }

            _undecidedWorkflowIds.Add(workflow.Execution.WorkflowId);
        }
        finally
        {
            workflow.Deciding = false;
        }
    }

    /// <summary>One pass of DeciderService#decide; true when anything changed.</summary>
    private bool DecideOnce(WorkflowState workflow)
    {
        var execution = workflow.Execution;
        if (CheckWorkflowTimeout(workflow))
        {
            return true;
        }

        if (execution.Tasks.Count == 0)
        {
            // DeciderService#startWorkflow: nothing is running yet, so the first task.
            ScheduleStep(workflow, workflow.Definition.Tasks![0], iteration: 0, retryOf: null, delaySeconds: 0, inputOverride: null);
            return true;
        }

        var changed = false;

        // Tasks that reached a terminal status: retry, optional, failure, or what comes next.
        // Tasks added during the pass are looked at in the same pass.
        for (var index = 0; index < execution.Tasks.Count; index++)
        {
            var task = execution.Tasks[index];
            if (task.Executed || task.Retried || !task.Status.IsTerminal() || task.Status == TaskExecutionStatus.Skipped)
            {
                continue;
            }

            changed = true;
            _activeTaskIds.Remove(task.TaskId);
            task.Executed = true;
            if (!IsSuccessful(task.Status))
            {
                var step = task.WorkflowTask;
                if (task.Status.IsRetriable() && RetriesLeft(step, task, out var retryTaskDef))
                {
                    // DeciderService#retry: no new attempt once totalTimeoutSeconds has run out since
                    // the first one was scheduled, whatever the timeoutPolicy or optional says.
                    if (TotalTimeoutSpentReason(retryTaskDef!, task) is { } spent)
                    {
                        FailWorkflow(workflow, task.Status == TaskExecutionStatus.TimedOut ? WorkflowStatus.TimedOut : WorkflowStatus.Failed, spent, task);
                        return true;
                    }

                    // DeciderService#retry: a new attempt, after the retry delay of the same definition
                    // plus a random backoffJitterMs.
                    task.Retried = true;
                    var retry = ScheduleStep(workflow, step!, task.Iteration, task, RetryDelaySeconds(retryTaskDef!, task.RetryCount), inputOverride: null);
                    AddRetryJitter(retry, retryTaskDef!);
                    continue;
                }

                if (step?.Optional == true)
                {
                    // An optional step that failed for good lets the workflow go on.
                    task.Status = TaskExecutionStatus.CompletedWithErrors;
                }
                else
                {
                    // DeciderService#retry: the reason names the workflow's new status (FAILED for
                    // FAILED and FAILED_WITH_TERMINAL_ERROR, TIMED_OUT, TERMINATED for CANCELED), not
                    // the task's, and a missing task reason reads 'null' (String.format of null);
                    // WorkflowExecutorOps#terminate makes it the workflow's reasonForIncompletion.
                    var workflowStatus = task.Status switch
                    {
                        TaskExecutionStatus.TimedOut => WorkflowStatus.TimedOut,
                        TaskExecutionStatus.Canceled => WorkflowStatus.Terminated,
                        _ => WorkflowStatus.Failed,
                    };
                    var reason = $"Task {task.TaskId} failed with status: {ConductorNames.Of(workflowStatus)} and reason: '{task.ReasonForIncompletion ?? "null"}'";
                    FailWorkflow(workflow, workflowStatus, reason, task);
                    return true;
                }
            }

            if (task.TaskType == WorkflowTaskTypes.Terminate && task.Status == TaskExecutionStatus.Completed)
            {
                EndByTerminateTask(workflow, task);
                return true;
            }

            ScheduleNext(workflow, task);
            if (workflow.IsEnded)
            {
                return true;
            }
        }

        // System tasks that wait on something look again (the real server's system task worker).
        foreach (var task in execution.Tasks.Where(task => !task.Status.IsTerminal() && !IsWorkerTask(task)).ToList())
        {
            changed |= EvaluateSystemTask(workflow, task);
            if (workflow.IsEnded)
            {
                return true;
            }

            // A system task that just failed (a SUB_WORKFLOW whose child failed) is retried or
            // fails the workflow in the next pass, before any other task looks at it: on the real
            // server the decide that follows the task's update comes first, so a JOIN waiting on
            // it is CANCELED with the workflow, not FAILED (DeciderService#decide).
            if (task.Status.IsTerminal() && !IsSuccessful(task.Status))
            {
                return true;
            }
        }

        // DeciderService#checkForWorkflowCompletion: every task ended and nothing left to schedule.
        if (!changed && execution.Tasks.TrueForAll(task => task.Status.IsTerminal()))
        {
            EndWorkflow(workflow, WorkflowStatus.Completed, reason: null, failedTask: null);
            return true;
        }

        return changed;
    }

    /// <summary>DeciderService#getNextTask: schedules the step after <paramref name="task"/>, if any and not there yet.</summary>
    private void ScheduleNext(WorkflowState workflow, TaskExecution task)
    {
        // A SWITCH/DECISION that scheduled its case goes on from the case's last task.
        if (task.TaskType is WorkflowTaskTypes.Switch or WorkflowTaskTypes.Decision && task.InputData.ContainsKey("hasChildren"))
        {
            return;
        }

        // WorkflowDef#getNextTask: nothing follows a TERMINATE.
        if (task.TaskType == WorkflowTaskTypes.Terminate || task.WorkflowTask is null)
        {
            return;
        }

        var referenceName = task.LoopOverTask ? RemoveIteration(task.ReferenceTaskName) : task.ReferenceTaskName;
        var next = NextStep(workflow.Definition.Tasks!, referenceName);

        // DeciderService#getNextTask and #isTaskSkipped: a step skipped ahead of time
        // (skipTaskFromWorkflow) is passed over for the one after it.
        while (next is not null && next.Type != WorkflowTaskTypes.DoWhile && workflow.Execution.Tasks.Exists(
            existing => existing.Status == TaskExecutionStatus.Skipped && existing.ReferenceTaskName == next.TaskReferenceName))
        {
            next = NextStep(workflow.Definition.Tasks!, next.TaskReferenceName!);
        }

        if (next is null)
        {
            return;
        }

        // DeciderService#filterNextLoopOverTasks: inside a DO_WHILE the next task is of the same iteration.
        var iteration = task.LoopOverTask && task.TaskType != WorkflowTaskTypes.DoWhile ? task.Iteration : 0;
        var nextReferenceName = next.Type == WorkflowTaskTypes.DoWhile || iteration == 0
            ? next.TaskReferenceName!
            : AppendIteration(next.TaskReferenceName!, iteration);

        // The last task of a loop leads back to its DO_WHILE, and a branch's last task to its JOIN:
        // both exist already (WorkflowTask#next, ExecutionDAO#createTasks skips duplicates).
        if (workflow.Execution.Tasks.Exists(existing => existing.ReferenceTaskName == nextReferenceName))
        {
            return;
        }

        ScheduleStep(workflow, next, next.Type == WorkflowTaskTypes.DoWhile ? 0 : iteration, retryOf: null, delaySeconds: 0, inputOverride: null);
    }

    /// <summary>
    /// WorkflowDef#getNextTask and WorkflowTask#next: the step after <paramref name="referenceName"/>
    /// in its list; after the last step of a SWITCH case or FORK branch, the step after the
    /// SWITCH or FORK (for a fork, its JOIN); after the last step of a DO_WHILE, the DO_WHILE.
    /// </summary>
    internal static WorkflowTask? NextStep(List<WorkflowTask> steps, string referenceName)
    {
        var path = new List<(List<WorkflowTask> Steps, int Index, WorkflowTask? Container)>();
        if (!FindPath(steps, container: null, referenceName, path))
        {
            return null;
        }

        for (var level = path.Count - 1; level >= 0; level--)
        {
            var (list, index, container) = path[level];
            if (index + 1 < list.Count)
            {
                return list[index + 1];
            }

            if (container is null)
            {
                return null;
            }

            if (container.Type == WorkflowTaskTypes.DoWhile)
            {
                return container;
            }
        }

        return null;
    }

    private static bool FindPath(List<WorkflowTask> steps, WorkflowTask? container, string referenceName, List<(List<WorkflowTask> Steps, int Index, WorkflowTask? Container)> path)
    {
        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index];
            path.Add((steps, index, container));
            if (step.TaskReferenceName == referenceName)
            {
                return true;
            }

            foreach (var children in Children(step))
            {
                if (FindPath(children, step, referenceName, path))
                {
                    return true;
                }
            }

            path.RemoveAt(path.Count - 1);
        }

        return false;
    }

    /// <summary>WorkflowTask#children: the case lists, the default case, the fork branches, the loop body.</summary>
    internal static IEnumerable<List<WorkflowTask>> Children(WorkflowTask step)
    {
        foreach (var caseTasks in step.DecisionCases?.Values ?? Enumerable.Empty<List<WorkflowTask>>())
        {
            yield return caseTasks;
        }

        if (step.DefaultCase is { } defaultCase)
        {
            yield return defaultCase;
        }

        foreach (var branch in step.ForkTasks ?? [])
        {
            yield return branch;
        }

        if (step.LoopOver is { } loopOver)
        {
            yield return loopOver;
        }
    }

    /// <summary>WorkflowTask#has: true when <paramref name="referenceName"/> is nested somewhere under <paramref name="step"/>.</summary>
    internal static bool Contains(WorkflowTask step, string referenceName) =>
        Children(step).Any(children => children.Exists(child => child.TaskReferenceName == referenceName || Contains(child, referenceName)));

    /// <summary>Every step of a definition, nested ones included.</summary>
    internal static IEnumerable<WorkflowTask> AllSteps(IEnumerable<WorkflowTask> steps)
    {
        foreach (var step in steps)
        {
            yield return step;
            foreach (var nested in Children(step).SelectMany(AllSteps))
            {
                yield return nested;
            }
        }
    }

    /// <summary>
    /// WorkflowExecutorOps#endExecution: a TERMINATE task ended the workflow with its
    /// terminationStatus and terminationReason.
    /// </summary>
    private void EndByTerminateTask(WorkflowState workflow, TaskExecution terminateTask)
    {
        var status = terminateTask.InputData["terminationStatus"]?.ToString();
        var reason = terminateTask.InputData["terminationReason"]?.ToString();
        if (string.IsNullOrWhiteSpace(reason))
        {
            reason = $"Workflow is {status} by TERMINATE task: {terminateTask.TaskId}";
        }

        switch (status)
        {
            case "FAILED":
                FailWorkflow(workflow, WorkflowStatus.Failed, reason, terminateTask);
                break;
            case "TERMINATED":
                FailWorkflow(workflow, WorkflowStatus.Terminated, reason, terminateTask);
                break;
            default:
                EndWorkflow(workflow, WorkflowStatus.Completed, reason, failedTask: null);
                break;
        }
    }

    /// <summary>
    /// WorkflowExecutorOps#terminate: ends the workflow and starts its failureWorkflow, with the
    /// failed run's input, workflowId, reason, failureStatus, failureTaskId and failedWorkflow.
    /// </summary>
    private void FailWorkflow(WorkflowState workflow, WorkflowStatus status, string reason, TaskExecution? failedTask)
    {
        if (workflow.IsEnded)
        {
            return;
        }

        EndWorkflow(workflow, status, reason, failedTask);
        var execution = workflow.Execution;
        var failureWorkflow = workflow.Definition.FailureWorkflow;
        if (string.IsNullOrWhiteSpace(failureWorkflow))
        {
            return;
        }

        if (failureWorkflow.StartsWith('$'))
        {
            // The name given in the input: ${workflow.input.key} read as an expression,
            // $workflow.input.key as the real server reads it (the third part of the path). No
            // name there: no failure workflow, nothing said about it (WorkflowExecutorOps#terminate).
            failureWorkflow = failureWorkflow.StartsWith("${", StringComparison.Ordinal)
                ? ParameterResolver.ResolveObject(new JsonObject { ["name"] = failureWorkflow }, ExpressionContext(workflow))["name"]?.ToString()
                : failureWorkflow.Split('.') is { Length: > 2 } parts ? execution.Input[parts[2]]?.ToString() : null;
            if (string.IsNullOrWhiteSpace(failureWorkflow))
            {
                return;
            }
        }

        var definition = string.IsNullOrWhiteSpace(failureWorkflow) ? null : FindWorkflowDefLocked(failureWorkflow, workflow.Definition.FailureWorkflowVersion);
        if (definition is null)
        {
            execution.Output["conductor.failure_workflow"] =
                $"Error workflow {failureWorkflow} failed to start.  reason: No such workflow found by name: {failureWorkflow}, version: {ConductorNames.Version(workflow.Definition.FailureWorkflowVersion)}";
            return;
        }

        var input = CopyObject(execution.Input);
        input["workflowId"] = execution.WorkflowId;
        input["reason"] = reason;
        input["failureStatus"] = ConductorNames.Of(execution.Status);
        if (execution.FailedTaskId is { } failedTaskId)
        {
            input["failureTaskId"] = failedTaskId;
        }

        input["failedWorkflow"] = System.Text.Json.JsonSerializer.SerializeToNode(execution, ServerJsonContext.Default.WorkflowExecution);
        var started = StartWorkflowLocked(definition, input, execution.CorrelationId, priority: 0, execution.TaskToDomain, parentTask: null);
        execution.Output["conductor.failure_workflow"] = started.Execution.WorkflowId;
    }

    /// <summary>TaskModel.Status#isSuccessful: not a failure (pending statuses count as successful).</summary>
    private static bool IsSuccessful(TaskExecutionStatus status) =>
        status is not (TaskExecutionStatus.Failed or TaskExecutionStatus.FailedWithTerminalError or TaskExecutionStatus.TimedOut or TaskExecutionStatus.Canceled);

    /// <summary>The most recent task with this reference name (WorkflowModel#getTaskByRefName).</summary>
    private static TaskExecution? LatestTask(WorkflowState workflow, string referenceName) =>
        workflow.Execution.Tasks.FindLast(task => task.ReferenceTaskName == referenceName);
}
