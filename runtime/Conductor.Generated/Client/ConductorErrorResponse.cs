namespace Conductor.Generated.Client;

/// <summary>The error body of the Conductor server: <c>{status, code, message, instance, retryable, validationErrors}</c>.</summary>
public sealed class ConductorErrorResponse
{
    /// <summary>The HTTP status code the server meant.</summary>
    public int Status { get; set; }

    /// <summary>A short error code such as <c>NOT_FOUND</c> or <c>INVALID_INPUT</c>.</summary>
    public string? Code { get; set; }

    /// <summary>The server's explanation.</summary>
    public string? Message { get; set; }

    /// <summary>The server instance that answered.</summary>
    public string? Instance { get; set; }

    /// <summary>Whether repeating the request may succeed.</summary>
    public bool Retryable { get; set; }

    /// <summary>
    /// The error of an authentication failure (<c>401</c>), such as <c>EXPIRED_TOKEN</c> or
    /// <c>INVALID_TOKEN</c> (Orkes servers answer <c>{"error": "..."}</c>).
    /// </summary>
    public string? Error { get; set; }

    /// <summary>What was wrong with the request body, field by field.</summary>
    public IList<ConductorValidationError>? ValidationErrors { get; set; }
}

/// <summary>One validation error of a <see cref="ConductorErrorResponse"/>.</summary>
public sealed class ConductorValidationError
{
    /// <summary>The path of the field in the request body.</summary>
    public string? Path { get; set; }

    /// <summary>What is wrong with it.</summary>
    public string? Message { get; set; }

    /// <summary>The value the server rejected.</summary>
    public string? InvalidValue { get; set; }

    /// <inheritdoc/>
    public override string ToString() => InvalidValue is null ? $"{Path}: {Message}" : $"{Path}: {Message} (was '{InvalidValue}')";
}
