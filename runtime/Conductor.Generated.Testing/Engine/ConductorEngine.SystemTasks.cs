using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Conductor's system tasks: what their mappers (core/.../execution/mapper/*TaskMapper.java)
/// create and what their classes (core/.../execution/tasks/*.java) do when started and evaluated.
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>The task types the server runs itself; every other type is a worker's (SIMPLE).</summary>
    internal static readonly HashSet<string> SystemTaskTypes = new(StringComparer.Ordinal)
    {
        WorkflowTaskTypes.Switch, WorkflowTaskTypes.Decision, WorkflowTaskTypes.ForkJoin, WorkflowTaskTypes.ForkJoinDynamic,
        WorkflowTaskTypes.Fork, WorkflowTaskTypes.Join, WorkflowTaskTypes.DoWhile, WorkflowTaskTypes.SubWorkflow,
        WorkflowTaskTypes.StartWorkflow, WorkflowTaskTypes.Dynamic, WorkflowTaskTypes.Wait, WorkflowTaskTypes.Human,
        WorkflowTaskTypes.Inline, LambdaType, WorkflowTaskTypes.JsonJqTransform, WorkflowTaskTypes.SetVariable,
        WorkflowTaskTypes.Terminate, WorkflowTaskTypes.Noop, WorkflowTaskTypes.Http, WorkflowTaskTypes.Event,
    };

    /// <summary>TaskType#isBuiltIn: flow control, never retried.</summary>
    private static readonly HashSet<string> BuiltInTaskTypes = new(StringComparer.Ordinal)
    {
        WorkflowTaskTypes.Decision, WorkflowTaskTypes.Switch, WorkflowTaskTypes.Fork, WorkflowTaskTypes.Join, WorkflowTaskTypes.DoWhile,
    };

    internal const string LambdaType = "LAMBDA";

    /// <summary>SetVariable#validateVariablesSize: the real server's default limit, 256 KB.</summary>
    private const int MaxVariablesBytes = 256 * 1024;

    private static bool IsWorkerTask(TaskExecution task) => !SystemTaskTypes.Contains(task.TaskType);

    /// <summary>A type the test server runs: SIMPLE or one of its system tasks (FORK is only a run's task).</summary>
    internal static bool IsRunnableType(string type) =>
        type == WorkflowTaskTypes.Simple || (SystemTaskTypes.Contains(type) && type != WorkflowTaskTypes.Fork);

    /// <summary>System tasks with a <see cref="TaskState.DueAt"/>: the sweep decides their workflow when it has passed.</summary>
    private readonly HashSet<string> _dueTaskIds = new(StringComparer.Ordinal);

    /// <summary>The task of a system step; started at once, or after its startDelay.</summary>
    private TaskExecution ScheduleSystemTask(WorkflowState workflow, WorkflowTask step, int iteration, TaskExecution? retryOf, int delaySeconds, JsonObject? inputOverride)
    {
        var type = step.Type;
        var taskType = type is WorkflowTaskTypes.ForkJoin or WorkflowTaskTypes.ForkJoinDynamic ? WorkflowTaskTypes.Fork : type;

        // SwitchTaskMapper, DecisionTaskMapper, ForkJoinTaskMapper, JoinTaskMapper: the type is the definition's name.
        var taskDefName = taskType is WorkflowTaskTypes.Switch or WorkflowTaskTypes.Decision or WorkflowTaskTypes.Fork or WorkflowTaskTypes.Join
            ? taskType
            : step.Name!;
        // The step's definition: populated when the run started (MetadataMapperService), or set
        // when a dynamic fork created the step (ForkJoinDynamicTaskMapper), or none.
        var taskDef = step.TaskDefinition;
        var task = NewTask(workflow, step, taskType, taskDefName, iteration, retryOf);
        task.TaskDefinition = taskDef;
        task.InputData = inputOverride ?? ResolveTaskInput(workflow, step, taskDef, task.TaskId);
        AddTask(workflow, task);
        ServerLog.TaskScheduled(_logger, task.TaskId, task.ReferenceTaskName, task.RetryCount, taskType);

        if (retryOf is null && step.StartDelay > 0)
        {
            delaySeconds = step.StartDelay;
        }

        if (delaySeconds > 0)
        {
            task.StartDelayInSeconds = delaySeconds;
            task.CallbackAfterSeconds = delaySeconds;
            MarkDue(_tasks[task.TaskId], task.ScheduledTime + (delaySeconds * 1000L), $"the start delay of {task.TaskType} task {task.ReferenceTaskName}");
            return task;
        }

        StartSystemTask(workflow, task);
        return task;
    }

    /// <summary>WorkflowSystemTask#start (and #execute for the tasks that finish at once).</summary>
    private void StartSystemTask(WorkflowState workflow, TaskExecution task)
    {
        var step = task.WorkflowTask!;
        task.StartTime = Now;
        task.UpdateTime = task.StartTime;
        switch (step.Type)
        {
            case WorkflowTaskTypes.Switch:
            case WorkflowTaskTypes.Decision:
                StartSwitch(workflow, task, step);
                break;
            case WorkflowTaskTypes.ForkJoin:
                StartFork(workflow, task, step);
                break;
            case WorkflowTaskTypes.ForkJoinDynamic:
                var firstAdded = workflow.Execution.Tasks.IndexOf(task);
                try
                {
                    StartDynamicFork(workflow, task, step);
                }
                catch (TerminateWorkflowException)
                {
                    // ForkJoinDynamicTaskMapper#getMappedTasks throws before any task it maps is
                    // stored: the run ends without the fork task (and without what it forked).
                    RemoveTasks(workflow, workflow.Execution.Tasks.Skip(firstAdded).ToList());
                    throw;
                }

                break;
            case WorkflowTaskTypes.Join:
                // JoinTaskMapper#getMappedTasks: the input is the list to wait for; Join#execute looks at it.
                if (!task.InputData.ContainsKey("joinOn"))
                {
                    task.InputData = new JsonObject { ["joinOn"] = new JsonArray([.. (step.JoinOn ?? []).Select(name => JsonValue.Create(name))]) };
                }

                task.Status = TaskExecutionStatus.InProgress;
                break;
            case WorkflowTaskTypes.DoWhile:
                // DoWhileTaskMapper#getMappedTasks, then DoWhile#execute schedules the first iteration.
                task.Status = TaskExecutionStatus.InProgress;
                EvaluateDoWhile(workflow, task);
                break;
            case WorkflowTaskTypes.SubWorkflow:
                StartSubWorkflow(workflow, task, step);
                break;
            case WorkflowTaskTypes.StartWorkflow:
                StartOtherWorkflow(workflow, task);
                break;
            case WorkflowTaskTypes.Wait:
                StartWait(task);
                break;
            case WorkflowTaskTypes.Human:
                // Human#start: waits until a task update completes it.
                task.Status = TaskExecutionStatus.InProgress;
                break;
            case WorkflowTaskTypes.Inline:
                RunInline(task);
                break;
            case LambdaType:
                RunLambda(task);
                break;
            case WorkflowTaskTypes.JsonJqTransform:
                StartJq(workflow, task);
                break;
            case WorkflowTaskTypes.SetVariable:
                SetVariables(workflow, task);
                break;
            case WorkflowTaskTypes.Terminate:
                RunTerminate(task);
                break;
            case WorkflowTaskTypes.Noop:
                Finish(task, TaskExecutionStatus.Completed, reason: null); // Noop#execute
                break;
            case WorkflowTaskTypes.Http:
                StartHttp(workflow, task);
                break;
            case WorkflowTaskTypes.Event:
                RunEvent(workflow, task);
                break;
            default:
                throw new TerminateWorkflowException($"Task type {step.Type} is not supported by the Conductor test server");
        }

        ScheduleTimeoutCheck(task);
    }

    /// <summary>Looks again at a system task that waits on something; true when it changed.</summary>
    private bool EvaluateSystemTask(WorkflowState workflow, TaskExecution task)
    {
        var state = _tasks[task.TaskId];
        if (task.Status == TaskExecutionStatus.Scheduled)
        {
            // A startDelay or retry delay that has passed.
            if (state.DueAt > 0 && Now >= state.DueAt)
            {
                state.DueAt = 0;
                _dueTaskIds.Remove(task.TaskId);
                StartSystemTask(workflow, task);
                return true;
            }

            return false;
        }

        switch (task.TaskType)
        {
            case WorkflowTaskTypes.Join:
                return EvaluateJoin(workflow, task);
            case WorkflowTaskTypes.DoWhile:
                return EvaluateDoWhile(workflow, task);
            case WorkflowTaskTypes.SubWorkflow:
                return EvaluateSubWorkflow(task);
            case WorkflowTaskTypes.Wait:
                // Wait#execute: done once its time has come; without one, only a task update ends it.
                if (state.DueAt > 0 && Now >= state.DueAt)
                {
                    state.DueAt = 0;
                    _dueTaskIds.Remove(task.TaskId);
                    Finish(task, TaskExecutionStatus.Completed, reason: null);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private void Finish(TaskExecution task, TaskExecutionStatus status, string? reason)
    {
        var now = Now;
        task.Status = status;
        if (reason is not null)
        {
            task.ReasonForIncompletion = Truncate(reason);
        }

        if (task.StartTime == 0)
        {
            task.StartTime = now;
        }

        task.EndTime = status.IsTerminal() ? now : 0;
        task.UpdateTime = now;
    }

    // ---- SWITCH and DECISION ------------------------------------------------------------------

    /// <summary>
    /// SwitchTaskMapper#getMappedTasks and DecisionTaskMapper#getMappedTasks: evaluates the case,
    /// completes (Switch#execute, Decision#execute) and schedules the first task of the case.
    /// </summary>
    private void StartSwitch(WorkflowState workflow, TaskExecution task, WorkflowTask step)
    {
        string caseValue;
        List<WorkflowTask>? selected;
        var input = task.InputData;
        if (step.Type == WorkflowTaskTypes.Switch)
        {
            try
            {
                // Evaluators: ValueParamEvaluator reads the input key; JavascriptEvaluator and GraalJSEvaluator run the script.
                var result = step.EvaluatorType == "value-param"
                    ? input[step.Expression ?? ""]
                    : ScriptEvaluator.Evaluate(step.Expression ?? "", input);
                caseValue = CaseString(result);
            }
            catch (ScriptException exception)
            {
                Finish(task, TaskExecutionStatus.Failed, exception.Message);
                return;
            }

            input["case"] = caseValue;
            task.OutputData["evaluationResult"] = new JsonArray(caseValue);
            task.OutputData["selectedCase"] = caseValue;

            // An explicitly empty case runs nothing; only a missing case falls back to the default.
            selected = step.DecisionCases?.GetValueOrDefault(caseValue) ?? step.DefaultCase;
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(step.CaseExpression))
            {
                try
                {
                    caseValue = CaseString(ScriptEvaluator.Evaluate(step.CaseExpression, input));
                }
                catch (ScriptException)
                {
                    throw new TerminateWorkflowException($"Error while evaluating script: {step.CaseExpression}");
                }
            }
            else
            {
                caseValue = CaseString(input[step.CaseValueParam ?? ""]);
            }

            input["case"] = caseValue;
            task.OutputData["caseOutput"] = new JsonArray(caseValue);
            selected = step.DecisionCases?.GetValueOrDefault(caseValue) is { Count: > 0 } matched ? matched : step.DefaultCase;
        }

        Finish(task, TaskExecutionStatus.Completed, reason: null);
        if (selected is { Count: > 0 })
        {
            input["hasChildren"] = "true";
            ScheduleStep(workflow, selected[0], task.Iteration, retryOf: null, delaySeconds: 0, inputOverride: null);
        }
    }

    /// <summary>Java's <c>"" + value</c>: the case a value selects.</summary>
    internal static string CaseString(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }

        if (value is JsonValue scalar)
        {
            if (scalar.TryGetValue(out string? text))
            {
                return text;
            }

            if (scalar.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return scalar.GetValueKind() == JsonValueKind.True ? "true" : "false";
            }

            if (scalar.TryGetValue(out long whole))
            {
                return whole.ToString(CultureInfo.InvariantCulture);
            }

            if (scalar.TryGetValue(out double number))
            {
                return number == Math.Floor(number) && Math.Abs(number) < 1e7
                    ? number.ToString("0.0", CultureInfo.InvariantCulture)
                    : number.ToString("R", CultureInfo.InvariantCulture);
            }
        }

        return value.ToJsonString();
    }

    // ---- FORK_JOIN, FORK_JOIN_DYNAMIC and JOIN ----------------------------------------------------

    /// <summary>ForkJoinTaskMapper#getMappedTasks: a completed FORK, the first task of each branch, and the JOIN.</summary>
    private void StartFork(WorkflowState workflow, TaskExecution task, WorkflowTask step)
    {
        Finish(task, TaskExecutionStatus.Completed, reason: null);
        foreach (var branch in step.ForkTasks ?? [])
        {
            if (branch.Count > 0)
            {
                ScheduleStep(workflow, branch[0], task.Iteration, retryOf: null, delaySeconds: 0, inputOverride: null);
            }
        }

        var join = JoinAfter(workflow, step, "Fork task definition is not followed by a join task.  Check the workflow definition.");
        ScheduleStep(workflow, join, task.Iteration, retryOf: null, delaySeconds: 0, inputOverride: null);
    }

    private static WorkflowTask JoinAfter(WorkflowState workflow, WorkflowTask step, string message)
    {
        var join = NextStep(workflow.Definition.Tasks!, step.TaskReferenceName!);
        return join is { Type: WorkflowTaskTypes.Join } ? join : throw new TerminateWorkflowException(message);
    }

    /// <summary>
    /// ForkJoinDynamicTaskMapper#getMappedTasks: the tasks to fork come from the input, either
    /// forkTaskName/forkTaskType/forkTaskWorkflow with a forkTaskInputs list
    /// (#getDynamicTasksSimple) or a task list and an input map named by dynamicForkTasksParam
    /// and dynamicForkTasksInputParamName (#getDynamicForkTasksAndInput).
    /// </summary>
    private void StartDynamicFork(WorkflowState workflow, TaskExecution task, WorkflowTask step)
    {
        var input = task.InputData;
        List<WorkflowTask> forked;
        if (input["forkTaskInputs"] is JsonArray forkInputs)
        {
            forked = SimpleDynamicForkTasks(workflow, task, step, input, forkInputs);
        }
        else
        {
            var tasksNode = input[step.DynamicForkTasksParam ?? ""];
            try
            {
                forked = tasksNode is JsonArray
                    ? tasksNode.Deserialize(ServerJsonContext.Default.ListWorkflowTask) ?? []
                    : throw new JsonException();
                if (forked.Exists(forkedStep => forkedStep is null || string.IsNullOrEmpty(forkedStep.TaskReferenceName)))
                {
                    throw new JsonException();
                }
            }
            catch (JsonException)
            {
                throw new TerminateWorkflowException(
                    $"Input '{step.DynamicForkTasksParam}' is invalid. Cannot deserialize a list of Workflow Tasks from '{tasksNode?.ToJsonString() ?? "null"}'");
            }

            var inputs = input[step.DynamicForkTasksInputParamName ?? ""] as JsonObject
                ?? throw new TerminateWorkflowException(
                    $"Input to the dynamically forked tasks is not a map -> expecting a map of K,V  but found {input[step.DynamicForkTasksInputParamName ?? ""]?.ToJsonString() ?? "null"}");
            foreach (var forkedStep in forked)
            {
                forkedStep.InputParameters ??= [];
                if (inputs[forkedStep.TaskReferenceName!] is JsonObject forkedInput)
                {
                    foreach (var (key, value) in forkedInput)
                    {
                        forkedStep.InputParameters[key] = value?.DeepClone();
                    }
                }
            }
        }

        foreach (var forkedStep in forked.Where(forkedStep => !string.IsNullOrEmpty(forkedStep.Type) && !IsRunnableType(forkedStep.Type)))
        {
            throw new TerminateWorkflowException($"Task type {forkedStep.Type} of dynamically forked task {forkedStep.TaskReferenceName} is not supported by the Conductor test server");
        }

        // ForkJoinDynamicTaskMapper#getDynamicForkTasksAndInput and #getDynamicTasksSimple: a
        // forked step is not in the definition tree, so it takes the registration as it is now,
        // unless it embeds a definition; without either it has none (no ad-hoc one).
        foreach (var forkedStep in forked.Where(forkedStep => forkedStep.TaskDefinition is null && !string.IsNullOrEmpty(forkedStep.Name)))
        {
            forkedStep.TaskDefinition = _taskDefinitions.GetValueOrDefault(forkedStep.Name!);
        }

        // ForkJoinDynamicTaskMapper#createDynamicForkTask
        var forkedNames = forked.Select(forkedStep => forkedStep.TaskReferenceName!).ToList();
        input["forkedTasks"] = new JsonArray([.. forkedNames.Select(name => JsonValue.Create(name))]);
        input["forkedTaskDefs"] = JsonSerializer.SerializeToNode(forked, ServerJsonContext.Default.ListWorkflowTask);
        Finish(task, TaskExecutionStatus.Completed, reason: null);

        var joinOn = new JsonArray();
        foreach (var forkedStep in forked)
        {
            if (workflow.Execution.Tasks.Exists(existing => existing.ReferenceTaskName == forkedStep.TaskReferenceName))
            {
                throw new TerminateWorkflowException(
                    $"No dynamic tasks could be created for the Workflow: {ShortString(workflow.Execution)}, Dynamic Fork Task: {forkedStep.TaskReferenceName} attempted to create a duplicate task reference name: {forkedStep.TaskReferenceName}");
            }

            ScheduleStep(workflow, forkedStep, task.Iteration, retryOf: null, delaySeconds: 0, inputOverride: null);
            joinOn.Add((JsonNode?)JsonValue.Create(forkedStep.TaskReferenceName));
        }

        var join = JoinAfter(workflow, step, "Dynamic join definition is not followed by a join task.  Check the workflow definition.");
        var joinInput = CopyObject(join.InputParameters);
        joinInput["joinOn"] = joinOn;
        ScheduleStep(workflow, join, task.Iteration, retryOf: null, delaySeconds: 0, inputOverride: joinInput);
    }

    /// <summary>ForkJoinDynamicTaskMapper#getDynamicTasksSimple: one task per forkTaskInputs item, named _name_index.</summary>
    private static List<WorkflowTask> SimpleDynamicForkTasks(WorkflowState workflow, TaskExecution fork, WorkflowTask step, JsonObject input, JsonArray forkInputs)
    {
        var subWorkflowName = input["forkTaskWorkflow"]?.ToString();
        int? subWorkflowVersion = int.TryParse(input["forkTaskWorkflowVersion"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var forkTaskType = input["forkTaskType"]?.ToString();
        var forkTaskName = input["forkTaskName"]?.ToString();
        if (forkTaskType is not null && SystemTaskTypes.Contains(forkTaskType) && forkTaskName is null)
        {
            forkTaskName = forkTaskType;
        }

        forkTaskName ??= step.TaskReferenceName!;
        forkTaskType ??= WorkflowTaskTypes.Simple;
        // A second dynamic fork in the run prefixes its tasks with its own reference name.
        var moreThanOneFork = workflow.Execution.Tasks.Exists(existing => existing != fork && existing.WorkflowTask?.Type == WorkflowTaskTypes.ForkJoinDynamic);
        var forked = new List<WorkflowTask>(forkInputs.Count);
        for (var index = 0; index < forkInputs.Count; index++)
        {
            var item = forkInputs[index];
            var parameters = item is JsonObject map ? CopyObject(map) : new JsonObject { ["input"] = item?.DeepClone() };
            var name = subWorkflowName ?? forkTaskName;
            var forkedStep = new WorkflowTask
            {
                Name = name,
                Type = subWorkflowName is null ? forkTaskType : WorkflowTaskTypes.SubWorkflow,
                TaskReferenceName = moreThanOneFork
                    ? string.Create(CultureInfo.InvariantCulture, $"_{step.TaskReferenceName}_{name}_{index}")
                    : string.Create(CultureInfo.InvariantCulture, $"_{name}_{index}"),
                Optional = step.Optional,
                InputParameters = parameters,
            };
            if (subWorkflowName is not null)
            {
                forkedStep.SubWorkflowParam = new SubWorkflowParams
                {
                    Name = subWorkflowName,
                    Version = subWorkflowVersion,
                    TaskToDomain = (parameters["taskToDomain"] as JsonObject)?.Deserialize(ServerJsonContext.Default.DictionaryStringString),
                };
            }

            parameters["__index"] = index;
            forked.Add(forkedStep);
        }

        return forked;
    }

    /// <summary>
    /// Join#execute: done when every joinOn task ended; the output holds each one's output by
    /// reference name. A failed, non-optional task fails the join (CANCELED when only canceled
    /// ones failed); optional failures make it COMPLETED_WITH_ERRORS.
    /// </summary>
    private bool EvaluateJoin(WorkflowState workflow, TaskExecution join)
    {
        var joinOn = (join.InputData["joinOn"] as JsonArray)?.Select(name => name?.ToString() ?? "").ToList() ?? [];
        if (join.LoopOverTask)
        {
            joinOn = [.. joinOn.Select(name => AppendIteration(name, join.Iteration))];
        }

        var joined = joinOn.Select(name => (Name: name, Task: LatestTask(workflow, name))).ToList();
        if (joined.Exists(pair => pair.Task is { Executed: false } task && task.Status.IsTerminal() && !IsSuccessful(task.Status)))
        {
            // A joined task that has just failed in this pass (a SUB_WORKFLOW whose child failed)
            // is the decider's first: it may be retried (DeciderService#retry), and Join#execute
            // then sees the new attempt, the latest by reference name. The next pass looks again.
            return false;
        }

        var allTerminal = joined.TrueForAll(pair => pair.Task is { } task && task.Status.IsTerminal());
        var optionalFailures = new StringBuilder();
        foreach (var (name, forked) in joined)
        {
            if (forked is null)
            {
                continue;
            }

            if (forked.OutputData.Count > 0)
            {
                join.OutputData[name] = forked.OutputData.DeepClone();
            }

            if (!IsSuccessful(forked.Status) && forked.WorkflowTask?.Optional != true)
            {
                var failed = joined.Where(pair => pair.Task is { } task && !IsSuccessful(task.Status)).Select(pair => pair.Task!).ToList();
                var reason = string.Join(' ', failed.Select(task => task.ReasonForIncompletion).Where(text => text is not null));
                var onlyCanceled = failed.Where(task => task.WorkflowTask?.Optional != true).All(task => task.Status == TaskExecutionStatus.Canceled);
                Finish(join, onlyCanceled ? TaskExecutionStatus.Canceled : TaskExecutionStatus.Failed, reason);
                return true;
            }

            if (forked.WorkflowTask?.Optional == true && forked.Status == TaskExecutionStatus.CompletedWithErrors)
            {
                optionalFailures.Append(CultureInfo.InvariantCulture, $"{forked.TaskDefName}/{forked.TaskId} ");
            }
        }

        if (!allTerminal)
        {
            return false;
        }

        if (optionalFailures.Length > 0)
        {
            Finish(join, TaskExecutionStatus.CompletedWithErrors, optionalFailures.Append("completed with errors").ToString());
        }
        else
        {
            Finish(join, TaskExecutionStatus.Completed, reason: null);
        }

        return true;
    }

    // ---- DO_WHILE ---------------------------------------------------------------------------------

    /// <summary>
    /// DoWhile#execute: gathers the current iteration's tasks (the latest attempt of each), writes
    /// their outputs under the iteration number, fails on a failed task, and once every task of
    /// the iteration ended evaluates loopCondition (and the items list) to start the next
    /// iteration or complete.
    /// </summary>
    private bool EvaluateDoWhile(WorkflowState workflow, TaskExecution loop)
    {
        var step = loop.WorkflowTask!;
        var relevant = new Dictionary<string, TaskExecution>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var task in workflow.Execution.Tasks)
        {
            if (task != loop && task.Iteration == loop.Iteration && task.ReferenceTaskName != loop.ReferenceTaskName && Contains(step, RemoveIteration(task.ReferenceTaskName)))
            {
                if (!relevant.TryGetValue(task.ReferenceTaskName, out var seen))
                {
                    order.Add(task.ReferenceTaskName);
                    relevant[task.ReferenceTaskName] = task;
                }
                else if (task.RetryCount > seen.RetryCount)
                {
                    relevant[task.ReferenceTaskName] = task;
                }
            }
        }

        if (relevant.Count == 0)
        {
            if (IsListIteration(step) && LoopItems(workflow, step).Count == 0)
            {
                loop.OutputData["iteration"] = 0;
                Finish(loop, TaskExecutionStatus.Completed, reason: null);
                return true;
            }

            return StartIteration(workflow, loop, 1);
        }

        var iterationOutput = new JsonObject();
        var failure = new StringBuilder();
        foreach (var task in order.Select(name => relevant[name]))
        {
            var failed = !IsSuccessful(task.Status);
            if (failed)
            {
                failure.Append(task.ReasonForIncompletion).Append(' ');
            }

            iterationOutput[RemoveIteration(task.ReferenceTaskName)] = task.OutputData.DeepClone();
            if (failed)
            {
                break;
            }
        }

        loop.OutputData[loop.Iteration.ToString(CultureInfo.InvariantCulture)] = iterationOutput;
        if (step.InputParameters?["keepLastN"] is JsonValue keepValue && keepValue.TryGetValue(out int keepLastN) && keepLastN > 0 && loop.Iteration > keepLastN)
        {
            RemoveOldIterations(workflow, loop, keepLastN);
        }

        if (failure.Length > 0)
        {
            Finish(loop, TaskExecutionStatus.Failed, failure.ToString());
            return true;
        }

        // DoWhile#isIterationComplete: every task of the loop body ran and ended, and whatever
        // follows each one inside the loop has been scheduled.
        var complete = step.LoopOver!.TrueForAll(child => relevant.TryGetValue(AppendIteration(child.TaskReferenceName!, loop.Iteration), out var task) && task.Status.IsTerminal())
            && relevant.Values.All(task => task.Status.IsTerminal() && (task.Executed || task.Retried));
        if (!complete)
        {
            return false;
        }

        bool again;
        try
        {
            again = EvaluateLoopCondition(workflow, loop, step);
        }
        catch (ScriptException exception)
        {
            Finish(loop, TaskExecutionStatus.FailedWithTerminalError, $"Unable to evaluate condition {step.LoopCondition}, exception {exception.Message}");
            return true;
        }

        if (again)
        {
            return StartIteration(workflow, loop, loop.Iteration + 1);
        }

        Finish(loop, TaskExecutionStatus.Completed, reason: null);
        return true;
    }

    /// <summary>WorkflowExecutorOps#scheduleNextIteration: the first task of the body, named ref__iteration.</summary>
    private bool StartIteration(WorkflowState workflow, TaskExecution loop, int iteration)
    {
        var step = loop.WorkflowTask!;
        loop.Iteration = iteration;
        loop.OutputData["iteration"] = iteration;
        if (IsListIteration(step))
        {
            // DoWhile#injectLoopVariables
            var items = LoopItems(workflow, step);
            loop.OutputData["loopIndex"] = iteration - 1;
            if (iteration - 1 < items.Count)
            {
                loop.OutputData["loopItem"] = items[iteration - 1]?.DeepClone();
            }
        }

        loop.UpdateTime = Now;
        ScheduleTimeoutCheck(loop);
        ScheduleStep(workflow, step.LoopOver![0], iteration, retryOf: null, delaySeconds: 0, inputOverride: null);
        return true;
    }

    /// <summary>DoWhile#evaluateCondition: <c>$</c> holds the loop's input, its output by its name, and each body task's output by name.</summary>
    private static bool EvaluateLoopCondition(WorkflowState workflow, TaskExecution loop, WorkflowTask step)
    {
        var input = ResolveTaskInput(workflow, step, null, loop.TaskId);
        input[loop.ReferenceTaskName] = loop.OutputData.DeepClone();
        foreach (var task in workflow.Execution.Tasks.Where(task => task != loop && Contains(step, RemoveIteration(task.ReferenceTaskName))))
        {
            input[RemoveIteration(task.ReferenceTaskName)] = task.OutputData.DeepClone();
        }

        if (IsListIteration(step))
        {
            var items = LoopItems(workflow, step);
            var loopIndex = loop.Iteration - 1;
            input["loopIndex"] = loopIndex;
            if (loopIndex >= 0 && loopIndex < items.Count)
            {
                input["loopItem"] = items[loopIndex]?.DeepClone();
            }

            var hasMoreItems = loopIndex < items.Count - 1;
            return string.IsNullOrWhiteSpace(step.LoopCondition)
                ? hasMoreItems
                : ScriptEvaluator.IsTrue(ScriptEvaluator.Evaluate(step.LoopCondition, input)) && hasMoreItems;
        }

        return step.LoopCondition is not null && ScriptEvaluator.IsTrue(ScriptEvaluator.Evaluate(step.LoopCondition, input));
    }

    /// <summary>DoWhile#isListIteration: an <c>items</c> expression, or <c>_items</c> in the input parameters.</summary>
    private static bool IsListIteration(WorkflowTask step) =>
        !string.IsNullOrWhiteSpace(step.Items) || step.InputParameters?["_items"] is JsonArray or JsonValue;

    /// <summary>DoWhile#evaluateItemsList.</summary>
    private static List<JsonNode?> LoopItems(WorkflowState workflow, WorkflowTask step)
    {
        JsonNode? items = null;
        if (!string.IsNullOrWhiteSpace(step.Items))
        {
            items = ParameterResolver.ResolveObject(new JsonObject { ["items"] = step.Items }, ExpressionContext(workflow))["items"];
        }

        if (items is null && step.InputParameters?.ContainsKey("_items") == true)
        {
            items = ParameterResolver.ResolveObject(new JsonObject { ["_items"] = step.InputParameters["_items"]?.DeepClone() }, ExpressionContext(workflow))["_items"];
        }

        return items switch
        {
            null => [],
            JsonArray array => [.. array],
            _ => [items],
        };
    }

    /// <summary>DoWhile#removeIterations: keepLastN drops the outputs and tasks of older iterations.</summary>
    private void RemoveOldIterations(WorkflowState workflow, TaskExecution loop, int keepLastN)
    {
        var last = loop.Iteration - keepLastN;
        for (var iteration = 1; iteration <= last; iteration++)
        {
            loop.OutputData.Remove(iteration.ToString(CultureInfo.InvariantCulture));
        }

        var step = loop.WorkflowTask!;
        foreach (var old in workflow.Execution.Tasks.Where(task => task != loop && task.Iteration <= last && task.Iteration > 0 && task.Status.IsTerminal() && Contains(step, RemoveIteration(task.ReferenceTaskName))).ToList())
        {
            workflow.Execution.Tasks.Remove(old);
            _tasks.Remove(old.TaskId);
            _activeTaskIds.Remove(old.TaskId);
        }
    }

    // ---- SUB_WORKFLOW and START_WORKFLOW ----------------------------------------------------------

    /// <summary>
    /// SubWorkflowTaskMapper#getMappedTasks and SubWorkflow#start: starts the child (registered
    /// by name and version, or the inline definition, given as is or by an expression read now)
    /// with the task's input, the parent's correlation id and its taskToDomain unless the step
    /// gives one, under the id IDGenerator#generateSubWorkflowId derives from the task.
    /// </summary>
    private void StartSubWorkflow(WorkflowState workflow, TaskExecution task, WorkflowTask step)
    {
        var parameters = step.SubWorkflowParam!;
        var unnamed = parameters.AdditionalProperties ?? new Dictionary<string, JsonElement>();
        var resolved = ParameterResolver.ResolveObject(
            new JsonObject
            {
                ["name"] = parameters.Name,
                ["version"] = parameters.Version,
                ["priority"] = parameters.Priority,
                ["taskToDomain"] = parameters.TaskToDomain is null ? null : JsonSerializer.SerializeToNode(parameters.TaskToDomain, ServerJsonContext.Default.DictionaryStringString),
                ["idempotencyKey"] = unnamed.TryGetValue("idempotencyKey", out var key) ? JsonNode.Parse(key.GetRawText()) : null,
                ["idempotencyStrategy"] = unnamed.TryGetValue("idempotencyStrategy", out var strategy) ? JsonNode.Parse(strategy.GetRawText()) : null,
                ["workflowDefinition"] = parameters.WorkflowDefinitionExpression,
            },
            ExpressionContext(workflow));
        var workflowInput = task.InputData;

        // SubWorkflowTaskMapper#getSubWorkflowInputParameters: an expression is read now; its
        // value, converted as SubWorkflow#start converts it, is the definition to run.
        var inlineDefinition = parameters.WorkflowDefinition;
        if (resolved["workflowDefinition"] is JsonObject fromExpression)
        {
            try
            {
                inlineDefinition = fromExpression.Deserialize(ServerJsonContext.Default.WorkflowDef);
            }
            catch (JsonException exception)
            {
                Finish(task, TaskExecutionStatus.Failed, $"{parameters.WorkflowDefinitionExpression} is not a workflow definition: {exception.Message}");
                return;
            }
        }

        var name = inlineDefinition?.Name ?? resolved["name"]?.ToString();

        // SubWorkflowTaskMapper#getSubWorkflowVersion: without an inline definition, the version
        // given (0 included) or else the latest registered now; none fails the workflow.
        int? version = null;
        if (inlineDefinition is null)
        {
            version = resolved["version"] is JsonValue versionValue && versionValue.TryGetValue(out int number)
                ? number
                : (name is null ? null : FindWorkflowDefLocked(name, version: null)?.Version)
                    ?? throw new TerminateWorkflowException($"The Task {name} defined as a sub-workflow has no workflow definition available ");
        }

        var givenTaskToDomain = resolved["taskToDomain"] as JsonObject;
        var taskToDomain = givenTaskToDomain is not null
            ? givenTaskToDomain.Deserialize(ServerJsonContext.Default.DictionaryStringString)
            : workflow.Execution.TaskToDomain;
        int? priority = resolved["priority"] is JsonValue priorityValue && priorityValue.TryGetValue(out int level) ? level : null;

        task.InputData = new JsonObject
        {
            ["subWorkflowName"] = name,
            ["subWorkflowVersion"] = version,
            ["priority"] = priority,
            ["workflowInput"] = workflowInput,
        };
        if (givenTaskToDomain is not null)
        {
            task.InputData["subWorkflowTaskToDomain"] = givenTaskToDomain.DeepClone();
        }

        if (inlineDefinition is not null)
        {
            task.InputData["subWorkflowDefinition"] = JsonSerializer.SerializeToNode(inlineDefinition, ServerJsonContext.Default.WorkflowDef);
        }

        foreach (var forwarded in (string[])["idempotencyKey", "idempotencyStrategy"])
        {
            // Forwarded as the real mapper does; the open-source executor carries them in
            // StartWorkflowInput without acting on them, and so does this server.
            if (resolved[forwarded] is { } value)
            {
                task.InputData[forwarded] = value.DeepClone();
            }
        }

        // SubWorkflow#start: version 0 takes the latest.
        var definition = inlineDefinition ?? (name is null ? null : FindWorkflowDefLocked(name, version == 0 ? null : version));
        if (definition is null)
        {
            Finish(task, TaskExecutionStatus.Failed, $"No such workflow found by name: {name}, version: {ConductorNames.Version(version)}");
            return;
        }

        var errors = new List<ValidationError>();
        DefinitionValidator.Validate(definition, "subWorkflowParam.workflowDefinition", errors);
        if (errors.Count > 0)
        {
            Finish(task, TaskExecutionStatus.Failed, string.Join("; ", errors.Select(error => $"{error.Path}: {error.Message}")));
            return;
        }

        // SubWorkflow#start: an empty workflowInput gives the child the task's whole input; a
        // child run from an inline definition is marked in _systemMetadata.dynamic.
        var childInput = workflowInput.Count == 0 ? task.InputData : workflowInput;
        if (inlineDefinition is not null)
        {
            childInput = (JsonObject)childInput.DeepClone();
            var systemMetadata = childInput["_systemMetadata"] as JsonObject ?? [];
            systemMetadata["dynamic"] = true;
            childInput["_systemMetadata"] = systemMetadata;
        }

        task.Status = TaskExecutionStatus.InProgress;
        var childId = SubWorkflowId(task);
        var child = StartWorkflowLocked(definition, childInput, workflow.Execution.CorrelationId, priority ?? 0, taskToDomain, parentTask: task, _workflows.ContainsKey(childId) ? null : childId);
        task.SubWorkflowId = child.Execution.WorkflowId;
        task.OutputData["subWorkflowId"] = child.Execution.WorkflowId;
        EvaluateSubWorkflow(task); // a child made of system tasks may have ended already
    }

    /// <summary>
    /// IDGenerator#generateSubWorkflowId: the child's id is the name-based (MD5, version 3) UUID
    /// of <c>subworkflow:PARENT_ID:TASK_ID:RETRY_COUNT</c>, as Java's UUID#nameUUIDFromBytes.
    /// </summary>
    private static string SubWorkflowId(TaskExecution task)
    {
#pragma warning disable CA5351 // Not for security: the real server derives the id with this very hash.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"subworkflow:{task.WorkflowInstanceId}:{task.TaskId}:{task.RetryCount}")));
#pragma warning restore CA5351
        hash[6] = (byte)((hash[6] & 0x0f) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        var hex = Convert.ToHexStringLower(hash);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>SubWorkflow#execute and #updateTaskStatus: the task follows its child's end, with the child's output.</summary>
    private bool EvaluateSubWorkflow(TaskExecution task)
    {
        if (task.SubWorkflowId is not { } childId || !_workflows.TryGetValue(childId, out var child) || !child.IsEnded)
        {
            return false;
        }

        var execution = child.Execution;
        var status = execution.Status switch
        {
            WorkflowStatus.Completed => TaskExecutionStatus.Completed,
            WorkflowStatus.Failed => TaskExecutionStatus.Failed,
            WorkflowStatus.TimedOut => TaskExecutionStatus.TimedOut,
            _ => TaskExecutionStatus.Canceled,
        };
        foreach (var (key, value) in execution.Output)
        {
            task.OutputData[key] = value?.DeepClone();
        }

        Finish(task, status, status == TaskExecutionStatus.Completed ? null : $"Sub workflow {ShortString(execution)} failure reason: {execution.ReasonForIncompletion}");
        return true;
    }

    /// <summary>WorkflowModel#toShortString.</summary>
    private static string ShortString(WorkflowExecution execution) =>
        string.Create(CultureInfo.InvariantCulture, $"{execution.WorkflowName}.{execution.WorkflowVersion}/{execution.WorkflowId}");

    /// <summary>
    /// StartWorkflow#start: starts the workflow the <c>startWorkflow</c> input describes and
    /// completes at once with its id (the new workflow is not a child).
    /// </summary>
    private void StartOtherWorkflow(WorkflowState workflow, TaskExecution task)
    {
        if (task.InputData["startWorkflow"] is not JsonObject requestNode)
        {
            Finish(task, TaskExecutionStatus.Failed, "Missing 'startWorkflow' in input data.");
            return;
        }

        StartWorkflowRequest? request;
        try
        {
            request = requestNode.Deserialize(ServerJsonContext.Default.StartWorkflowRequest);
        }
        catch (JsonException exception)
        {
            Finish(task, TaskExecutionStatus.Failed, $"Error reading StartWorkflowRequest. {exception.Message}");
            return;
        }

        if (string.IsNullOrEmpty(request?.Name))
        {
            Finish(task, TaskExecutionStatus.Failed, "startWorkflow validation failed. 'name' -> Workflow name cannot be null or empty. ");
            return;
        }

        if (request.ExternalInputRefusal() is { } refusal)
        {
            Finish(task, TaskExecutionStatus.Failed, refusal);
            return;
        }

        var definition = request.WorkflowDef ?? FindWorkflowDefLocked(request.Name, request.Version);
        if (definition is null)
        {
            Finish(task, TaskExecutionStatus.Failed, $"No such workflow found by name: {request.Name}, version: {ConductorNames.Version(request.Version)}");
            return;
        }

        var errors = new List<ValidationError>();
        DefinitionValidator.Validate(definition, "startWorkflow.workflowDef", errors);
        if (errors.Count > 0)
        {
            Finish(task, TaskExecutionStatus.Failed, string.Join("; ", errors.Select(error => $"{error.Path}: {error.Message}")));
            return;
        }

        var taskToDomain = request.TaskToDomain is { Count: > 0 } given ? given : workflow.Execution.TaskToDomain;
        var correlationId = string.IsNullOrWhiteSpace(request.CorrelationId) ? workflow.Execution.CorrelationId : request.CorrelationId;
        var started = StartWorkflowLocked(definition, request.Input, correlationId, request.Priority ?? 0, taskToDomain, parentTask: null);
        task.OutputData["workflowId"] = started.Execution.WorkflowId;
        Finish(task, TaskExecutionStatus.Completed, reason: null);
    }

    // ---- WAIT ---------------------------------------------------------------------------------

    /// <summary>
    /// WaitTaskMapper#setCallbackAfter and Wait#start: IN_PROGRESS until <c>duration</c> has
    /// passed or <c>until</c> has come (then Wait#execute completes it), or, with neither, until
    /// a task update completes it.
    /// </summary>
    private void StartWait(TaskExecution task)
    {
        task.Status = TaskExecutionStatus.InProgress;
        var duration = task.InputData["duration"]?.ToString() ?? "";
        var until = task.InputData["until"]?.ToString() ?? "";
        var now = Now;
        if (!string.IsNullOrWhiteSpace(duration) && !string.IsNullOrWhiteSpace(until))
        {
            Finish(task, TaskExecutionStatus.FailedWithTerminalError, "Both 'duration' and 'until' specified. Please provide only one input");
            return;
        }

        long dueAt;
        if (!string.IsNullOrWhiteSpace(duration))
        {
            if (WaitTimes.ParseDuration(duration) is not { } seconds)
            {
                Finish(task, TaskExecutionStatus.FailedWithTerminalError, $"Not valid duration: {duration}");
                return;
            }

            dueAt = now + (seconds * 1000);
            task.CallbackAfterSeconds = seconds;
        }
        else if (!string.IsNullOrWhiteSpace(until))
        {
            if (WaitTimes.ParseUntil(until) is not { } time)
            {
                Finish(task, TaskExecutionStatus.FailedWithTerminalError, $"Invalid/Unsupported Wait Until format.  Provided: {until}");
                return;
            }

            dueAt = time.ToUnixTimeMilliseconds();
            task.CallbackAfterSeconds = Math.Max(0, (dueAt - now) / 1000);
        }
        else
        {
            task.CallbackAfterSeconds = int.MaxValue; // waits for a task update
            return;
        }

        MarkDue(_tasks[task.TaskId], Math.Max(dueAt, 1), $"the end of WAIT task {task.ReferenceTaskName}");
    }

    /// <summary>
    /// A system task's next moment of interest: the sweep decides its workflow once it has passed,
    /// and the engine's clock runs that decision exactly then (so a virtual clock can skip to it).
    /// </summary>
    private void MarkDue(TaskState state, long dueAt, string description)
    {
        state.DueAt = dueAt;
        _dueTaskIds.Add(state.Task.TaskId);
        ScheduleAt("due:" + state.Task.TaskId, dueAt, description, () =>
        {
            if (!state.Workflow.IsEnded && !state.Task.Status.IsTerminal() && state.DueAt != 0)
            {
                Decide(state.Workflow);
            }
        });
    }

    // ---- INLINE, LAMBDA, SET_VARIABLE, TERMINATE, EVENT ---------------------------------------------

    /// <summary>Inline#execute: the evaluator's result as <c>result</c>; a failure in <c>error</c>.</summary>
    private void RunInline(TaskExecution task)
    {
        var input = task.InputData;
        var evaluatorType = input["evaluatorType"] is JsonValue typeValue && typeValue.TryGetValue(out string? typeText) ? typeText : input.ContainsKey("evaluatorType") ? "" : "javascript";
        var expression = input["expression"] is JsonValue expressionValue && expressionValue.TryGetValue(out string? expressionText) ? expressionText : null;
        string? error = null;
        var status = TaskExecutionStatus.Failed;
        if (string.IsNullOrWhiteSpace(evaluatorType))
        {
            error = "Empty 'evaluatorType' in INLINE task's input parameters. A non-empty String value must be provided.";
            status = TaskExecutionStatus.FailedWithTerminalError;
        }
        else if (evaluatorType is not ("javascript" or "graaljs" or "value-param"))
        {
            error = $"Unknown evaluator '{evaluatorType}' in INLINE task.";
            status = TaskExecutionStatus.FailedWithTerminalError;
        }
        else if (string.IsNullOrWhiteSpace(expression))
        {
            error = "Empty 'expression' in Inline task's input parameters. A non-empty String value must be provided.";
            status = TaskExecutionStatus.FailedWithTerminalError;
        }
        else
        {
            try
            {
                task.OutputData["result"] = evaluatorType == "value-param" ? input[expression]?.DeepClone() : ScriptEvaluator.Evaluate(expression, input);
                Finish(task, TaskExecutionStatus.Completed, reason: null);
                return;
            }
            catch (ScriptException exception)
            {
                error = exception.Message;
            }
        }

        task.OutputData["error"] = error;
        Finish(task, status, error);
    }

    /// <summary>Lambda#execute: the older INLINE, <c>scriptExpression</c> run with <c>$</c> = the input, output <c>result</c>.</summary>
    private void RunLambda(TaskExecution task)
    {
        var script = task.InputData["scriptExpression"]?.ToString();
        if (string.IsNullOrWhiteSpace(script))
        {
            Finish(task, TaskExecutionStatus.Failed, "Empty 'scriptExpression' in Lambda task's input parameters. A non-empty String value must be provided.");
            return;
        }

        try
        {
            task.OutputData["result"] = ScriptEvaluator.Evaluate(script, task.InputData);
            Finish(task, TaskExecutionStatus.Completed, reason: null);
        }
        catch (ScriptException exception)
        {
            Finish(task, TaskExecutionStatus.Failed, exception.Message);
        }
    }

    /// <summary>SetVariable#execute: each input key becomes a workflow variable, within the payload limit.</summary>
    private void SetVariables(WorkflowState workflow, TaskExecution task)
    {
        var variables = workflow.Execution.Variables;
        var previous = CopyObject(variables);
        foreach (var (key, value) in task.InputData)
        {
            variables[key] = value?.DeepClone();
        }

        var size = Encoding.UTF8.GetByteCount(variables.ToJsonString());
        if (size > MaxVariablesBytes)
        {
            workflow.Execution.Variables = previous;
            Finish(
                task,
                TaskExecutionStatus.FailedWithTerminalError,
                string.Create(CultureInfo.InvariantCulture, $"The variables payload size: {size} of workflow: {workflow.Execution.WorkflowId} is greater than the permissible limit: {MaxVariablesBytes / 1024} kilobytes"));
            return;
        }

        Finish(task, TaskExecutionStatus.Completed, reason: null);
    }

    /// <summary>Terminate#execute: validates terminationStatus; the output is workflowOutput. The decider then ends the workflow.</summary>
    private void RunTerminate(TaskExecution task)
    {
        var status = task.InputData["terminationStatus"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (status is not ("COMPLETED" or "FAILED" or "TERMINATED"))
        {
            Finish(task, TaskExecutionStatus.Failed, "given termination status is not valid");
            return;
        }

        task.OutputData = task.InputData["workflowOutput"] switch
        {
            null => [],
            JsonObject map => CopyObject(map),
            var other => new JsonObject { ["output"] = other.DeepClone() },
        };
        Finish(task, TaskExecutionStatus.Completed, reason: null);
    }

    /// <summary>
    /// Event#start and #execute: the payload (the input with the workflow's details) and the
    /// queue name (<c>event_produced</c>) go on the task's output; the test server publishes
    /// nowhere and completes the task.
    /// </summary>
    private void RunEvent(WorkflowState workflow, TaskExecution task)
    {
        var execution = workflow.Execution;
        if (task.WorkflowTask?.Sink is { } sinkParameter)
        {
            task.InputData["sink"] = sinkParameter; // EventTaskMapper#getMappedTasks
        }

        var output = CopyObject(task.InputData);
        output["workflowInstanceId"] = execution.WorkflowId;
        output["workflowType"] = execution.WorkflowName;
        output["workflowVersion"] = execution.WorkflowVersion;
        output["correlationId"] = execution.CorrelationId;
        output["taskToDomain"] = execution.TaskToDomain is null ? null : JsonSerializer.SerializeToNode(execution.TaskToDomain, ServerJsonContext.Default.DictionaryStringString);
        task.OutputData = output;

        // Event#computeQueueName
        var sink = ParameterResolver.ResolveObject(new JsonObject { ["sink"] = task.InputData["sink"]?.DeepClone() }, ExpressionContext(workflow))["sink"]?.ToString() ?? "";
        string queueName;
        if (sink == "conductor")
        {
            queueName = $"conductor:{execution.WorkflowName}:{task.ReferenceTaskName}";
        }
        else if (sink.StartsWith("conductor:", StringComparison.Ordinal))
        {
            queueName = $"conductor:{execution.WorkflowName}:{sink["conductor:".Length..]}";
        }
        else if (sink.StartsWith("conductor", StringComparison.Ordinal) || sink.Length == 0)
        {
            Finish(task, TaskExecutionStatus.Failed, $"Invalid / Unsupported sink specified: {sink}");
            return;
        }
        else
        {
            queueName = sink;
        }

        task.OutputData["event_produced"] = queueName;
        Finish(task, task.WorkflowTask?.AsyncComplete == true ? TaskExecutionStatus.InProgress : TaskExecutionStatus.Completed, reason: null);
    }
}
