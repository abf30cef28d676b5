namespace Conductor.Generated.Generator.Model;

/// <summary>A <c>[WorkerTask]</c> method that can be called from generated code.</summary>
/// <param name="TaskName">The Conductor task name.</param>
/// <param name="ContainingTypeFullName">The declaring type, <c>global::</c>-qualified.</param>
/// <param name="ContainingTypeName">The declaring type's name with its outer types (<c>Outer.Inner</c>).</param>
/// <param name="MethodName">The method name as written (with <c>@</c> when it is a keyword).</param>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="Return">What it returns.</param>
/// <param name="Settings">The settings set on the attribute.</param>
/// <param name="TaskDefinition">The task definition settings and description.</param>
internal sealed record WorkerModel(
    string TaskName,
    string ContainingTypeFullName,
    string ContainingTypeName,
    string MethodName,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    WorkerSettingsModel Settings,
    TaskDefinitionModel TaskDefinition)
{
    public string DisplayName => ContainingTypeName + "." + MethodName.TrimStart('@');
}

/// <summary>
/// What parsing one <c>[WorkerTask]</c> method produced: the worker, unless it has errors, where
/// it is, and the namespace of the type that declares the method (empty for the global namespace;
/// C# keywords escaped), which decides where the generated class goes. The worker holds no
/// locations, so that an edit that only moves it (a comment or a line above it) leaves the model
/// equal and every generated file cached.
/// </summary>
internal sealed record ParsedWorker(WorkerModel? Worker, WorkerSite Site, string Namespace = "");

/// <summary>
/// The diagnostics of one worker method, found while parsing it, and the locations that the
/// diagnostics found later (when all workers and JSON contexts are known) are reported at.
/// </summary>
/// <param name="Method">The method name.</param>
/// <param name="Parameters">One per parameter of the generated worker (empty when it is not generated).</param>
internal sealed record WorkerSite(EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? Method, EquatableArray<LocationInfo> Parameters);

/// <summary>
/// A diagnostic about a worker found when the table is built, without a location: it names the
/// worker by its place among the parsed methods and, for a parameter, the parameter's index;
/// <see cref="WorkerSite"/> gives the location when it is reported.
/// </summary>
/// <param name="Parameter">The parameter's index, or -1 for the method.</param>
internal sealed record WorkerDiagnosticInfo(DiagnosticInfo Diagnostic, int Worker, int Parameter);
