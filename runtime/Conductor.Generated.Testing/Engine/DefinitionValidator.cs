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

        var seenReferenceNames = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < (workflowDef.Tasks?.Count ?? 0); index++)
        {
            var task = workflowDef.Tasks![index];
            var taskPath = $"{path}.tasks[{index}]";
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

            // Not a constraint of the real server: the test server runs worker tasks only, and
            // saying so at registration beats a workflow that never moves.
            if (!string.Equals(task.Type, WorkflowTaskTypes.Simple, StringComparison.Ordinal))
            {
                errors.Add(new(
                    $"{taskPath}.type",
                    $"Task type {task.Type} of {task.TaskReferenceName} is not supported by the Conductor test server; only SIMPLE tasks run",
                    task.Type));
            }
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
