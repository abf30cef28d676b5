using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.AnalyzerVerifier<Conductor.Generated.Analyzers.Rules.BorrowedInputAnalyzer>;

namespace Conductor.Generated.Analyzers.Tests.Rules;

/// <summary>CDG1050: TaskContext, TaskContext.Input and JsonElement parameters kept beyond the call.</summary>
public sealed class BorrowedInputAnalyzerTests
{
    [Fact]
    public async Task Input_and_context_stored_in_fields_and_properties_are_reported()
    {
        const string source = """
            using System.Text.Json;

            public static class Audit
            {
                private static JsonElement _lastInput;
                private static TaskContext? _lastContext;
                public static JsonElement LastItems { get; set; }

                [WorkerTask("audit")]
                public static void Record([TaskInput] JsonElement input, TaskContext context)
                {
                    _lastInput = {|#0:input|};
                    _lastContext = {|#1:context|};
                    LastItems = {|#2:context.Input.GetProperty("items")|};
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(0)
                .WithArguments("The task input 'input'", "in static field '_lastInput'", ": keep a copy made with .Clone()", "in worker 'Audit.Record'"),
            Verify.Message(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(1)
                .WithArguments("The task context 'context'", "in static field '_lastContext'", ": keep what you need of it instead (ids, settings, context.Input.Clone())", "in worker 'Audit.Record'"),
            Verify.Diagnostic(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(2));
    }

    [Fact]
    public async Task Input_added_to_a_collection_that_outlives_the_call_is_reported()
    {
        const string source = """
            using System.Collections.Concurrent;
            using System.Text.Json;

            public static class Batches
            {
                private static readonly List<JsonElement> Pending = new();
                private static readonly ConcurrentDictionary<string, JsonElement> ById = new();

                [WorkerTask("collect")]
                public static void Collect(string id, JsonElement payload)
                {
                    var items = payload.GetProperty("items");
                    Pending.Add({|#0:items|});
                    ById[id] = {|#1:payload|};
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(0)
                .WithArguments("The task input 'items'", "in static field 'Pending'", ": keep a copy made with .Clone()", "in worker 'Batches.Collect'"),
            Verify.Message(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(1)
                .WithArguments("The task input 'payload'", "in an element of static field 'ById'", ": keep a copy made with .Clone()", "in worker 'Batches.Collect'"));
    }

    [Fact]
    public async Task A_lambda_that_captures_the_input_and_runs_after_the_call_is_reported()
    {
        const string source = """
            using System.Text.Json;

            public static class Fire
            {
                private static Action? _later;

                [WorkerTask("fire")]
                public static async Task Go(TaskContext context)
                {
                    _ = Task.Run({|#0:() => Console.WriteLine(context.Input.GetRawText())|});
                    _later = {|#1:() => Console.WriteLine(context.TaskId)|};
                    await Task.Run(() => Console.WriteLine(context.Input.GetRawText()));
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(0)
                .WithArguments("The task context 'context'", "by a lambda passed to Task.Run and not awaited", ": keep what you need of it instead (ids, settings, context.Input.Clone())", "in worker 'Fire.Go'"),
            Verify.Message(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(1)
                .WithArguments("The task context 'context'", "by a lambda stored in static field '_later'", ": keep what you need of it instead (ids, settings, context.Input.Clone())", "in worker 'Fire.Go'"));
    }

    [Fact]
    public async Task Copies_values_read_out_locals_and_awaited_work_are_not_reported()
    {
        const string source = """
            using System.Text.Json;

            public sealed record Summary(JsonElement Items, string Id);

            public static class Fine
            {
                private static JsonElement _kept;
                private static string? _lastId;
                private static readonly List<JsonElement> Kept = new();

                [WorkerTask("fine")]
                public static async Task<Summary> Run([TaskInput] JsonElement input, TaskContext context)
                {
                    _kept = input.Clone();
                    Kept.Add(context.Input.GetProperty("items").Clone());
                    _lastId = context.TaskId;
                    var local = new List<JsonElement> { input };
                    local.Add(context.Input);
                    await Task.Run(() => Console.WriteLine(input.GetRawText()));
                    return new Summary(input.GetProperty("items"), context.TaskId);
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_helper_the_worker_calls_that_keeps_its_context_is_reported_with_the_route()
    {
        const string source = """
            public static class Helpers
            {
                private static TaskContext? _current;

                public static void Remember(TaskContext context) => _current = {|#0:context|};

                [WorkerTask("helped")]
                public static void Work(TaskContext context) => Remember(context);
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(BorrowedInputAnalyzer.KeptBeyondCall).WithLocation(0)
                .WithArguments("The task context 'context'", "in static field '_current'", ": keep what you need of it instead (ids, settings, context.Input.Clone())", "in worker 'Helpers.Work' (through Helpers.Work -> Helpers.Remember)"));
    }
}
