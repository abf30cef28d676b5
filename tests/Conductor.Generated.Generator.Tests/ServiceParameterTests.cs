using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator.Tests;

/// <summary>Parameters resolved from the task's service scope: how they are generated, and their errors.</summary>
public sealed class ServiceParameterTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Conductor.Generated;
        using Microsoft.Extensions.DependencyInjection;
        namespace Sample;
        public interface IClock { DateTimeOffset Now { get; } }
        public enum Region { Europe, America }

        """;

    [Fact]
    public void A_service_parameter_without_the_hosting_package_is_reported_at_the_parameter()
    {
        var diagnostic = SingleDiagnostic(
            """
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(string name, [FromServices] IClock [|clock|]) { }
            }
            """,
            withHosting: false);

        Assert.Equal("CDG0017", diagnostic.Id);
        Assert.Equal(
            "Parameter 'clock' of worker method 'Jobs.Run' is resolved from services, but this project does not reference Conductor.Generated.Hosting, which gives every task a service scope; add the Conductor.Generated.Hosting package and run the workers with AddConductorWorkers",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_service_parameter_without_the_hosting_package_is_reported_and_the_worker_is_still_generated()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([FromServices] IClock clock, [FromKeyedServices("backup")] IClock backup) { }
            }
            """);

        Assert.Equal(["CDG0017", "CDG0017"], run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id));
        Assert.Equal(
            ["'clock'", "'backup'"],
            run.GeneratorDiagnostics.Select(diagnostic => diagnostic.GetMessage(CultureInfo.InvariantCulture).Split(' ')[1]));
        // Generating the worker anyway keeps the missing package the only error the user sees.
        Assert.Contains("Jobs.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Workers_without_service_parameters_need_no_hosting_package()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run(string name, TaskContext context, CancellationToken cancellationToken) { }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain("ServiceDependencies", run.GeneratedSources["ConductorWorkers.g.cs"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[|FromKeyedServices(3L)|]", "a constant of type 'long'")]
    [InlineData("[|FromKeyedServices(true)|]", "a constant of type 'bool'")]
    [InlineData("[|FromKeyedServices(typeof(IClock))|]", "a constant of type 'System.Type'")]
    [InlineData("[|FromKeyedServices(null)|]", "null")]
    [InlineData("[|FromKeyedServices|]", "missing")]
    [InlineData("[|FromKeyedServices()|]", "missing")]
    public void A_service_key_that_is_not_a_string_int_or_enum_is_reported_at_the_attribute(string attribute, string problem)
    {
        var diagnostic = SingleDiagnostic($$"""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([{{attribute}}] IClock clock) { }
            }
            """);

        Assert.Equal("CDG0018", diagnostic.Id);
        Assert.Equal(
            "The service key of parameter 'clock' of worker method 'Jobs.Run' is " + problem + "; give [FromKeyedServices] a string, an int or an enum constant",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("FromServices, InputParam(\"clock\")", "[FromServices] and [InputParam]")]
    [InlineData("TaskInput, FromKeyedServices(\"k\")", "[FromKeyedServices] and [TaskInput]")]
    public void A_parameter_that_is_both_a_service_and_an_input_is_reported(string attributes, string named)
    {
        var diagnostic = SingleDiagnostic($$"""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([{{attributes}}] IClock [|clock|]) { }
            }
            """);

        Assert.Equal("CDG0019", diagnostic.Id);
        Assert.Equal(
            "Parameter 'clock' of worker method 'Jobs.Run' has both " + named + "; a parameter is either resolved from services or bound from the task input: remove one of them",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("\"primary\"", "\"primary\"")]
    [InlineData("42", "42")]
    [InlineData("-1", "-1")]
    [InlineData("Region.America", "global::Sample.Region.America")]
    [InlineData("(Region)7", "(global::Sample.Region)(7)")]
    public void A_service_key_is_passed_as_written(string key, string generated)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([FromKeyedServices({{key}})] IClock clock) { }
            }
            """, GeneratorHarness.HostingMarker);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        var invoker = run.WorkerCode("Jobs.g.cs");
        Assert.Contains("GetRequiredKeyedService<global::Sample.IClock>(context.Services, " + generated + ")", invoker, StringComparison.Ordinal);
        Assert.Contains("new(typeof(global::Sample.IClock), " + generated + ", \"clock\")", invoker, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generic_or_nullable_service_type_is_resolved_as_declared_and_listed_without_annotations()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface IRepository<T> { }
            public sealed record Order(string Id);
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([FromServices] IRepository<Order?> orders, [FromServices] IClock? clock) { }
            }
            """, GeneratorHarness.HostingMarker);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        var invoker = run.WorkerCode("Jobs.g.cs");
        Assert.Contains("GetRequiredService<global::Sample.IRepository<global::Sample.Order?>>(context.Services)", invoker, StringComparison.Ordinal);
        Assert.Contains("new(typeof(global::Sample.IRepository<global::Sample.Order>), null, \"orders\")", invoker, StringComparison.Ordinal);
        Assert.Contains("GetRequiredService<global::Sample.IClock>(context.Services)", invoker, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> ParameterOrders()
    {
        string[] parameters = ["[FromServices] IClock clock", "[InputParam(\"amount\")] decimal total", "TaskContext context", "CancellationToken token"];
        var orders = new TheoryData<string[]>();
        foreach (var order in Permutations(parameters))
        {
            orders.Add(order);
        }

        return orders;
    }

    [Theory]
    [MemberData(nameof(ParameterOrders))]
    public void Services_input_context_and_token_can_come_in_any_order(string[] parameters)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public static class Jobs
            {
                [WorkerTask("run")]
                public static Task Run({{string.Join(", ", parameters)}}) => Task.CompletedTask;
            }
            """, GeneratorHarness.HostingMarker);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        var arguments = parameters.Select(parameter => parameter.Split(' ')[^1] switch
        {
            "context" => "context",
            "token" => "cancellationToken",
            var name => name,
        });
        Assert.Contains("method(" + string.Join(", ", arguments) + ")", run.WorkerCode("Jobs.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Service_parameters_are_neither_input_keys_nor_in_the_input_schema()
    {
        var definitions = TaskDefinitionJsonTests.ReadDefinitions(Usings + """
            public static class Jobs
            {
                [WorkerTask("run")]
                public static void Run([FromServices] IClock clock, string name, [FromKeyedServices(Region.Europe)] IClock regional) { }
            }
            """, GeneratorHarness.HostingMarker);

        var definition = definitions["run"];
        Assert.Equal(["name"], definition.GetProperty("inputKeys").EnumerateArray().Select(key => key.GetString()));
        var schema = definition.GetProperty("inputSchema").GetProperty("data");
        Assert.Equal(["name"], schema.GetProperty("properties").EnumerateObject().Select(property => property.Name));
        Assert.Equal(["name"], schema.GetProperty("required").EnumerateArray().Select(key => key.GetString()));
    }

    private static Diagnostic SingleDiagnostic(string markup, bool withHosting = true)
    {
        var (source, span) = Markup.Parse(Usings + markup);
        var run = withHosting ? GeneratorHarness.Run(source, GeneratorHarness.HostingMarker) : GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(run.CompilationProblems, problem => problem.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        return diagnostic;
    }

    private static IEnumerable<string[]> Permutations(string[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, index) => Permutations([.. items.Take(index), .. items.Skip(index + 1)]).Select(rest => (string[])[item, .. rest]));
}
