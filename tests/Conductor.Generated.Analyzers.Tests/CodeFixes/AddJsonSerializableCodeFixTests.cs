using Conductor.Generated.Analyzers.CodeFixes;
using Conductor.Generated.Analyzers.Tests.Verification;

namespace Conductor.Generated.Analyzers.Tests.CodeFixes;

/// <summary>
/// CDG0009 comes from the source generator, so these tests run the real generator: the source
/// before reports CDG0009, the fix changes the files as shown, and the generator reports nothing
/// on the result.
/// </summary>
public sealed class AddJsonSerializableCodeFixTests
{
    private const string Usings = """
        using System.Text.Json;
        using System.Text.Json.Serialization;

        """;

    private const string NewContextFile = AddJsonSerializableCodeFix.NewContextName + ".cs";

    [Fact]
    public async Task Adds_the_parameter_type_to_the_projects_context()
    {
        const string before = Usings + """
            namespace Shop;

            public sealed record Order(string Id, decimal Amount);
            public sealed record Receipt(string OrderId);

            public static class Workers
            {
                [WorkerTask("charge")]
                public static Receipt Charge(Order order) => new(order.Id);
            }

            [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
            [JsonSerializable(typeof(Receipt))]
            internal partial class AppJsonContext : JsonSerializerContext;
            """;
        const string after = Usings + """
            namespace Shop;

            public sealed record Order(string Id, decimal Amount);
            public sealed record Receipt(string OrderId);

            public static class Workers
            {
                [WorkerTask("charge")]
                public static Receipt Charge(Order order) => new(order.Id);
            }

            [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
            [JsonSerializable(typeof(Receipt))]
            [JsonSerializable(typeof(Order))]
            internal partial class AppJsonContext : JsonSerializerContext;
            """;

        var outcome = await ApplyAsync(new() { ["Workers.cs"] = before }, "Add [JsonSerializable(typeof(Order))] to AppJsonContext");

        AssertText(after, outcome.Documents["Workers.cs"]);
        Assert.Empty(outcome.GeneratorDiagnosticsAfter);
    }

    [Fact]
    public async Task Adds_the_return_type_to_a_context_in_another_file_and_namespace()
    {
        const string workers = Usings + """
            namespace Shop;

            public sealed record Receipt(string OrderId);

            public static class Workers
            {
                [WorkerTask("charge")]
                public static Receipt Charge(string orderId) => new(orderId);
            }
            """;
        const string contextBefore = Usings + """
            namespace Shop.Serialization;

            [JsonSerializable(typeof(string[]))]
            internal partial class AppJsonContext : JsonSerializerContext;
            """;
        const string contextAfter = Usings + """
            namespace Shop.Serialization;

            [JsonSerializable(typeof(string[]))]
            [JsonSerializable(typeof(Receipt))]
            internal partial class AppJsonContext : JsonSerializerContext;
            """;

        var outcome = await ApplyAsync(
            new() { ["Workers.cs"] = workers, ["AppJsonContext.cs"] = contextBefore },
            "Add [JsonSerializable(typeof(Receipt))] to AppJsonContext");

        AssertText(workers, outcome.Documents["Workers.cs"]);
        AssertText(contextAfter, outcome.Documents["AppJsonContext.cs"]);
        Assert.Empty(outcome.GeneratorDiagnosticsAfter);
    }

