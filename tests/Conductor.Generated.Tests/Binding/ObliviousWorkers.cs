#nullable disable

namespace Conductor.Generated.Tests.Binding;

/// <summary>Workers written without nullable annotations: their reference parameters may be null.</summary>
public static class ObliviousWorkers
{
    [WorkerTask("binding_oblivious_text")]
    public static string Describe(string text, string[] items) =>
        (text ?? "no text") + "/" + (items is null ? "no items" : string.Join(",", items.Select(item => item ?? "null")));
}
