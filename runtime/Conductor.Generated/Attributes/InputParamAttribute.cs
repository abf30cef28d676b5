namespace Conductor.Generated;

/// <summary>Binds a worker parameter to the <c>inputData</c> key <see cref="Key"/> instead of the parameter's name.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class InputParamAttribute : Attribute
{
    /// <summary>Binds the parameter to <paramref name="key"/>.</summary>
    public InputParamAttribute(string key)
    {
        Key = key;
    }

    /// <summary>The <c>inputData</c> key.</summary>
    public string Key { get; }
}
