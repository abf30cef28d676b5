using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.CodeFixVerifier<
    Conductor.Generated.Analyzers.Rules.BlockingCallAnalyzer,
    Conductor.Generated.Analyzers.CodeFixes.SleepToDelayCodeFix>;

namespace Conductor.Generated.Analyzers.Tests.CodeFixes;

public sealed class SleepToDelayCodeFixTests
{
    [Fact]
    public async Task Turns_sleep_into_an_awaited_delay_with_the_token()
    {
        const string before = """
            public static class Reports
            {
                [WorkerTask("wait")]
                public static async Task Wait(string id, CancellationToken cancellationToken)
                {
                    {|#0:Thread.Sleep(100)|};
                    await Task.Yield();
                }
            }
            """;
        const string after = """
            public static class Reports
            {
                [WorkerTask("wait")]
                public static async Task Wait(string id, CancellationToken cancellationToken)
                {
                    await Task.Delay(100, cancellationToken);
                    await Task.Yield();
                }
            }
            """;

        await Verify.VerifyAsync(before, [Verify.Diagnostic(BlockingCallAnalyzer.BlockingCall).WithLocation(0)], after);
    }

    [Fact]
    public async Task Turns_sleep_into_an_awaited_delay_without_a_token_when_none_is_in_scope()
    {
        const string before = """
            public static class Reports
            {
                [WorkerTask("wait")]
                public static async Task<string> Wait(string id)
                {
                    {|#0:Thread.Sleep(TimeSpan.FromSeconds(1))|};
                    return await Task.FromResult(id);
                }
            }
            """;
        const string after = """
            public static class Reports
            {
                [WorkerTask("wait")]
                public static async Task<string> Wait(string id)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    return await Task.FromResult(id);
                }
            }
            """;

        await Verify.VerifyAsync(before, [Verify.Diagnostic(BlockingCallAnalyzer.BlockingCall).WithLocation(0)], after);
    }

    [Fact]
    public async Task Offers_no_fix_in_a_method_that_is_not_async_or_for_other_blocking_calls()
    {
        const string source = """
            public static class Reports
            {
                [WorkerTask("wait")]
                public static string Wait(string id)
                {
                    {|#0:Thread.Sleep(100)|};
                    return {|#1:Task.FromResult(id).Result|};
                }
            }
            """;

        await Verify.VerifyNoFixAsync(
            source,
            Verify.Diagnostic(BlockingCallAnalyzer.BlockingCall).WithLocation(0),
            Verify.Diagnostic(BlockingCallAnalyzer.BlockingCall).WithLocation(1));
    }
}
