namespace Conductor.Generated.Testing;

/// <summary>
/// A request the server refuses, with the status and message the real server gives for the same
/// case (its NotFoundException, ConflictException, IllegalArgumentException and constraint
/// violations).
/// </summary>
internal sealed class ConductorApiException : Exception
{
    public ConductorApiException(int statusCode, string message, IReadOnlyList<ValidationError>? validationErrors = null)
        : base(message)
    {
        StatusCode = statusCode;
        ValidationErrors = validationErrors;
    }

    public int StatusCode { get; }

    public IReadOnlyList<ValidationError>? ValidationErrors { get; }

    public static ConductorApiException NotFound(string message) => new(404, message);

    public static ConductorApiException Conflict(string message) => new(409, message);

    public static ConductorApiException BadRequest(string message) => new(400, message);

    /// <summary>The real server's answer to a failed bean-validation constraint.</summary>
    public static ConductorApiException Validation(IReadOnlyList<ValidationError> errors) =>
        new(400, "Validation failed, check below errors for detail.", errors);
}
