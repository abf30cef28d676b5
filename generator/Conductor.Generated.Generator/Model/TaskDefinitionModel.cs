namespace Conductor.Generated.Generator.Model;

/// <summary>
/// The settings of a worker's <c>[TaskDefinition]</c> that were set explicitly (unset ones are
/// <see langword="null"/> and left to the server's defaults), and its documentation.
/// </summary>
/// <param name="Description">The attribute's description, else the method's XML <c>&lt;summary&gt;</c>.</param>
/// <param name="RetryLogic">The server's spelling (<c>EXPONENTIAL_BACKOFF</c>).</param>
/// <param name="TimeoutPolicy">The server's spelling (<c>TIME_OUT_WF</c>).</param>
internal sealed record TaskDefinitionModel(
    string? Description,
    string? OwnerEmail,
    int? RetryCount,
    string? RetryLogic,
    int? RetryDelaySeconds,
    int? BackoffScaleFactor,
    int? TimeoutSeconds,
    string? TimeoutPolicy,
    int? ResponseTimeoutSeconds,
    int? TotalTimeoutSeconds,
    int? ConcurrentExecLimit,
    int? RateLimitPerFrequency,
    int? RateLimitFrequencyInSeconds)
{
    public static TaskDefinitionModel Empty { get; } = new(null, null, null, null, null, null, null, null, null, null, null, null, null);
}
