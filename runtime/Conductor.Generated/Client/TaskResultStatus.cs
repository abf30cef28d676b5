using System.Text.Json.Serialization;

namespace Conductor.Generated.Client;

/// <summary>The status a worker reports for a task.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskResultStatus>))]
public enum TaskResultStatus
{
    /// <summary>Not finished: the server hands the task out again after <c>callbackAfterSeconds</c>.</summary>
    [JsonStringEnumMemberName("IN_PROGRESS")]
    InProgress,

    /// <summary>Finished successfully.</summary>
    [JsonStringEnumMemberName("COMPLETED")]
    Completed,

    /// <summary>Failed; the server retries it as the task definition says.</summary>
    [JsonStringEnumMemberName("FAILED")]
    Failed,

    /// <summary>Failed for good; the server does not retry it.</summary>
    [JsonStringEnumMemberName("FAILED_WITH_TERMINAL_ERROR")]
    FailedWithTerminalError,
}
