using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.AnalyzerVerifier<Conductor.Generated.Analyzers.Rules.WorkerDeclarationAnalyzer>;

namespace Conductor.Generated.Analyzers.Tests.Rules;

public sealed class WorkerDeclarationAnalyzerTests
{
    [Fact]
    public async Task Catching_every_exception_and_returning_is_reported()
    {
        const string source = """
            public static class Payments
            {
                [WorkerTask("charge")]
                public static string Charge(string id, ILogger logger)
                {
                    try
                    {
                        return Gateway.Charge(id);
                    }
                    {|#0:catch (Exception exception)|}
                    {
                        logger.LogError(exception, "charge failed");
                        return "failed";
                    }
                }

                [WorkerTask("refund")]
                public static async Task Refund(string id)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    {|#1:catch|}
                    {
                    }
                }
            }

            internal static class Gateway
            {
                public static string Charge(string id) => id;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(WorkerDeclarationAnalyzer.SwallowedException).WithLocation(0).WithArguments("in worker 'Payments.Charge'"),
            Verify.Diagnostic(WorkerDeclarationAnalyzer.SwallowedException).WithLocation(1));
    }

    [Fact]
    public async Task Specific_filtered_rethrowing_and_callback_catches_and_helpers_are_not_reported()
    {
        const string source = """
            public static class Payments
            {
                [WorkerTask("charge")]
                public static string Charge(string id, TaskContext context)
                {
                    try { return Gateway.Charge(id); }
                    catch (HttpRequestException) { return "retry later"; }
                    catch (Exception exception) when (exception is TimeoutException) { return "timeout"; }
                    catch (InvalidOperationException exception) { throw new NonRetryableException(exception.Message); }
                    catch (Exception) { throw; }
                }

                [WorkerTask("poll_status")]
                public static string Poll(string id, TaskContext context)
                {
                    try { return Gateway.Charge(id); }
                    catch (Exception) { context.CallbackAfter(TimeSpan.FromSeconds(30)); return "pending"; }
                }

                [WorkerTask("wrap")]
                public static string Wrap(string id) => Gateway.TryCharge(id);
            }

            internal static class Gateway
            {
                public static string Charge(string id) => id;

                public static string TryCharge(string id)
                {
                    try { return Charge(id); }
                    catch (Exception) { return ""; }
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_worker_that_neither_long_polls_nor_pauses_is_reported()
    {
        const string source = """
            public static class Jobs
            {
                [{|#0:WorkerTask("spin", PollIntervalMs = 0, PollTimeoutMs = 0)|}]
                public static void Spin() { }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Message(WorkerDeclarationAnalyzer.BusyPolling).WithLocation(0).WithArguments("in worker 'Jobs.Spin'"));
    }

    [Fact]
    public async Task A_worker_that_long_polls_or_pauses_is_not_reported()
    {
        const string source = """
            public static class Jobs
            {
                [WorkerTask("long_poll", PollIntervalMs = 0)]
                public static void LongPoll() { }

                [WorkerTask("pause", PollIntervalMs = 50, PollTimeoutMs = 0)]
                public static void Pause() { }

                [WorkerTask("defaults", Concurrency = 4)]
                public static void Defaults() { }
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
