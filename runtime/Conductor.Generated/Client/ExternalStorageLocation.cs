namespace Conductor.Generated.Client;

/// <summary>
/// Where a payload kept in the server's external storage is read or written: the answer of
/// <c>GET /api/tasks/externalstoragelocation</c> (the server's <c>ExternalStorageLocation</c>).
/// </summary>
public sealed class ExternalStorageLocation
{
    /// <summary>
    /// The address to read the payload from or write it to, often a presigned URL of another
    /// host. It may carry a signature in its query: treat it as a secret.
    /// </summary>
    public string? Uri { get; set; }

    /// <summary>The payload's path in the storage, the one tasks and results name.</summary>
    public string? Path { get; set; }
}
