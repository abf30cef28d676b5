namespace Conductor.Generated.Generator.Model;

/// <summary>A worker parameter resolved from the task's service scope instead of bound from input.</summary>
/// <param name="TypeFullName">The service type, <c>global::</c>-qualified and without a nullable annotation, as <c>typeof</c> and a type argument name it.</param>
/// <param name="KeyLiteral">The key of a keyed service as a C# expression (a string or int literal, or an enum member), or <see langword="null"/> for an unkeyed service.</param>
internal sealed record ServiceModel(string TypeFullName, string? KeyLiteral);
