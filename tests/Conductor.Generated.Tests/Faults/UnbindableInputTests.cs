using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Tasks whose input can never bind, handed out by a server over HTTP: a string that is not valid
/// UTF-8 (the server passes JSON on without checking every string) and a number beyond double's
/// range. Retrying them cannot help, so each is reported FAILED_WITH_TERMINAL_ERROR with the key
/// named, the same for every number type; and a task without an id is never run, since the server
/// would refuse its result (TaskResult#taskId is @NotEmpty).
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class UnbindableInputTests(ITestOutputHelper output)
{
    private const string StringWorker = "binding_echo_string";
    private const string DoubleWorker = "binding_echo_double";
    private const string SingleWorker = "binding_echo_single";
    private const string Int64Worker = "binding_echo_int64";
    private const int PollElementUnreadableEvent = 62;

    [Fact]
    public async Task Invalid_utf8_and_numbers_beyond_range_are_terminal_binding_failures_naming_the_key()
    {
        await using var conductor = await ScriptedConductor.StartAsync();
        // The bodies the poll of each task type is answered with once, as raw bytes: the invalid
        // UTF-8 could not go through a .NET string.
        var answers = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [StringWorker] = InvalidUtf8Task("utf8-bad", StringWorker),
            [DoubleWorker] = Utf8("[" + ScriptedConductor.Task("double-1e400", DoubleWorker, """{"value":1e400}""") + "]"),
            [SingleWorker] = Utf8("[" + ScriptedConductor.Task("single-1e400", SingleWorker, """{"value":1e400}""") + "]"),
            [Int64Worker] = Utf8("[" + ScriptedConductor.Task("int64-1e400", Int64Worker, """{"value":1e400}""") + "]"),
        };
        conductor.AnswerPoll = async (context, request) =>
        {
            var taskType = request.Path["/api/tasks/poll/batch/".Length..];
            byte[]? body;
            lock (answers)
            {
                if (!answers.Remove(taskType, out body))
                {
                    return false;
                }
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body);
            return true;
        };

        using var logs = new CapturingLoggerFactory();
        WorkerDefinition[] workers = [.. ConductorWorkers.All.Where(worker => worker.TaskName is StringWorker or DoubleWorker or SingleWorker or Int64Worker)];
        Assert.Equal(4, workers.Length);
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions { ServerUrl = conductor.ApiUrl, WorkerId = "unbindable-worker", InitialRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200) },
            workers,
            logs);
        await host.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => conductor.Delivered.Count == 4, "the four results delivered");
        var delivered = conductor.Delivered.ToDictionary(result => result.TaskId);
        foreach (var result in delivered.Values)
        {
            output.WriteLine($"{result.TaskId}: {result.Status} {result.Reason}");
        }

        // Before: FAILED (retryable), "Cannot transcode invalid UTF-8 JSON text to UTF-16 string."
        var utf8 = delivered["utf8-bad"];
        Assert.Equal("FAILED_WITH_TERMINAL_ERROR", utf8.Status);
        Assert.Contains("'value'", utf8.Reason, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", utf8.Reason, StringComparison.Ordinal);

        // Before: double and float COMPLETED with Infinity, long FAILED_WITH_TERMINAL_ERROR.
        foreach (var taskId in new[] { "double-1e400", "single-1e400", "int64-1e400" })
        {
            var number = delivered[taskId];
            Assert.True(number.Status == "FAILED_WITH_TERMINAL_ERROR", $"{taskId}: {number.Status} {number.Reason}");
            Assert.Contains("'value'", number.Reason, StringComparison.Ordinal);
            Assert.Contains("1e400", number.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_task_without_an_id_is_not_run_and_the_rest_of_its_batch_is()
    {
        const string taskType = "no_id_batch";
        await using var conductor = await ScriptedConductor.StartAsync();
        conductor.AnswerNextPoll(
            "[" + ScriptedConductor.Task("with-id", taskType, """{"n":1}""") + ","
            + """{"taskType":"no_id_batch","status":"IN_PROGRESS","workflowInstanceId":"wf-no-id","inputData":{"n":2},"pollCount":1,"retryCount":0}""" + "]");
        var ran = new List<string?>();
        var worker = Worker(taskType, (context, _) =>
        {
            lock (ran)
            {
                ran.Add(context.TaskId);
            }

            return ValueTask.FromResult(Output("{}"));
        }, concurrency: 2);

        using var logs = new CapturingLoggerFactory();
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions { ServerUrl = conductor.ApiUrl, WorkerId = "no-id-worker", InitialRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200) },
            [worker],
            logs);
        await host.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => conductor.Delivered.Count >= 1, "the task with an id delivered");
        await Eventually.TrueAsync(() => conductor.Polls >= 3, "two more polls after the batch");
        await host.StopAsync(CancellationToken.None);

        Assert.Equal("with-id", Assert.Single(conductor.Delivered).TaskId);
        lock (ran)
        {
            Assert.Equal(["with-id"], ran);
        }

        Assert.Equal(1, conductor.ResultAttempts);
        var unreadable = Assert.Single(logs.WithEventId(PollElementUnreadableEvent));
        Assert.Contains("no taskId", unreadable.Message, StringComparison.Ordinal);
    }

    /// <summary>A poll answer with one task whose input is <c>{"value":"ab\xFF\xFE"}</c>.</summary>
    private static byte[] InvalidUtf8Task(string taskId, string taskType)
    {
        var task = ScriptedConductor.Task(taskId, taskType, """{"value":"ab#"}""");
        var marker = task.IndexOf("ab#", StringComparison.Ordinal) + 2;
        return [.. "["u8, .. Utf8(task[..marker]), 0xFF, 0xFE, .. Utf8(task[(marker + 1)..]), .. "]"u8];
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
