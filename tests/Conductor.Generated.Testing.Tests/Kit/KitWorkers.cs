using System.Text.Json;
using System.Text.Json.Serialization;
using Conductor.Generated;

namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>Workers with every kind of outcome, run by the testing kit's tests.</summary>
public static class KitWorkers
{
    [WorkerTask("kit_greet")]
    public static KitGreeting Greet(string name, [InputParam("times")] int repeat = 1)
        => new(string.Join(" ", Enumerable.Repeat($"Hello {name}!", repeat)));

    [WorkerTask("kit_log_and_sum")]
    public static KitSum LogAndSum(int a, int b, TaskContext context)
    {
        context.Log($"adding {a} and {b}");
        context.Log($"task {context.TaskId} of workflow {context.WorkflowInstanceId}, attempt {context.RetryCount}");
        return new KitSum(a + b);
    }

    [WorkerTask("kit_throw")]
    public static KitSum Throw(string message, TaskContext context)
    {
        context.Log("about to fail");
        throw new InvalidOperationException(message);
    }

    [WorkerTask("kit_reject")]
    public static KitSum Reject(string message) => throw new NonRetryableException(message);

    /// <summary>Fails its first attempt, succeeds on a retry: a retry path to test.</summary>
    [WorkerTask("kit_flaky")]
    [return: OutputParam("attempt")]
    public static int Flaky(TaskContext context) =>
        context.RetryCount == 0 ? throw new TimeoutException("the payment service did not answer") : context.RetryCount;

    /// <summary>Asks to be called back on its first poll, completes on the next.</summary>
    [WorkerTask("kit_callback")]
    [return: OutputParam("polls")]
    public static int CallbackOnce(TaskContext context)
    {
        if (context.PollCount < 2)
        {
            context.CallbackAfter(TimeSpan.FromMilliseconds(1500));
        }

        return context.PollCount;
    }

    private static int s_waitForCancellationStarted;

    /// <summary>How many times <see cref="WaitForCancellation"/> has started: a task the server shows IN_PROGRESS may still be on its way to the worker.</summary>
    public static int WaitForCancellationStarted => Volatile.Read(ref s_waitForCancellationStarted);

    /// <summary>Waits until cancelled.</summary>
    [WorkerTask("kit_wait_for_cancellation")]
    public static async Task WaitForCancellation(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_waitForCancellationStarted);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [WorkerTask("kit_echo")]
    public static JsonElement Echo([TaskInput] JsonElement input) => input;

    [WorkerTask("kit_domain_greet", Domain = "kit_domain")]
    [return: OutputParam("message")]
    public static string DomainGreet(string name) => $"Hello {name} from a domain!";

    [WorkerTask("kit_context")]
    public static KitContext DescribeContext(TaskContext context) => new(
        context.TaskId,
        context.WorkflowInstanceId,
        context.ReferenceTaskName,
        context.CorrelationId,
        context.RetryCount,
        context.PollCount,
        context.Iteration,
        context.WorkerId,
        context.IdempotencyKey,
        context.ScheduledAt.ToUnixTimeMilliseconds());
}

public sealed record KitGreeting(string Message);

public sealed record KitSum(int Sum);

public sealed record KitContext(
    string TaskId,
    string WorkflowInstanceId,
    string? ReferenceTaskName,
    string? CorrelationId,
    int RetryCount,
    int PollCount,
    int Iteration,
    string WorkerId,
    string IdempotencyKey,
    long ScheduledAtMs);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KitGreeting))]
[JsonSerializable(typeof(KitSum))]
[JsonSerializable(typeof(KitContext))]
internal sealed partial class KitJsonContext : JsonSerializerContext;
