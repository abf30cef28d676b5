using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>
/// Workers run through the whole path: generated binder, polling host, HTTP, test server.
/// Their task names start with <c>e2e_</c> so the tests run only these from the generated table.
/// </summary>
public static class EndToEndWorkers
{
    public const string Prefix = "e2e_";

    [WorkerTask("e2e_normalize")]
    public static string Normalize(string text, [InputParam("upper")] bool toUpper = false)
        => toUpper ? text.Trim().ToUpperInvariant() : text.Trim();

    [WorkerTask("e2e_quote", Concurrency = 4)]
    public static async Task<Quote> QuoteAsync(LineItem item, TaskContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        context.Log($"quoted {item.Quantity} x {item.Sku}");
        return new Quote(item.Sku, item.Quantity * item.UnitPrice, context.WorkflowInstanceId);
    }

    [WorkerTask("e2e_summary")]
    [return: OutputParam("summary")]
    public static string Summarize(string label, Quote quote) => $"{label}: {quote.Sku} costs {quote.Total}";

    /// <summary>Fails its first attempt with an ordinary exception, succeeds on the retry.</summary>
    [WorkerTask("e2e_flaky")]
    public static int Flaky(TaskContext context)
        => context.RetryCount == 0 ? throw new InvalidOperationException("the first attempt always fails") : context.RetryCount;

    [WorkerTask("e2e_reject")]
    public static void Reject(string reason) => throw new NonRetryableException("rejected: " + reason);

    /// <summary>Asks to be called back once, with partial output, then completes.</summary>
    [WorkerTask("e2e_callback")]
    public static Progress CallBack(TaskContext context)
    {
        if (context.PollCount < 2)
        {
            context.CallbackAfter(TimeSpan.FromSeconds(1));
            return new Progress(context.PollCount, Done: false);
        }

        return new Progress(context.PollCount, Done: true);
    }

    [WorkerTask("e2e_count")]
    public static int Count(int count) => count;
}

public sealed record LineItem(string Sku, int Quantity, decimal UnitPrice);

public sealed record Quote(string Sku, decimal Total, string WorkflowId);

public sealed record Progress(int PollCount, bool Done);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LineItem))]
[JsonSerializable(typeof(Quote))]
[JsonSerializable(typeof(Progress))]
internal sealed partial class EndToEndJsonContext : JsonSerializerContext;
