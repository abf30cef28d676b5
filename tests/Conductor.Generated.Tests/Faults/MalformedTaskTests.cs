using System.Text;
using System.Text.Json;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Xunit.Abstractions;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// A poll answer with tasks that cannot be read: each costs only itself. It is reported
/// FAILED_WITH_TERMINAL_ERROR with what was wrong when its id can be read, logged when not, and
/// the other tasks of the batch run. Inputs as deep as the server writes are read.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class MalformedTaskTests(ITestOutputHelper output)
{
    private const int TaskUnreadableEvent = 61;
    private const int PollElementUnreadableEvent = 62;
    private const int PollFailedEvent = 3;

    [Fact]
    public async Task One_malformed_task_costs_only_itself_and_the_rest_of_the_batch_runs()
    {
        const string taskType = "malformed_batch";
        await using var conductor = await ScriptedConductor.StartAsync();
        // The server writes JSON up to 1,000 levels deep (Jackson 2.18's StreamWriteConstraints
        // default, ObjectMapperProvider#getObjectMapper): the answer's array and the task object
        // take two of them, the input the rest.
        string[] batch =
        [
            ScriptedConductor.Task("good-deep", taskType, $$"""{"name":"deep","tree":{{Nested(1000 - 4)}}}"""),
            ScriptedConductor.Task("bad-retry-count", taskType, """{"name":"a"}""").Replace("\"retryCount\":0", "\"retryCount\":\"abc\"", StringComparison.Ordinal),
            ScriptedConductor.Task("bad-poll-count", taskType, """{"name":"b"}""").Replace("\"pollCount\":1", "\"pollCount\":1e400", StringComparison.Ordinal),
            ScriptedConductor.Task("too-deep", taskType, $$"""{"name":"c","tree":{{Nested(1200)}}}"""),
            "42",
            """{"taskType":"malformed_batch","workflowInstanceId":"wf-x","inputData":{}}""",
            ScriptedConductor.Task("good-plain", taskType, """{"name":"plain"}"""),
        ];
        conductor.AnswerNextPoll("[" + string.Join(",", batch) + "]");

        var ran = new List<string>();
        var worker = Worker(taskType, (context, _) =>
        {
            lock (ran)
            {
                ran.Add(context.TaskId);
            }

            var name = context.Input.GetProperty("name").GetString();
            return ValueTask.FromResult(Output($$"""{"name":"{{name}}"}"""));
        }, concurrency: 10);
        using var logs = new CapturingLoggerFactory();
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions { ServerUrl = conductor.ApiUrl, WorkerId = "malformed-worker", InitialRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200) },
            [worker],
            logs);
        await host.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => conductor.Delivered.Count == 5, "two results COMPLETED and three FAILED_WITH_TERMINAL_ERROR");
        var delivered = conductor.Delivered.ToDictionary(result => result.TaskId);
        foreach (var result in delivered.Values)
        {
            output.WriteLine($"{result.TaskId}: {result.Status} {result.Reason}");
        }

        Assert.Equal("COMPLETED", delivered["good-deep"].Status);
        Assert.Equal("COMPLETED", delivered["good-plain"].Status);
        Assert.Equal(["good-deep", "good-plain"], ran.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("FAILED_WITH_TERMINAL_ERROR", delivered["bad-retry-count"].Status);
        Assert.Contains("$.retryCount", delivered["bad-retry-count"].Reason, StringComparison.Ordinal);
        Assert.Equal("FAILED_WITH_TERMINAL_ERROR", delivered["bad-poll-count"].Status);
        Assert.Contains("$.pollCount", delivered["bad-poll-count"].Reason, StringComparison.Ordinal);
        Assert.Equal("FAILED_WITH_TERMINAL_ERROR", delivered["too-deep"].Status);
        Assert.Contains("depth", delivered["too-deep"].Reason, StringComparison.OrdinalIgnoreCase);
        Assert.All(delivered.Values.Where(result => result.Status != "COMPLETED"), result =>
            Assert.StartsWith("The worker could not read the task the server handed out", result.Reason, StringComparison.Ordinal));

        // The failures name the workflow, as TaskResult's validation on the server requires.
        var failure = conductor.Server.Requests.Where(request => request.IsResult).Select(request => JsonDocument.Parse(request.Body).RootElement)
            .First(result => result.GetProperty("taskId").GetString() == "bad-retry-count");
        Assert.Equal("wf-bad-retry-count", failure.GetProperty("workflowInstanceId").GetString());

        Assert.Equal(3, logs.WithEventId(TaskUnreadableEvent).Count);
        var withoutId = logs.WithEventId(PollElementUnreadableEvent);
        Assert.Equal(2, withoutId.Count);
        Assert.Contains(withoutId, entry => entry.Message.Contains("Element 4 ", StringComparison.Ordinal));
        Assert.Contains(withoutId, entry => entry.Message.Contains("Element 5 ", StringComparison.Ordinal) && entry.Message.Contains("no taskId", StringComparison.Ordinal));
        Assert.Empty(logs.WithEventId(PollFailedEvent));
    }

    /// <summary>An array nested <paramref name="depth"/> levels deep: <c>[[...[1]...]]</c>.</summary>
    private static string Nested(int depth) =>
        new StringBuilder(2 * depth + 1).Append('[', depth).Append('1').Append(']', depth).ToString();
}
