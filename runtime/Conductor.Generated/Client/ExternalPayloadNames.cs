namespace Conductor.Generated.Client;

/// <summary>
/// The operations and payload types <c>GET /api/tasks/externalstoragelocation</c> takes, spelled
/// as the server's <c>ExternalPayloadStorage.Operation</c> and <c>ExternalPayloadStorage.PayloadType</c>.
/// </summary>
public static class ExternalPayloadNames
{
    /// <summary>Read a payload the server stored.</summary>
    public const string Read = "READ";

    /// <summary>Write a payload for the server to read.</summary>
    public const string Write = "WRITE";

    /// <summary>A task's input.</summary>
    public const string TaskInput = "TASK_INPUT";

    /// <summary>A task's output.</summary>
    public const string TaskOutput = "TASK_OUTPUT";
}
