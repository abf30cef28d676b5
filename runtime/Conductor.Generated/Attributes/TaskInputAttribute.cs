namespace Conductor.Generated;

/// <summary>
/// Binds the whole <c>inputData</c> object to the parameter, instead of one key of it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TaskInputAttribute : Attribute
{
}
