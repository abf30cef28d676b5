using System.Globalization;

namespace Conductor.Generated.Testing;

/// <summary>
/// The constraints the real server checks on definitions and requests, with its messages. Paths
/// are those of its method validation: the service method, <c>arg0</c>, then the property
/// (<c>registerTaskDef.arg0[0].name</c>).
/// </summary>
internal static class DefinitionValidator
{
    public static void ThrowIfInvalid(List<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw ConductorApiException.Validation(errors);
        }
    }

    public static void Validate(TaskDef? taskDef, string path, List<ValidationError> errors)
    {
        if (taskDef is null)
        {
            errors.Add(new(path, "TaskDef cannot be null"));
            return;
        }

        if (string.IsNullOrEmpty(taskDef.Name))
        {
            errors.Add(new($"{path}.name", "TaskDef name cannot be null or empty", taskDef.Name));
        }

        if (taskDef.RetryCount < 0)
        {
            errors.Add(new($"{path}.retryCount", $"TaskDef retryCount: {taskDef.RetryCount} must be >= 0", Text(taskDef.RetryCount)));
        }

        if (taskDef.ResponseTimeoutSeconds < 1)
        {
            errors.Add(new(
                $"{path}.responseTimeoutSeconds",
                $"TaskDef responseTimeoutSeconds: {taskDef.ResponseTimeoutSeconds} should be minimum 1 second",
                Text(taskDef.ResponseTimeoutSeconds)));
        }

        if (taskDef.TimeoutSeconds > 0 && taskDef.ResponseTimeoutSeconds > taskDef.TimeoutSeconds)
        {
            errors.Add(new(
                path,
                $"TaskDef: {taskDef.Name} responseTimeoutSeconds: {taskDef.ResponseTimeoutSeconds} must be less than timeoutSeconds: {taskDef.TimeoutSeconds}"));
        }

        if (taskDef.TimeoutSeconds > 0 && taskDef.TotalTimeoutSeconds > 0 && taskDef.TimeoutSeconds > taskDef.TotalTimeoutSeconds)
        {
            errors.Add(new(
                path,
                $"TaskDef: {taskDef.Name} timeoutSeconds: {taskDef.TimeoutSeconds} must be less than or equal to totalTimeoutSeconds: {taskDef.TotalTimeoutSeconds}"));
        }

        if (taskDef.BackoffScaleFactor < 1)
        {
            errors.Add(new($"{path}.backoffScaleFactor", "Backoff scale factor. Applicable for LINEAR_BACKOFF", Text(taskDef.BackoffScaleFactor)));
        }

        // TaskDef's @Min(0) constraints of the retry policy.
        if (taskDef.MaxRetryDelaySeconds < 0)
        {
            errors.Add(new($"{path}.maxRetryDelaySeconds", $"TaskDef maxRetryDelaySeconds: {taskDef.MaxRetryDelaySeconds} must be >= 0", Text(taskDef.MaxRetryDelaySeconds)));
        }

        if (taskDef.BackoffJitterMs < 0)
        {
            errors.Add(new($"{path}.backoffJitterMs", $"TaskDef backoffJitterMs: {taskDef.BackoffJitterMs} must be >= 0", Text(taskDef.BackoffJitterMs)));
        }

        if (taskDef.TotalTimeoutSeconds < 0)
        {
            errors.Add(new($"{path}.totalTimeoutSeconds", $"TaskDef totalTimeoutSeconds: {taskDef.TotalTimeoutSeconds} must be >= 0", Text(taskDef.TotalTimeoutSeconds)));
        }
    }

    public static void Validate(WorkflowDef? workflowDef, string path, List<ValidationError> errors)
    {
        if (workflowDef is null)
        {
            errors.Add(new(path, "WorkflowDef cannot be null"));
            return;
        }

        if (string.IsNullOrEmpty(workflowDef.Name))
        {
            errors.Add(new($"{path}.name", "WorkflowDef name cannot be null or empty", workflowDef.Name));
        }

        if (workflowDef.Tasks is not { Count: > 0 })
        {
            errors.Add(new($"{path}.tasks", "WorkflowTask list cannot be empty"));
        }

        if (workflowDef.SchemaVersion != 2)
        {
            errors.Add(new($"{path}.schemaVersion", $"workflowDef schemaVersion: {workflowDef.SchemaVersion} is only supported", Text(workflowDef.SchemaVersion)));
        }

        if (workflowDef.TimeoutPolicy is { } policy && policy is not ("TIME_OUT_WF" or "ALERT_ONLY"))
        {
            errors.Add(new($"{path}.timeoutPolicy", $"timeoutPolicy {policy} is not one of TIME_OUT_WF, ALERT_ONLY", policy));
        }

        var seenReferenceNames = new HashSet<string>(StringComparer.Ordinal);
        ValidateSteps(workflowDef, workflowDef.Tasks ?? [], $"{path}.tasks", path, errors, seenReferenceNames, insideLoop: false);
    }

    private static void ValidateSteps(WorkflowDef workflowDef, List<WorkflowTask> steps, string listPath, string path, List<ValidationError> errors, HashSet<string> seenReferenceNames, bool insideLoop)
    {
        for (var index = 0; index < steps.Count; index++)
        {
            var task = steps[index];
            var taskPath = $"{listPath}[{index}]";
            if (task is null)
            {
                errors.Add(new(taskPath, "WorkflowTask cannot be null"));
                continue;
            }

            if (string.IsNullOrEmpty(task.Name))
            {
                errors.Add(new($"{taskPath}.name", "WorkflowTask name cannot be empty or null", task.Name));
            }

            if (string.IsNullOrEmpty(task.TaskReferenceName))
            {
                errors.Add(new($"{taskPath}.taskReferenceName", "WorkflowTask taskReferenceName name cannot be empty or null", task.TaskReferenceName));
            }
            else if (!seenReferenceNames.Add(task.TaskReferenceName))
            {
                errors.Add(new(
                    path,
                    $"taskReferenceName: {task.TaskReferenceName} should be unique across tasks for a given workflowDefinition: {workflowDef.Name}"));
            }

            ValidateType(task, taskPath, errors, insideLoop);

            // An embedded taskDefinition is taken as given, as the real server takes it
            // (WorkflowTask#taskDefinition has no @Valid; MetadataServiceImpl#registerWorkflowDef).

            foreach (var (caseValue, caseTasks) in task.DecisionCases ?? [])
            {
                ValidateSteps(workflowDef, caseTasks ?? [], $"{taskPath}.decisionCases[{caseValue}]", path, errors, seenReferenceNames, insideLoop);
            }

            ValidateSteps(workflowDef, task.DefaultCase ?? [], $"{taskPath}.defaultCase", path, errors, seenReferenceNames, insideLoop);
            for (var branch = 0; branch < (task.ForkTasks?.Count ?? 0); branch++)
            {
                ValidateSteps(workflowDef, task.ForkTasks![branch] ?? [], $"{taskPath}.forkTasks[{branch}]", path, errors, seenReferenceNames, insideLoop);
            }

            ValidateSteps(workflowDef, task.LoopOver ?? [], $"{taskPath}.loopOver", path, errors, seenReferenceNames, insideLoop: insideLoop || task.Type == WorkflowTaskTypes.DoWhile);
        }
    }

    /// <summary>
    /// WorkflowTaskTypeConstraint: the fields each type needs, with the real server's messages;
    /// then the settings the test server cannot honour, refused here rather than ignored.
    /// </summary>
    private static void ValidateType(WorkflowTask task, string taskPath, List<ValidationError> errors, bool insideLoop)
    {
        var type = task.Type;
        void Required(string field) =>
            errors.Add(new(taskPath, $"{field} field is required for taskType: {type} taskName: {task.Name}"));
        void Unsupported(string what) =>
            errors.Add(new($"{taskPath}.type", $"{what} of {task.TaskReferenceName} is not supported by the Conductor test server", type));

        if (!ConductorEngine.IsRunnableType(type))
        {
            // The real server stores any type (an unknown one is a user-defined task, TaskType#of),
            // so neither is the definition refused here: a run that reaches the task fails there,
            // naming its type (ConductorEngine.ScheduleStep), and the other paths of the workflow run.
            if (string.IsNullOrEmpty(type))
            {
                Unsupported("A task without a type");
            }

            return;
        }

        switch (type)
        {
            case WorkflowTaskTypes.Event when task.Sink is null:
                Required("sink");
                break;
            case WorkflowTaskTypes.Decision:
                if (task.CaseValueParam is null && task.CaseExpression is null)
                {
                    Required("caseValueParam or caseExpression");
                }

                ValidateCases(task, taskPath, errors);
                break;
            case WorkflowTaskTypes.Switch:
                if (task.EvaluatorType is null)
                {
                    Required("evaluatorType");
                }
                else if (task.Expression is null)
                {
                    Required("expression");
                }

                if (task.EvaluatorType is { } evaluator && evaluator is not ("value-param" or "javascript" or "graaljs"))
                {
                    Unsupported($"The {evaluator} evaluator (SWITCH evaluatorType; value-param, javascript and graaljs run)");
                }

                ValidateCases(task, taskPath, errors);
                break;
            case WorkflowTaskTypes.DoWhile:
                if (task.LoopCondition is null)
                {
                    Required("loopCondition");
                }

                if (task.LoopOver is not { Count: > 0 })
                {
                    Required("loopOver");
                }

                if (insideLoop)
                {
                    Unsupported("A DO_WHILE inside another DO_WHILE");
                }

                break;
            case WorkflowTaskTypes.Dynamic when task.DynamicTaskNameParam is null:
                Required("dynamicTaskNameParam");
                break;
            case WorkflowTaskTypes.ForkJoinDynamic:
                if (task.AdditionalProperties?.TryGetValue("dynamicForkJoinTasksParam", out var legacy) == true && legacy.ValueKind != System.Text.Json.JsonValueKind.Null)
                {
                    Unsupported("dynamicForkJoinTasksParam (the deprecated FORK_JOIN_DYNAMIC form; use dynamicForkTasksParam or forkTaskInputs)");
                }
                else if (task.InputParameters?.ContainsKey("forkTaskInputs") != true)
                {
                    if (task.DynamicForkTasksParam is null)
                    {
                        Required("dynamicForkTasksParam");
                    }

                    if (task.DynamicForkTasksInputParamName is null)
                    {
                        Required("dynamicForkTasksInputParamName");
                    }
                }

                break;
            case WorkflowTaskTypes.Http when task.InputParameters is not { } input || !(input.ContainsKey("http_request") || input.ContainsKey("uri") || input.ContainsKey("method")):
                Required("inputParameters.http_request or inputParameters.uri");
                break;
            case WorkflowTaskTypes.ForkJoin when task.ForkTasks is { Count: 0 }:
                errors.Add(new(taskPath, $"forkTasks should have atleast one task for taskType: {type} taskName: {task.Name}"));
                break;
            case WorkflowTaskTypes.Terminate:
                if (task.Optional)
                {
                    errors.Add(new(taskPath, $"terminate task cannot be optional, taskName: {task.Name}"));
                }

                if (task.InputParameters?["terminationStatus"]?.ToString() is not ("COMPLETED" or "FAILED" or "TERMINATED"))
                {
                    errors.Add(new(taskPath, $"terminate task must have an terminationStatus parameter and must be set to COMPLETED or FAILED, taskName: {task.Name}"));
                }

                break;
            case WorkflowTaskTypes.SubWorkflow:
                if (task.SubWorkflowParam is null)
                {
                    Required("subWorkflowParam");
                }
                else if (string.IsNullOrEmpty(task.SubWorkflowParam.Name) && task.SubWorkflowParam.WorkflowDefinition is null && task.SubWorkflowParam.WorkflowDefinitionExpression is null)
                {
                    errors.Add(new($"{taskPath}.subWorkflowParam.name", "SubWorkflowParams name cannot be null or empty"));
                }

                break;
            case WorkflowTaskTypes.JsonJqTransform when task.InputParameters?.ContainsKey("queryExpression") != true:
                Required("inputParameters.queryExpression");
                break;
            case WorkflowTaskTypes.Wait:
                var duration = task.InputParameters?["duration"]?.ToString();
                var until = task.InputParameters?["until"]?.ToString();
                if (!string.IsNullOrWhiteSpace(duration) && !string.IsNullOrWhiteSpace(until))
                {
                    errors.Add(new(taskPath, "Both 'duration' and 'until' specified. Please provide only one input"));
                }
                else if (!string.IsNullOrWhiteSpace(duration) && !duration.StartsWith("${", StringComparison.Ordinal) && WaitTimes.ParseDuration(duration) is null)
                {
                    errors.Add(new(taskPath, $"Wait time specified is invalid.  The duration must be in a format such as 1d 2h 3m 4s: {duration}"));
                }
                else if (!string.IsNullOrWhiteSpace(until) && !until.StartsWith("${", StringComparison.Ordinal) && WaitTimes.ParseUntil(until) is null)
                {
                    errors.Add(new(taskPath, $"Unable to parse date {until}"));
                }

                break;
            default:
                break;
        }

        // Settings the test server would otherwise ignore: refused by name.
        foreach (var (key, value) in task.AdditionalProperties ?? new Dictionary<string, System.Text.Json.JsonElement>())
        {
            var set = value.ValueKind switch
            {
                System.Text.Json.JsonValueKind.True => true,
                System.Text.Json.JsonValueKind.Object => value.EnumerateObject().Any(),
                System.Text.Json.JsonValueKind.Array => value.GetArrayLength() > 0,
                System.Text.Json.JsonValueKind.String => value.GetString()!.Length > 0,
                _ => false,
            };
            if (set && key is "permissive" or "cacheConfig" or "onStateChange" or "defaultExclusiveJoinTask" or "joinMode")
            {
                Unsupported($"The setting {key}");
            }
        }
    }

    private static void ValidateCases(WorkflowTask task, string taskPath, List<ValidationError> errors)
    {
        if (task.DecisionCases is null)
        {
            errors.Add(new(taskPath, $"decisionCases field is required for taskType: {task.Type} taskName: {task.Name}"));
        }
        else if (task.DecisionCases.Count == 0)
        {
            errors.Add(new(taskPath, $"decisionCases should have atleast one task for taskType: {task.Type} taskName: {task.Name}"));
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
