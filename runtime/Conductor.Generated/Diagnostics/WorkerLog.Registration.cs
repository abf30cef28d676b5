using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Diagnostics;

/// <summary>The log messages about registering the workers' task definitions at start.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Registered {Count} task definition(s) with the server: {TaskTypes}")]
    public static partial void TaskDefinitionsRegistered(ILogger logger, int count, string taskTypes);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Registering the task definitions failed (attempt {Attempt}); trying again in {RetryDelayMs} ms before polling")]
    public static partial void TaskDefinitionRegistrationFailed(ILogger logger, Exception exception, int attempt, long retryDelayMs);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "The server refused the task definitions with {StatusCode}; not retried, polling starts anyway: {Reason}")]
    public static partial void TaskDefinitionsRefused(ILogger logger, int statusCode, string reason);
}
