using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.AnalyzerVerifier<Conductor.Generated.Analyzers.Rules.NonIdempotentSideEffectAnalyzer>;

namespace Conductor.Generated.Analyzers.Tests.Rules;

public sealed class NonIdempotentSideEffectAnalyzerTests
{
    // ---- CDG1040: appending to files ----

    [Fact]
    public async Task Appending_to_files_is_reported()
    {
        const string source = """
            public static class Ledger
            {
                [WorkerTask("record")]
                public static async Task Record(string line)
                {
                    {|#0:File.AppendAllText("ledger.txt", line)|};
                    await {|#1:File.AppendAllLinesAsync("ledger.txt", new[] { line })|};
                    using var stream = {|#2:new FileStream("ledger.bin", FileMode.Append)|};
                    using var writer = {|#3:new StreamWriter("ledger.log", append: true)|};
                    using var opened = {|#4:File.Open("ledger.dat", FileMode.Append, FileAccess.Write)|};
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(NonIdempotentSideEffectAnalyzer.FileAppend).WithLocation(0).WithArguments("File.AppendAllText", "in worker 'Ledger.Record'"),
            Verify.Diagnostic(NonIdempotentSideEffectAnalyzer.FileAppend).WithLocation(1),
            Verify.Diagnostic(NonIdempotentSideEffectAnalyzer.FileAppend).WithLocation(2),
            Verify.Diagnostic(NonIdempotentSideEffectAnalyzer.FileAppend).WithLocation(3),
            Verify.Diagnostic(NonIdempotentSideEffectAnalyzer.FileAppend).WithLocation(4));
    }

    [Fact]
    public async Task Appending_in_a_helper_two_calls_deep_and_in_a_lambda_is_reported()
    {
        const string source = """
            public static class Ledger
            {
                [WorkerTask("record")]
                public static void Record(string[] lines)
                {
                    Journal.Write(lines[0]);
                    Array.ForEach(lines, line => {|#1:File.AppendAllText("all.txt", line)|});
                }
            }

            internal static class Journal
            {
                public static void Write(string line) => Disk.Append(line);
            }

            internal static class Disk
            {
                public static void Append(string line) => {|#0:File.AppendAllText("journal.txt", line)|};
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(NonIdempotentSideEffectAnalyzer.FileAppend).WithLocation(0)
                .WithArguments("File.AppendAllText", "in worker 'Ledger.Record' (through Ledger.Record -> Journal.Write -> Disk.Append)"),
            Verify.Diagnostic(NonIdempotentSideEffectAnalyzer.FileAppend).WithLocation(1));
    }

    [Fact]
    public async Task Writing_whole_files_and_creating_streams_are_not_reported()
    {
        const string source = """
            public static class Ledger
            {
                [WorkerTask("record")]
                public static void Record(string line, TaskContext context)
                {
                    File.WriteAllText($"ledger-{context.IdempotencyKey}.txt", line);
                    using var stream = new FileStream("ledger.bin", FileMode.Create);
                    using var writer = new StreamWriter("ledger.log", append: false);
                    using var opened = File.Open("ledger.dat", FileMode.OpenOrCreate);
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    // ---- CDG1041: POST without an idempotency key ----

    [Fact]
    public async Task Posts_without_an_idempotency_key_are_reported()
    {
        const string source = """
            public static class Payments
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("charge")]
                public static async Task Charge(string body, CancellationToken cancellationToken)
                {
                    await {|#0:Client.PostAsync("/charges", new StringContent(body), cancellationToken)|};
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/refunds") { Content = new StringContent(body) };
                    await {|#1:Client.SendAsync(request, cancellationToken)|};
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(NonIdempotentSideEffectAnalyzer.PostWithoutIdempotencyKey).WithLocation(0).WithArguments("HttpClient.PostAsync", "in worker 'Payments.Charge'"),
            Verify.Diagnostic(NonIdempotentSideEffectAnalyzer.PostWithoutIdempotencyKey).WithLocation(1));
    }

    [Fact]
    public async Task Posts_with_an_idempotency_key_and_other_methods_are_not_reported()
    {
        const string source = """
            public static class Payments
            {
                private static readonly HttpClient Client = new();
                private const string IdempotencyHeader = "Idempotency-Key";

                [WorkerTask("charge")]
                public static async Task Charge(string body, TaskContext context, CancellationToken cancellationToken)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/charges") { Content = new StringContent(body) };
                    request.Headers.Add(IdempotencyHeader, context.IdempotencyKey);
                    await Client.SendAsync(request, cancellationToken);
                }

                [WorkerTask("lookup")]
                public static async Task Lookup(string id, CancellationToken cancellationToken)
                {
                    await Client.GetAsync("/charges/" + id, cancellationToken);
                    await Client.PutAsync("/charges/" + id, new StringContent(id), cancellationToken);
                    using var request = new HttpRequestMessage(HttpMethod.Delete, "/charges/" + id);
                    await Client.SendAsync(request, cancellationToken);
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
