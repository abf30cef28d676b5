using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.CodeFixVerifier<
    Conductor.Generated.Analyzers.Rules.BorrowedInputAnalyzer,
    Conductor.Generated.Analyzers.CodeFixes.CloneKeptInputCodeFix>;

namespace Conductor.Generated.Analyzers.Tests.CodeFixes;

public sealed class CloneKeptInputCodeFixTests
{
    [Fact]
    public async Task Keeps_a_clone_of_the_input_instead_of_the_input()
    {
        const string before = """
            using System.Text.Json;

            public static class Audit
            {
                private static JsonElement _last;
                private static readonly List<JsonElement> Seen = new();

                [WorkerTask("audit")]
                public static void Record([TaskInput] JsonElement input, TaskContext context)
                {
                    _last = {|#0:input|};
                    Seen.Add({|#1:context.Input.GetProperty("items")|});
                }
            }
            """;
        const string after = """
            using System.Text.Json;

            public static class Audit
            {
                private static JsonElement _last;
                private static readonly List<JsonElement> Seen = new();

                [WorkerTask("audit")]
                public static void Record([TaskInput] JsonElement input, TaskContext context)
                {
                    _last = input.Clone();
                    Seen.Add(context.Input.GetProperty("items").Clone());
                }
            }
            """;

        await Verify.VerifyAsync(
            before,
            [Verify.Diagnostic(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(0), Verify.Diagnostic(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(1)],
            after);
    }

    [Fact]
    public async Task Offers_no_fix_for_a_kept_context()
    {
        const string source = """
            public static class Audit
            {
                private static TaskContext? _last;

                [WorkerTask("audit")]
                public static void Record(TaskContext context) => _last = {|#0:context|};
            }
            """;

        await Verify.VerifyNoFixAsync(source, Verify.Diagnostic(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(0));
    }
}
