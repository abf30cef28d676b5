namespace Conductor.Generated.Testing;

/// <summary>A workflow run did not take the path, or end the way, a test asserted.</summary>
public sealed class WorkflowAssertionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public WorkflowAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public WorkflowAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowAssertionException()
    {
    }
}
