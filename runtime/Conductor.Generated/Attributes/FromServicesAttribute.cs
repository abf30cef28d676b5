namespace Conductor.Generated;

/// <summary>
/// Resolves the worker parameter from the service scope of the task execution
/// (<see cref="TaskContext.Services"/>) instead of binding it from <c>inputData</c>. The service
/// must be registered; the parameter is not part of the task's input or its input schema.
/// </summary>
/// <remarks>
/// <c>Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute</c> resolves a keyed
/// service the same way, and <c>Microsoft.AspNetCore.Mvc.FromServicesAttribute</c> is accepted
/// too. Run the workers through <c>AddConductorWorkers</c> (package
/// <c>Conductor.Generated.Hosting</c>) so that every task gets a scope.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromServicesAttribute : Attribute
{
}
