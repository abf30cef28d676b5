using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.AnalyzerVerifier<Conductor.Generated.Analyzers.Rules.CancellationTokenAnalyzer>;

namespace Conductor.Generated.Analyzers.Tests.Rules;

public sealed class CancellationTokenAnalyzerTests
{
    [Fact]
    public async Task Calls_with_an_overload_or_an_optional_token_that_do_not_pass_it_are_reported()
    {
        const string source = """
            public static class Reports
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("build_report")]
                public static async Task<string> Build(string id, CancellationToken cancellationToken)
                {
                    await {|#0:Task.Delay(100)|};
                    var text = await {|#1:Client.GetStringAsync("/reports/" + id)|};
                    await {|#2:File.WriteAllTextAsync("report.txt", text)|};
                    return text;
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(CancellationTokenAnalyzer.TokenNotPassed).WithLocation(0)
                .WithArguments("Task.Delay", "cancellationToken", "in worker 'Reports.Build'"),
            Verify.Diagnostic(CancellationTokenAnalyzer.TokenNotPassed).WithLocation(1),
            Verify.Diagnostic(CancellationTokenAnalyzer.TokenNotPassed).WithLocation(2));
    }

    [Fact]
    public async Task Helpers_and_lambdas_with_their_own_token_are_checked()
    {
        const string source = """
            public static class Reports
            {
                [WorkerTask("build_report")]
                public static async Task Build(string id, CancellationToken cancellationToken)
                {
                    await Storage.Save(id, cancellationToken);
                    Func<CancellationToken, Task> pause = token => {|#1:Task.Delay(5)|};
                    await pause(cancellationToken);
                }
            }

            internal static class Storage
            {
                public static Task Save(string id, CancellationToken token) => Disk.Write(id, token);
            }

            internal static class Disk
            {
                public static async Task Write(string id, CancellationToken token) => await {|#0:File.WriteAllTextAsync(id, id)|};
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(CancellationTokenAnalyzer.TokenNotPassed).WithLocation(1),
            Verify.Message(CancellationTokenAnalyzer.TokenNotPassed).WithLocation(0)
                .WithArguments("File.WriteAllTextAsync", "token", "in worker 'Reports.Build' (through Reports.Build -> Storage.Save -> Disk.Write)"));
    }

    [Fact]
    public async Task Calls_that_pass_a_token_have_no_token_overload_or_have_no_token_in_scope_are_not_reported()
    {
        const string source = """
            public static class Reports
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("build_report")]
                public static async Task<string> Build(string id, CancellationToken cancellationToken)
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    await Task.Delay(100, linked.Token);
                    await Task.Yield();
                    var text = await Client.GetStringAsync("/reports/" + id, cancellationToken);
                    await Local();
                    return text + Sync();

                    static Task Local() => Task.CompletedTask;
                }

                [WorkerTask("no_token")]
                public static async Task NoToken() => await Task.Delay(10);

                private static string Sync() => "";
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
