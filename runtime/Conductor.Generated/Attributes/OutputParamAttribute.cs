namespace Conductor.Generated;

/// <summary>
/// The <c>outputData</c> key under which a return value that is not a JSON object is reported.
/// Without it the key is <c>result</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue, AllowMultiple = false, Inherited = false)]
public sealed class OutputParamAttribute : Attribute
{
    /// <summary>Reports the return value under <paramref name="key"/>.</summary>
    public OutputParamAttribute(string key)
    {
        Key = key;
    }

    /// <summary>The <c>outputData</c> key.</summary>
    public string Key { get; }
}
