using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Diagnostics;

/// <summary>The log messages about registering the workers' task definitions and the workflow files at start.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Registered {Count} task definition(s) with the server: {TaskTypes}")]
    public static partial void TaskDefinitionsRegistered(ILogger logger, int count, string taskTypes);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Registering the task definitions failed (attempt {Attempt}); trying again in {RetryDelayMs} ms before polling")]
    public static partial void TaskDefinitionRegistrationFailed(ILogger logger, Exception exception, int attempt, long retryDelayMs);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "The server refused the task definitions with {StatusCode}; not retried, polling starts anyway: {Reason}")]
    public static partial void TaskDefinitionsRefused(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Registered {Count} workflow definition(s) from files with the server: {Workflows}")]
    public static partial void WorkflowsRegistered(ILogger logger, int count, string workflows);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "Registering the workflow definitions failed (attempt {Attempt}); trying again in {RetryDelayMs} ms")]
    public static partial void WorkflowRegistrationFailed(ILogger logger, Exception exception, int attempt, long retryDelayMs);

    [LoggerMessage(EventId = 46, Level = LogLevel.Error, Message = "The server refused the workflow definitions with {StatusCode}; not retried: {Reason}")]
    public static partial void WorkflowsRefused(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 47, Level = LogLevel.Warning, Message = "Workflow file {File} does not match the workers: {Finding}")]
    public static partial void WorkflowFileFinding(ILogger logger, string file, Workflows.WorkflowFinding finding);

    [LoggerMessage(EventId = 48, Level = LogLevel.Information, Message = "Workflow file {File}: {Finding}")]
    public static partial void WorkflowFileInfo(ILogger logger, string file, Workflows.WorkflowFinding finding);
}
