namespace Conductor.Generated.Generator.Model;

/// <summary>What a worker method returns.</summary>
/// <param name="IsAwaitable">Whether it returns <c>Task</c>/<c>ValueTask</c> (of something).</param>
/// <param name="Value">The type of the value, or <see langword="null"/> for void/Task/ValueTask.</param>
/// <param name="OutputKey">The <c>[OutputParam]</c> key, or <see langword="null"/>.</param>
/// <param name="Schema">The JSON Schema of the value, or <see langword="null"/> when there is none.</param>
internal sealed record ReturnModel(bool IsAwaitable, TypeModel? Value, string? OutputKey, SchemaModel? Schema = null)
{
    /// <summary>The method's return type as declared, <c>global::</c>-qualified and annotated (<c>void</c> for none).</summary>
    public string DeclaredType { get; init; } = "void";
}
