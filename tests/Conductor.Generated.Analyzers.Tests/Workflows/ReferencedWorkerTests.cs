using Conductor.Generated.Analyzers.Workflows;
using Microsoft.CodeAnalysis;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.WorkflowVerifier;

namespace Conductor.Generated.Analyzers.Tests.Workflows;

/// <summary>
/// Two projects: a worker library, compiled with the generator into a reference assembly, and a
/// host that references it and keeps the workflow file. The host's analyzer checks the SIMPLE
/// tasks the library serves from the contracts the generator wrote on the library's assembly.
/// </summary>
public sealed class ReferencedWorkerTests
{
    private const string Library = """
        namespace Shop.Workers;

        public static class PaymentWorkers
        {
            [WorkerTask("charge")]
            [OutputParam("chargeId")]
            public static string ChargeCard(string customerId, decimal amount) => "c-1";
        }
        """;

    // The host serves one task itself; "charge" comes from the library.
    private const string Host = """
        namespace Shop.Host;

        public static class HostWorkers
        {
            [WorkerTask("notify")]
            public static void Notify(string chargeId) { }
        }
        """;

    [Fact]
    public async Task Tasks_served_by_a_referenced_library_are_checked_against_its_workers()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                {
                  "name": "charge",
                  "taskReferenceName": "charge_ref",
                  "inputParameters": { "customerId": "c", {|#0:"amout"|}: 12.5 }
                },
                {
                  "name": "notify",
                  "taskReferenceName": "notify_ref",
                  "inputParameters": { "chargeId": "{|#1:${charge_ref.output.chargeID}|}" }
                },
                { "name": {|#2:"refund"|}, "taskReferenceName": "refund_ref" }
              ]
            }
            """;

        var library = Verify.CompileLibrary("Shop.Workers", Library);
        var markup = Markup(workflow);
        var diagnostics = await Verify.RunAsync([Host], [(Verify.WorkflowPath, markup.Text)], [library], "Shop.Host");

        Assert.Equal(
            [
                $"CDG2001 {markup.At(0)} Task 'charge_ref' passes input 'amout', which worker 'charge' does not read; did you mean 'amount'?",
                $"CDG2002 {markup.At(0, inputParameters: true)} Task 'charge_ref' does not pass input 'amount', which worker 'charge' requires; 'amout' is passed instead",
                $"CDG2004 {markup.At(1)} 'notify_ref' reads output 'chargeID' of task 'charge_ref', which worker 'charge' does not write; did you mean 'chargeId'?",
                $"CDG2006 {markup.At(2)} No worker of this project serves task 'refund'",
            ],
            diagnostics.Select(diagnostic => $"{diagnostic.Id} {Describe(diagnostic.Location.GetLineSpan())} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
                .OrderBy(line => line, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_the_reference_the_library_task_is_unserved()
    {
        const string workflow = """{"name":"order","tasks":[{"name":"charge","taskReferenceName":"c","inputParameters":{"amout":1}}]}""";

        var diagnostics = await Verify.RunAsync([Host], [(Verify.WorkflowPath, workflow)], [], "Shop.Host");

        Assert.Equal([WorkflowDiagnostics.UnservedTask.Id], diagnostics.Select(diagnostic => diagnostic.Id));
    }

    private static string Describe(FileLinePositionSpan span) =>
        $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";

    /// <summary>The JSON without its <c>{|#n:…|}</c> markers, and the line span of each marked text.</summary>
    private sealed class Marked(string text, Dictionary<int, (int Start, int End)> spans)
    {
        public string Text => text;

        public string At(int marker, bool inputParameters = false)
        {
            var (start, end) = spans[marker];
            if (inputParameters)
            {
                // CDG2002 points at the "inputParameters" name of the same task.
                start = text.LastIndexOf("\"inputParameters\"", start, StringComparison.Ordinal);
                end = start + "\"inputParameters\"".Length;
            }

            var source = Microsoft.CodeAnalysis.Text.SourceText.From(text);
            return Describe(new FileLinePositionSpan(Verify.WorkflowPath, source.Lines.GetLinePositionSpan(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, end))));
        }
    }

    private static Marked Markup(string markup)
    {
        var text = new System.Text.StringBuilder();
        var spans = new Dictionary<int, (int, int)>();
        var open = new Stack<(int Marker, int Start)>();
        for (var position = 0; position < markup.Length;)
        {
            if (markup.AsSpan(position).StartsWith("{|#"))
            {
                var colon = markup.IndexOf(':', position);
                open.Push((int.Parse(markup.AsSpan(position + 3, colon - position - 3), System.Globalization.CultureInfo.InvariantCulture), text.Length));
                position = colon + 1;
            }
            else if (markup.AsSpan(position).StartsWith("|}") && open.Count > 0)
            {
                var (marker, start) = open.Pop();
                spans.Add(marker, (start, text.Length));
                position += 2;
            }
            else
            {
                text.Append(markup[position++]);
            }
        }

        return new Marked(text.ToString(), spans);
    }
}
