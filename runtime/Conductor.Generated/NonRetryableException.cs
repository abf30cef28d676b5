namespace Conductor.Generated;

/// <summary>
/// Thrown by a worker to fail its task with <c>FAILED_WITH_TERMINAL_ERROR</c>: Conductor does not
/// retry it, whatever the task definition's retry count.
/// </summary>
public class NonRetryableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public NonRetryableException()
        : base("The task failed and must not be retried.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> as the task's reason for incompletion.</summary>
    public NonRetryableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public NonRetryableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
