namespace Conductor.Generated.Generator.Model;

/// <summary>Where a worker parameter's value comes from.</summary>
internal enum ParameterSource
{
    /// <summary>One key of <c>inputData</c>.</summary>
    InputKey,

    /// <summary>The whole <c>inputData</c> object (<c>[TaskInput]</c>).</summary>
    WholeInput,

    /// <summary>The <c>TaskContext</c> of the task.</summary>
    TaskContext,

    /// <summary>The cancellation token of the invocation.</summary>
    CancellationToken,
}

/// <summary>One parameter of a worker method.</summary>
/// <param name="Name">The parameter name without a leading <c>@</c>.</param>
/// <param name="Source">Where its value comes from.</param>
/// <param name="Key">The <c>inputData</c> key for <see cref="ParameterSource.InputKey"/>.</param>
/// <param name="Type">The type for input parameters; <see langword="null"/> for special ones.</param>
/// <param name="DefaultValueLiteral">The C# default value, or <see langword="null"/> when it has none.</param>
/// <param name="Location">The parameter's declaration, for diagnostics.</param>
internal sealed record ParameterModel(
    string Name,
    ParameterSource Source,
    string Key,
    TypeModel? Type,
    string? DefaultValueLiteral,
    LocationInfo? Location);

/// <summary>What a worker method returns.</summary>
/// <param name="IsAwaitable">Whether it returns <c>Task</c>/<c>ValueTask</c> (of something).</param>
/// <param name="Value">The type of the value, or <see langword="null"/> for void/Task/ValueTask.</param>
/// <param name="OutputKey">The <c>[OutputParam]</c> key, or <see langword="null"/>.</param>
internal sealed record ReturnModel(bool IsAwaitable, TypeModel? Value, string? OutputKey);

/// <summary>The <c>[WorkerTask]</c> settings that were set explicitly.</summary>
internal sealed record WorkerSettingsModel(int? Concurrency, int? PollIntervalMs, string? Domain, int? PollTimeoutMs)
{
    public bool IsEmpty => Concurrency is null && PollIntervalMs is null && Domain is null && PollTimeoutMs is null;
}

/// <summary>A <c>[WorkerTask]</c> method that can be called from generated code.</summary>
/// <param name="TaskName">The Conductor task name.</param>
/// <param name="ContainingTypeFullName">The declaring type, <c>global::</c>-qualified.</param>
/// <param name="ContainingTypeName">The declaring type's name with its outer types (<c>Outer.Inner</c>).</param>
/// <param name="MethodName">The method name as written (with <c>@</c> when it is a keyword).</param>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="Return">What it returns.</param>
/// <param name="Settings">The settings set on the attribute.</param>
/// <param name="Location">The method name's location, for diagnostics.</param>
internal sealed record WorkerModel(
    string TaskName,
    string ContainingTypeFullName,
    string ContainingTypeName,
    string MethodName,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    WorkerSettingsModel Settings,
    LocationInfo? Location)
{
    public string DisplayName => ContainingTypeName + "." + MethodName.TrimStart('@');
}

/// <summary>What parsing one <c>[WorkerTask]</c> method produced: the worker, unless it has errors, and the diagnostics.</summary>
internal sealed record ParsedWorker(WorkerModel? Worker, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A <c>JsonSerializerContext</c> of the compilation and the types its <c>[JsonSerializable]</c> attributes name.</summary>
internal sealed record JsonContextModel(string FullName, EquatableArray<string> SerializableTypes);

/// <summary>A worker with its types resolved and the names its generated members use.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="MemberName">The property of <c>ConductorWorkers</c> and the nested invoker class.</param>
/// <param name="HintName">The generated file's hint name.</param>
internal sealed record ResolvedWorker(WorkerModel Worker, string MemberName, string HintName);

/// <summary>Everything the generated files of one assembly need; no namespace when the runtime is not referenced.</summary>
internal sealed record WorkerTableModel(string? Namespace, EquatableArray<ResolvedWorker> Workers, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One worker's generated file.</summary>
internal sealed record WorkerFileModel(string Namespace, ResolvedWorker Worker);
