namespace Conductor.Generated.Testing;

/// <summary>
/// A path Jayway JsonPath cannot compile (its <c>InvalidPathException</c> from
/// <c>PathCompiler#compile</c> or <c>FilterCompiler#compile</c>). The real server's
/// ParametersUtils#replaceVariables catches it, logs it and reads null.
/// </summary>
internal sealed class JsonPathSyntaxException(string message) : Exception(message);

/// <summary>
/// An exception Jayway throws while it evaluates a path (an aggregation over nothing,
/// <c>first()</c> of an empty array, a filter applied to a scalar...). SUPPRESS_EXCEPTIONS does
/// not cover these, but ParametersUtils#replaceVariables catches every exception and reads null.
/// </summary>
internal class JsonPathEvaluationException(string message) : Exception(message);

/// <summary>
/// Jayway's <c>InvalidPathException</c> thrown during evaluation: inside a filter
/// (PredicatePathToken#accept) it makes the filter not match; elsewhere it is an evaluation error.
/// </summary>
internal sealed class JsonPathInvalidAtRuntimeException(string message) : JsonPathEvaluationException(message);

/// <summary>
/// Jayway's <c>PathNotFoundException</c>: thrown only where SUPPRESS_EXCEPTIONS is not set,
/// which in the real server is the existence check of a filter (<c>[?(@.x)]</c>, evaluated with
/// REQUIRE_PROPERTIES by ValueNodes.PathNode#evaluate).
/// </summary>
internal sealed class JsonPathNotFoundException() : Exception("No results for path");

/// <summary>
/// Something of Jayway's JsonPath syntax that this implementation does not evaluate: the run
/// fails naming it, instead of reading a value the real server would not.
/// </summary>
internal sealed class JsonPathUnsupportedException(string construct) : Exception(construct)
{
    /// <summary>What is not supported, e.g. <c>a deep scan followed by '[0]' and further steps</c>.</summary>
    public string Construct { get; } = construct;
}
