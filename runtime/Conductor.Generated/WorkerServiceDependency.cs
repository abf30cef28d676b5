namespace Conductor.Generated;

/// <summary>
/// A service a worker method takes as a parameter, resolved from the task's service scope. A host
/// checks at start that each one is registered, so a missing registration fails the start, not
/// every task.
/// </summary>
/// <param name="ServiceType">The type the parameter is resolved as.</param>
/// <param name="ServiceKey">The key of a keyed service, or <see langword="null"/> for an unkeyed one.</param>
/// <param name="ParameterName">The worker method's parameter, to name in error messages.</param>
public sealed record WorkerServiceDependency(Type ServiceType, object? ServiceKey, string ParameterName);
