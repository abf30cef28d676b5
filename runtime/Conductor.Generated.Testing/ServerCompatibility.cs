namespace Conductor.Generated.Testing;

/// <summary>Which generation of the open-source server the test server answers like.</summary>
public enum ServerCompatibility
{
    /// <summary>
    /// A current server (v3.21.20 and later): an empty batch poll answers 200 <c>[]</c>, and
    /// <c>POST /api/tasks/update-v2</c> reports a result and hands out the next task.
    /// </summary>
    Current,

    /// <summary>
    /// A server from before v3.21.12: an empty batch poll answers 204 with no body and no content
    /// type, and <c>POST /api/tasks/update-v2</c> does not exist (404 with the error body), so a
    /// client's fallbacks to <c>POST /api/tasks</c> and to "204 means no work" are exercised.
    /// </summary>
    Legacy,
}
