namespace Conductor.Generated.Analyzers;

/// <summary>
/// Diagnostic categories of the worker analyzers. The rules that flag non-idempotent and
/// stateful workers live in this assembly; the generator's own binding diagnostics are
/// reported by the generator.
/// </summary>
internal static class WorkerAnalyzerCategories
{
    public const string Idempotency = "Conductor.Idempotency";
    public const string Reliability = "Conductor.Reliability";
    public const string Usage = "Conductor.Usage";
}
