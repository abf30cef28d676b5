namespace Conductor.Generated.Generator.Model;

/// <summary>A <c>[WorkerTask]</c> method that can be called from generated code.</summary>
/// <param name="TaskName">The Conductor task name.</param>
/// <param name="ContainingTypeFullName">The declaring type, <c>global::</c>-qualified.</param>
/// <param name="ContainingTypeName">The declaring type's name with its outer types (<c>Outer.Inner</c>).</param>
/// <param name="MethodName">The method name as written (with <c>@</c> when it is a keyword).</param>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="Return">What it returns.</param>
/// <param name="Settings">The settings set on the attribute.</param>
/// <param name="Location">The method name's location, for diagnostics.</param>
/// <param name="TaskDefinition">The task definition settings and description.</param>
internal sealed record WorkerModel(
    string TaskName,
    string ContainingTypeFullName,
    string ContainingTypeName,
    string MethodName,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    WorkerSettingsModel Settings,
    LocationInfo? Location,
    TaskDefinitionModel TaskDefinition)
{
    public string DisplayName => ContainingTypeName + "." + MethodName.TrimStart('@');
}

/// <summary>
/// What parsing one <c>[WorkerTask]</c> method produced: the worker, unless it has errors, the
/// diagnostics, and the namespace of the type that declares the method (empty for the global
/// namespace; C# keywords escaped), where the generated class goes.
/// </summary>
internal sealed record ParsedWorker(WorkerModel? Worker, EquatableArray<DiagnosticInfo> Diagnostics, string Namespace = "");
