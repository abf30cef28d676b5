using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.CodeFixVerifier<
    Conductor.Generated.Analyzers.Rules.NondeterministicValueAnalyzer,
    Conductor.Generated.Analyzers.CodeFixes.UseScheduledTimeCodeFix>;

namespace Conductor.Generated.Analyzers.Tests.CodeFixes;

public sealed class UseScheduledTimeCodeFixTests
{
    [Fact]
    public async Task Replaces_each_clock_reading_with_the_matching_view_of_the_scheduled_time()
    {
        const string before = """
            public sealed record Stamps(DateTime Utc, DateTime Local, DateTime Day, DateTimeOffset Offset, DateTimeOffset LocalOffset);

            public static class Bookings
            {
                [WorkerTask("book")]
                public static Stamps Book(TaskContext context)
                    => new({|#0:DateTime.UtcNow|}, {|#1:DateTime.Now|}, {|#2:DateTime.Today|}, {|#3:DateTimeOffset.UtcNow|}, {|#4:DateTimeOffset.Now|});
            }
            """;
        const string after = """
            public sealed record Stamps(DateTime Utc, DateTime Local, DateTime Day, DateTimeOffset Offset, DateTimeOffset LocalOffset);

            public static class Bookings
            {
                [WorkerTask("book")]
                public static Stamps Book(TaskContext context)
                    => new(context.ScheduledAt.UtcDateTime, context.ScheduledAt.LocalDateTime, context.ScheduledAt.LocalDateTime.Date, context.ScheduledAt, context.ScheduledAt.ToLocalTime());
            }
            """;

        await Verify.VerifyAsync(
            before,
            [
                Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(0),
                Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(1),
                Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(2),
                Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(3),
                Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(4),
            ],
            after);
    }

    [Fact]
    public async Task Adds_a_context_parameter_to_a_worker_without_one()
    {
        const string before = """
            public static class Bookings
            {
                [WorkerTask("book")]
                public static string Book(string slot) => slot + "@" + {|#0:DateTimeOffset.UtcNow|}.ToString("O");
            }
            """;
        const string after = """
            public static class Bookings
            {
                [WorkerTask("book")]
                public static string Book(string slot, TaskContext context) => slot + "@" + context.ScheduledAt.ToString("O");
            }
            """;

        await Verify.VerifyAsync(before, [Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(0)], after);
    }

    [Fact]
    public async Task Offers_no_fix_for_tick_counts()
    {
        const string source = """
            public static class Bookings
            {
                [WorkerTask("book")]
                public static long Book(TaskContext context) => {|#0:Environment.TickCount64|};
            }
            """;

        await Verify.VerifyNoFixAsync(source, Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(0));
    }
}