    [Fact]
    public async Task Adds_a_collection_element_type_and_offers_every_context()
    {
        const string before = Usings + """
            namespace Shop;

            public sealed record Line(string Sku, int Quantity);

            public static class Workers
            {
                [WorkerTask("pick")]
                public static int Pick(List<Line> lines) => lines.Count;
            }

            [JsonSerializable(typeof(int))]
            internal partial class FirstContext : JsonSerializerContext;

            [JsonSerializable(typeof(string))]
            internal partial class SecondContext : JsonSerializerContext;
            """;

        var outcome = await ApplyAsync(new() { ["Workers.cs"] = before }, "Add [JsonSerializable(typeof(Line))] to SecondContext");

        Assert.Equal(
            ["Add [JsonSerializable(typeof(Line))] to FirstContext", "Add [JsonSerializable(typeof(Line))] to SecondContext"],
            outcome.OfferedTitles);
        Assert.Contains("[JsonSerializable(typeof(string))]\n[JsonSerializable(typeof(Line))]\ninternal partial class SecondContext", Normalize(outcome.Documents["Workers.cs"]), StringComparison.Ordinal);
        Assert.Empty(outcome.GeneratorDiagnosticsAfter);
    }

    [Fact]
    public async Task Adds_the_attribute_to_a_context_that_has_none_yet()
    {
        const string before = Usings + """
            namespace Shop;

            public sealed record Order(string Id);

            public static class Workers
            {
                [WorkerTask("charge")]
                public static void Charge(Order order) { }
            }

            /// <summary>The app's JSON metadata.</summary>
            internal partial class AppJsonContext : JsonSerializerContext;
            """;

        var outcome = await ApplyAsync(new() { ["Workers.cs"] = before }, "Add [JsonSerializable(typeof(Order))] to AppJsonContext");

        Assert.Contains("/// <summary>The app's JSON metadata.</summary>\n[JsonSerializable(typeof(Order))]\ninternal partial class AppJsonContext", Normalize(outcome.Documents["Workers.cs"]), StringComparison.Ordinal);
        Assert.Empty(outcome.GeneratorDiagnosticsAfter);
    }

    [Fact]
    public async Task Creates_a_context_when_the_project_has_none()
    {
        const string before = Usings + """
            namespace Shop;

            public sealed record Order(string Id, decimal Amount);

            public static class Workers
            {
                [WorkerTask("charge")]
                public static void Charge(Order order) { }
            }
            """;

        var outcome = await ApplyAsync(new() { ["Workers.cs"] = before }, "Create WorkerJsonContext with [JsonSerializable(typeof(Order))]");

        AssertText(before, outcome.Documents["Workers.cs"]);
        AssertText(CreatedContext("Order"), outcome.Documents[NewContextFile]);
        Assert.Empty(outcome.GeneratorDiagnosticsAfter);
    }

    [Fact]
    public async Task Leaves_a_serialization_only_context_alone_for_a_parameter()
    {
        const string before = Usings + """
            namespace Shop;

            public sealed record Order(string Id);

            public static class Workers
            {
                [WorkerTask("charge")]
                public static void Charge(Order order) { }
            }

            [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
            [JsonSerializable(typeof(Order))]
            internal partial class WriteOnlyContext : JsonSerializerContext;
            """;

        var outcome = await ApplyAsync(new() { ["Workers.cs"] = before }, "Create WorkerJsonContext with [JsonSerializable(typeof(Order))]");

        Assert.Equal(["Create WorkerJsonContext with [JsonSerializable(typeof(Order))]"], outcome.OfferedTitles);
        AssertText(CreatedContext("Order"), outcome.Documents[NewContextFile]);
        Assert.Empty(outcome.GeneratorDiagnosticsAfter);
    }

    private static string CreatedContext(string typeName) => $$"""
        using System.Text.Json;
        using System.Text.Json.Serialization;

        namespace Shop;

        /// <summary>Source-generated JSON metadata for the worker parameter and return types (Native AOT needs no reflection).</summary>
        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof({{typeName}}))]
        internal partial class WorkerJsonContext : JsonSerializerContext
        {
        }

        """;

    private static Task<FixOutcome> ApplyAsync(Dictionary<string, string> sources, string title) =>
        GeneratorCodeFixVerifier.ApplyAsync(new AddJsonSerializableCodeFix(), AddJsonSerializableCodeFix.DiagnosticId, sources, title);

    private static void AssertText(string expected, string actual) => Assert.Equal(Normalize(expected), Normalize(actual));

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
