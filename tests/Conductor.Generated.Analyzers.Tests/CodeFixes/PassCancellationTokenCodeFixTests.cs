using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.CodeFixVerifier<
    Conductor.Generated.Analyzers.Rules.CancellationTokenAnalyzer,
    Conductor.Generated.Analyzers.CodeFixes.PassCancellationTokenCodeFix>;

namespace Conductor.Generated.Analyzers.Tests.CodeFixes;

public sealed class PassCancellationTokenCodeFixTests
{
    [Fact]
    public async Task Passes_the_token_to_an_overload_and_to_an_optional_parameter()
    {
        const string before = """
            public static class Reports
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("build_report")]
                public static async Task Build(string id, CancellationToken stop)
                {
                    var text = await {|#0:Client.GetStringAsync("/reports/" + id)|};
                    await {|#1:File.WriteAllTextAsync("report.txt", text)|};
                }
            }
            """;
        const string after = """
            public static class Reports
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("build_report")]
                public static async Task Build(string id, CancellationToken stop)
                {
                    var text = await Client.GetStringAsync("/reports/" + id, stop);
                    await File.WriteAllTextAsync("report.txt", text, cancellationToken: stop);
                }
            }
            """;

        await Verify.VerifyAsync(
            before,
            [
                Verify.Diagnostic(CancellationTokenAnalyzer.TokenNotPassed).WithLocation(0),
                Verify.Diagnostic(CancellationTokenAnalyzer.TokenNotPassed).WithLocation(1),
            ],
            after);
    }

    [Fact]
    public async Task Passes_the_token_of_the_lambda_the_call_is_in()
    {
        const string before = """
            public static class Reports
            {
                [WorkerTask("build_report")]
                public static async Task Build(CancellationToken cancellationToken)
                {
                    Func<CancellationToken, Task> pause = token => {|#0:Task.Delay(5)|};
                    await pause(cancellationToken);
                }
            }
            """;
        const string after = """
            public static class Reports
            {
                [WorkerTask("build_report")]
                public static async Task Build(CancellationToken cancellationToken)
                {
                    Func<CancellationToken, Task> pause = token => Task.Delay(5, token);
                    await pause(cancellationToken);
                }
            }
            """;

        await Verify.VerifyAsync(before, [Verify.Diagnostic(CancellationTokenAnalyzer.TokenNotPassed).WithLocation(0)], after);
    }
}
