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

    /// <summary>A service from the task's scope (<c>[FromServices]</c>, <c>[FromKeyedServices]</c>).</summary>
    Service,
}

/// <summary>One parameter of a worker method.</summary>
/// <param name="Name">The parameter name without a leading <c>@</c>.</param>
/// <param name="Source">Where its value comes from.</param>
/// <param name="Key">The <c>inputData</c> key for <see cref="ParameterSource.InputKey"/>.</param>
/// <param name="Type">The type for input parameters; <see langword="null"/> for special ones.</param>
/// <param name="DefaultValueLiteral">The C# default value, or <see langword="null"/> when it has none.</param>
/// <param name="Schema">The JSON Schema of its value, with its <c>&lt;param&gt;</c> documentation; <see langword="null"/> for special ones.</param>
/// <param name="Service">For <see cref="ParameterSource.Service"/>: the service type and key.</param>
internal sealed record ParameterModel(
    string Name,
    ParameterSource Source,
    string Key,
    TypeModel? Type,
    string? DefaultValueLiteral,
    SchemaModel? Schema = null,
    ServiceModel? Service = null)
{
    /// <summary>The type as the method declares it, <c>global::</c>-qualified and annotated, with <c>in</c> for an <c>in</c> parameter.</summary>
    public string DeclaredType { get; init; } = "";
}
