using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator.Tests;

/// <summary>The [TaskDefinition] settings the Conductor server would reject are compile-time errors on the offending argument.</summary>
public sealed class TaskDefinitionDiagnosticTests
{
    private const string Usings = """
        using Conductor.Generated;
        namespace Sample;

        """;

    [Theory]
    [InlineData("RetryCount = -1", "RetryCount = -1", "set RetryCount to 0 or more")]
    [InlineData("ResponseTimeoutSeconds = 0", "ResponseTimeoutSeconds = 0", "set ResponseTimeoutSeconds to 1 or more")]
    [InlineData("BackoffScaleFactor = 0", "BackoffScaleFactor = 0", "set BackoffScaleFactor to 1 or more")]
    [InlineData("TotalTimeoutSeconds = -3", "TotalTimeoutSeconds = -3", "set TotalTimeoutSeconds to 0 or more")]
    [InlineData("RetryDelaySeconds = -1", "RetryDelaySeconds = -1", "set RetryDelaySeconds to 0 or more")]
    [InlineData("ConcurrentExecLimit = -2", "ConcurrentExecLimit = -2", "set ConcurrentExecLimit to 0 or more")]
    [InlineData("RetryLogic = (TaskRetryLogic)7", "RetryLogic = 7", "use one of the TaskRetryLogic members")]
    [InlineData("TimeoutPolicy = (TaskTimeoutAction)9", "TimeoutPolicy = 9", "use one of the TaskTimeoutAction members")]
    public void A_setting_the_server_rejects_is_reported_on_its_argument(string setting, string shown, string fix)
    {
        var diagnostic = SingleDiagnostic($$"""
            public static class Jobs
            {
                [WorkerTask("run")]
                [TaskDefinition([|{{setting}}|])]
                public static void Run() { }
            }
            """);

        Assert.Equal("CDG0014", diagnostic.Id);
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.StartsWith("Worker method 'Jobs.Run' sets " + shown + " in [TaskDefinition], which the Conductor server rejects;", message, StringComparison.Ordinal);
        Assert.EndsWith(fix, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_timeout_above_the_timeout_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                [TaskDefinition(TimeoutSeconds = 300, [|ResponseTimeoutSeconds = 301|])]
                public static void Run() { }
            }
            """);

        Assert.Equal("CDG0015", diagnostic.Id);
        Assert.Equal(
            "The task definition of worker method 'Jobs.Run' would be rejected by the Conductor server: ResponseTimeoutSeconds = 301 is more than TimeoutSeconds = 300; set it to at most 300",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_timeout_under_the_default_response_timeout_is_reported_because_the_server_default_is_an_hour()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                [TaskDefinition([|TimeoutSeconds = 300|])]
                public static void Run() { }
            }
            """);

        Assert.Equal("CDG0015", diagnostic.Id);
        Assert.Contains("ResponseTimeoutSeconds is left at the server's default of 3600, which is more than TimeoutSeconds = 300", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_total_timeout_below_the_timeout_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                [TaskDefinition(TimeoutSeconds = 300, ResponseTimeoutSeconds = 60, [|TotalTimeoutSeconds = 120|])]
                public static void Run() { }
            }
            """);

        Assert.Equal("CDG0015", diagnostic.Id);
        Assert.Contains("TotalTimeoutSeconds = 120 is less than TimeoutSeconds = 300", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_limit_window_without_a_limit_is_reported()
    {
        var diagnostic = SingleDiagnostic("""
            public static class Jobs
            {
                [WorkerTask("run")]
                [TaskDefinition([|RateLimitFrequencyInSeconds = 60|])]
                public static void Run() { }
            }
            """);

        Assert.Equal("CDG0016", diagnostic.Id);
        Assert.StartsWith("Worker method 'Jobs.Run' sets RateLimitFrequencyInSeconds without RateLimitPerFrequency", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TimeoutSeconds = 300, ResponseTimeoutSeconds = 300")]
    [InlineData("TimeoutSeconds = 0, ResponseTimeoutSeconds = 7200")]
    [InlineData("TimeoutSeconds = 300, ResponseTimeoutSeconds = 60, TotalTimeoutSeconds = 300")]
    [InlineData("TotalTimeoutSeconds = 10")]
    [InlineData("RateLimitPerFrequency = 5")]
    [InlineData("RateLimitPerFrequency = 5, RateLimitFrequencyInSeconds = 60")]
    [InlineData("RetryCount = 0, RetryDelaySeconds = 0, ConcurrentExecLimit = 0, BackoffScaleFactor = 1, ResponseTimeoutSeconds = 1")]
    public void Settings_at_the_edges_of_what_the_server_accepts_are_not_reported(string settings)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public static class Jobs
            {
                [WorkerTask("run")]
                [TaskDefinition({{settings}})]
                public static void Run() { }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    private static Diagnostic SingleDiagnostic(string markup)
    {
        var (source, span) = Markup.Parse(Usings + markup);
        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(run.CompilationProblems, problem => problem.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        return diagnostic;
    }
}
