using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator.Tests;

/// <summary>Each compile-time error: its ID, where it points and what it says.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Conductor.Generated;
        namespace Sample;
        public sealed record Order(string Id);

        """;

    [Fact]
    public void An_instance_method_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public class Jobs
            {
                [WorkerTask("run")]
                public void [|Run|]() { }
            }
            """);

        Assert.Equal("CDG0001", diagnostic.Id);
        Assert.Equal("Worker method 'Jobs.Run' is an instance method; make it static, because the generated dispatch calls it without an instance", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_generic_method_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void [|Run|]<T>() { }
            }
            """);

        Assert.Equal("CDG0002", diagnostic.Id);
        Assert.Contains("'Jobs.Run' has type parameters", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_of_a_generic_type_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs<TItem>
            {
                [WorkerTask("run")]
                public static void [|Run|]() { }
            }
            """);

        Assert.Equal("CDG0002", diagnostic.Id);
        Assert.Contains("is declared in the generic type 'Sample.Jobs<TItem>'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_method_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                private static void [|Run|]() { }
            }
            """);

        Assert.Equal("CDG0003", diagnostic.Id);
        Assert.StartsWith("Worker method 'Jobs.Run' is private; make the method and its containing types internal or public", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_in_a_private_nested_type_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Outer
            {
                private static class Inner
                {
                    [WorkerTask("run")]
                    public static void [|Run|]() { }
                }
            }
            """);

        Assert.Equal("CDG0003", diagnostic.Id);
        Assert.Contains("'Outer.Inner.Run' is declared in the private type 'Sample.Outer.Inner'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_in_a_file_local_type_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            file static class Jobs
            {
                [WorkerTask("run")]
                public static void [|Run|]() { }
            }
            """);

        Assert.Equal("CDG0003", diagnostic.Id);
        Assert.Contains("is declared in the file-local type", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_task_name_is_reported_on_the_second_worker()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void First() { }

                [WorkerTask("run")]
                public static void [|Second|]() { }
            }
            """);

        Assert.Equal("CDG0004", diagnostic.Id);
        Assert.StartsWith("Task name 'run' of worker method 'Jobs.Second' is already used by 'Jobs.First'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("null")]
    public void An_empty_task_name_is_reported(string taskName)
    {
        var diagnostic = SingleDiagnostic($$"""
            public static class Jobs
            {
                [[|WorkerTask({{taskName}})|]]
                public static void Run() { }
            }
            """);

        Assert.Equal("CDG0005", diagnostic.Id);
    }

    [Theory]
    [InlineData("object")]
    [InlineData("Func<int>")]
    [InlineData("params ReadOnlySpan<int>")]
    [InlineData("dynamic")]
    [InlineData("int[,]")]
    [InlineData("Span<int>")]
    [InlineData("Task<int>")]
    public void An_unsupported_parameter_type_is_reported(string type)
    {
        var diagnostic = SingleDiagnostic($$"""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run({{type}} [|value|]) { }
            }
            """);

        Assert.Equal("CDG0006", diagnostic.Id);
        Assert.StartsWith("Parameter 'value' of worker method 'Jobs.Run' has type '", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ref int", "a ref parameter")]
    [InlineData("out int", "an out parameter")]
    [InlineData("ref readonly int", "a ref readonly parameter")]
    [InlineData("int*", "a pointer")]
    public void A_parameter_passed_by_reference_or_a_pointer_is_reported(string declaration, string description)
    {
        var diagnostic = SingleDiagnostic($$"""
            public static unsafe class Jobs
            {
                [WorkerTask("run")]
                public static void Run({{declaration}} [|value|]) { value = default; }
            }
            """);

        Assert.Equal("CDG0007", diagnostic.Id);
        Assert.Equal($"Parameter 'value' of worker method 'Jobs.Run' is {description}; worker parameters are bound by value: remove the modifier", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("IAsyncEnumerable<int>", "an asynchronous stream")]
    [InlineData("object", "cannot be written as task output")]
    [InlineData("Task<Task<int>>", "cannot be written as task output")]
    public void An_unsupported_return_type_is_reported(string returnType, string reason)
    {
        var diagnostic = SingleDiagnostic($$"""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static {{returnType}} [|Run|]() => throw new NotImplementedException();
            }
            """);

        Assert.Equal("CDG0008", diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_type_no_json_context_declares_is_reported_with_the_fix()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(Order [|order|]) { }
            }
            """);

        Assert.Equal("CDG0009", diagnostic.Id);
        Assert.Equal(
            "Parameter 'order' of worker method 'Jobs.Run' has type 'Sample.Order', which no JsonSerializerContext of this compilation declares; add [JsonSerializable(typeof(Sample.Order))] to an internal or public JsonSerializerContext",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_collection_element_type_no_json_context_declares_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(List<Order> [|orders|]) { }
            }
            """);

        Assert.Equal("CDG0009", diagnostic.Id);
        Assert.Contains("typeof(Sample.Order)", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_return_type_no_json_context_declares_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static Task<Order> [|Run|]() => throw new NotImplementedException();
            }
            """);

        Assert.Equal("CDG0009", diagnostic.Id);
        Assert.StartsWith("The return value of worker method 'Jobs.Run' has type 'Sample.Order'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_that_generates_serialization_code_only_cannot_read_a_parameter()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static Order Run(Order [|order|]) => order;
            }

            [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
            [JsonSerializable(typeof(Order))]
            internal partial class WriteOnlyContext : JsonSerializerContext;
            """);

        Assert.Equal("CDG0009", diagnostic.Id);
        Assert.Contains(
            "which no JsonSerializerContext of this compilation declares with metadata for reading (a context with GenerationMode = Serialization can only write it)",
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_declared_with_metadata_can_be_read_even_in_a_serialization_only_context()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static class Jobs
            {
                [WorkerTask("run")]
                public static Order Run(Order order) => order;
            }

            [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
            [JsonSerializable(typeof(Order), GenerationMode = JsonSourceGenerationMode.Default)]
            internal partial class AppJsonContext;
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("Jobs.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void A_private_json_context_does_not_count()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(Order [|order|]) { }

                [JsonSerializable(typeof(Order))]
                private partial class HiddenContext : JsonSerializerContext;
            }
            """);

        Assert.Equal("CDG0009", diagnostic.Id);
    }

    [Fact]
    public void Two_task_input_parameters_are_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([TaskInput] Dictionary<string, string> first, [TaskInput] Dictionary<string, string> [|second|]) { }
            }
            """);

        Assert.Equal("CDG0010", diagnostic.Id);
        Assert.StartsWith("Worker method 'Jobs.Run' marks both 'first' and 'second' with [TaskInput]", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void An_async_void_method_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static async void [|Run|]() => await Task.Yield();
            }
            """);

        Assert.Equal("CDG0011", diagnostic.Id);
    }

    [Theory]
    [InlineData("Concurrency = 0", "Concurrency = 0; run at least one task at a time")]
    [InlineData("PollIntervalMs = -1", "PollIntervalMs = -1; a pause cannot be negative")]
    [InlineData("PollTimeoutMs = 6000", "PollTimeoutMs = 6000; the Conductor server long-polls for 0 to 5000 ms")]
    [InlineData("PollTimeoutMs = -5", "PollTimeoutMs = -5")]
    public void An_out_of_range_setting_is_reported_on_the_argument(string setting, string message)
    {
        var diagnostic = SingleDiagnostic($$"""
            public static class Jobs
            {
                [WorkerTask("run", [|{{setting}}|])]
                public static void Run() { }
            }
            """);

        Assert.Equal("CDG0012", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_input_key_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([[|InputParam("")|]] int value) { }
            }
            """);

        Assert.Equal("CDG0013", diagnostic.Id);
        Assert.Equal("Parameter 'value' of worker method 'Jobs.Run' has an empty key; give [InputParam(\"...\")] the key to use", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_empty_output_key_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                [return: [|OutputParam(" ")|]]
                public static int Run() => 1;
            }
            """);

        Assert.Equal("CDG0013", diagnostic.Id);
    }

    [Fact]
    public void A_faulty_worker_is_left_out_and_the_others_are_still_generated()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static class Jobs
            {
                [WorkerTask("good")]
                public static int Good(int value) => value;

                [WorkerTask("bad")]
                public static void Bad(object value) { }
            }
            """);

        Assert.Equal("CDG0006", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Contains("Jobs.g.cs", run.GeneratedSources.Keys);
        Assert.DoesNotContain("\"bad\"", run.GeneratedSources["Jobs.g.cs"], StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void A_parameter_of_an_unknown_type_adds_no_diagnostic_to_the_compiler_error()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(Missing value) { }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain("Jobs.g.cs", run.GeneratedSources.Keys);
    }

    /// <summary>Runs the generator on a source with one <c>[|...|]</c> span and returns its only diagnostic, checked to point there.</summary>
    private static Diagnostic SingleDiagnostic(string markup)
    {
        var (source, span) = Markup.Parse(Usings + markup);
        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(span, diagnostic.Location.SourceSpan);

        // The faulty worker is left out, so the generated code still compiles.
        Assert.DoesNotContain(run.CompilationProblems, problem => problem.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        return diagnostic;
    }
}
