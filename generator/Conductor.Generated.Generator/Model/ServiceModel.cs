namespace Conductor.Generated.Generator.Model;

/// <summary>A worker parameter resolved from the task's service scope instead of bound from input.</summary>
/// <param name="TypeOfName">The service type, <c>global::</c>-qualified and without any nullable annotation, as <c>typeof</c> needs it.</param>
/// <param name="TypeArgumentName">
/// The service type as the resolving call's type argument: without a top-level <c>?</c> (services are
/// never null) but with the annotations of its type arguments, so the value fits the parameter.
/// </param>
/// <param name="KeyLiteral">The key of a keyed service as a C# expression (a string or int literal, or an enum member), or <see langword="null"/> for an unkeyed service.</param>
internal sealed record ServiceModel(string TypeOfName, string TypeArgumentName, string? KeyLiteral);
