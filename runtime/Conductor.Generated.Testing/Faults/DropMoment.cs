namespace Conductor.Generated.Testing;

/// <summary>When an injected dropped connection cuts a request.</summary>
public enum DropMoment
{
    /// <summary>Before the server handles the request: nothing changes on the server.</summary>
    BeforeHandling,

    /// <summary>
    /// After the server handled the request, before the answer leaves: the server changed its
    /// state (a result is recorded, a task handed out) but the client never hears of it.
    /// </summary>
    AfterHandling,
}
