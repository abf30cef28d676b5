using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.AnalyzerVerifier<Conductor.Generated.Analyzers.Rules.BlockingCallAnalyzer>;

namespace Conductor.Generated.Analyzers.Tests.Rules;

public sealed class BlockingCallAnalyzerTests
{
    [Fact]
    public async Task Sleep_wait_result_and_get_result_are_reported()
    {
        const string source = """
            public static class Reports
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("build_report")]
                public static string Build(string id)
                {
                    {|#0:Thread.Sleep(100)|};
                    var download = Client.GetStringAsync("/reports/" + id);
                    {|#1:download.Wait()|};
                    var text = {|#2:download.Result|};
                    return text + {|#3:Client.GetStringAsync("/footer").GetAwaiter().GetResult()|};
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(BlockingCallAnalyzer.BlockingCall).WithLocation(0)
                .WithArguments("Thread.Sleep", "use 'await Task.Delay' with the task's CancellationToken", "in worker 'Reports.Build'"),
            Verify.Diagnostic(BlockingCallAnalyzer.BlockingCall).WithLocation(1),
            Verify.Message(BlockingCallAnalyzer.BlockingCall).WithLocation(2)
                .WithArguments("Task.Result", "await the task instead", "in worker 'Reports.Build'"),
            Verify.Diagnostic(BlockingCallAnalyzer.BlockingCall).WithLocation(3));
    }

    [Fact]
    public async Task Blocking_in_a_helper_two_calls_deep_and_in_a_lambda_is_reported()
    {
        const string source = """
            public static class Reports
            {
                [WorkerTask("build_report")]
                public static async Task Build(string[] ids)
                {
                    Retry.Pause();
                    await Task.Run(() => {|#1:Thread.Sleep(10)|});
                }
            }

            internal static class Retry
            {
                public static void Pause() => Backoff.Wait();
            }

            internal static class Backoff
            {
                public static void Wait() => {|#0:Thread.Sleep(TimeSpan.FromSeconds(1))|};
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(BlockingCallAnalyzer.BlockingCall).WithLocation(1),
            Verify.Message(BlockingCallAnalyzer.BlockingCall).WithLocation(0)
                .WithArguments("Thread.Sleep", "use 'await Task.Delay' with the task's CancellationToken", "in worker 'Reports.Build' (through Reports.Build -> Retry.Pause -> Backoff.Wait)"));
    }

    [Fact]
    public async Task Results_of_awaited_tasks_awaits_and_look_alike_members_are_not_reported()
    {
        const string source = """
            public static class Reports
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("build_report")]
                public static async Task<string> Build(string id, CancellationToken cancellationToken)
                {
                    var header = Client.GetStringAsync("/header", cancellationToken);
                    var body = Client.GetStringAsync("/body", cancellationToken);
                    await Task.WhenAll(header, body);
                    var footer = Client.GetStringAsync("/footer", cancellationToken);
                    await footer;
                    await Task.Delay(10, cancellationToken);
                    var outcome = new Outcome { Result = header.Result + body.Result + footer.Result };
                    using var semaphore = new SemaphoreSlim(1);
                    await semaphore.WaitAsync(cancellationToken);
                    return outcome.Result;
                }
            }

            public sealed class Outcome { public string Result { get; set; } = ""; public void Wait() { } }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Blocking_outside_any_worker_is_not_reported()
    {
        const string source = """
            public static class Startup
            {
                public static void WarmUp() => Thread.Sleep(10);

                [WorkerTask("noop")]
                public static void Noop() { }
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
