using System.Diagnostics;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Polls answered with garbage, wrong shapes, a 50 MB body and a slow drip never crash the
/// host: each is logged, and the host goes on to complete a real task.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class BadServerAnswerTests(ITestOutputHelper output)
{
    private const string TaskName = "faults_bad_answers";
    private const int PollFailedEvent = 3;
    private const int PollElementUnreadableEvent = 62;

    [Fact]
    public async Task Garbage_wrong_shapes_huge_and_dripping_poll_answers_are_logged_and_a_real_task_still_completes()
    {
        await using var server = await ConductorTestServer.StartAsync();
        FaultScenario.RegisterTaskDefs(server, responseTimeoutSeconds: 60, TaskName);
        server.RegisterWorkflowDef(FaultScenario.Workflow(
            "faults_bad_answers",
            FaultScenario.Simple(TaskName, "step", new JsonObject { ["n"] = "${workflow.input.n}", ["label"] = "${workflow.input.label}" })));
        await using var proxy = await BadAnswerProxy.StartAsync(server.ApiUrl);
        BadAnswer[] badAnswers =
        [
            BadAnswer.Json("garbage JSON", "{[this is not json"),
            BadAnswer.Json("an object instead of an array", "{\"taskId\": \"t-1\", \"taskType\": \"faults_bad_answers\"}"),
            BadAnswer.Json("null", "null"),
            BadAnswer.Json("an array of wrong shapes", "[1, \"two\", [3], {\"taskId\": 4, \"inputData\": \"five\"}]"),
            BadAnswer.Json("a task whose input is not an object", "[{\"taskId\": \"bogus-1\", \"taskType\": \"faults_bad_answers\", \"workflowInstanceId\": \"wf-bogus\", \"inputData\": \"not an object\"}]"),
            BadAnswer.Json("HTML", "<html><body>502 Bad Gateway</body></html>"),
            BadAnswer.Huge(megabytes: 50),
            BadAnswer.SlowDripThenAbort(TimeSpan.FromSeconds(3)),
        ];
        proxy.AnswerNextPolls(badAnswers);

        using var logs = new CapturingLoggerFactory();
        var executionsBefore = FaultWorkers.BadAnswerExecutions;
        var stopwatch = Stopwatch.StartNew();
        // The 50 MB answer is above this limit: it must be refused, not read whole.
        var options = new ConductorWorkerOptions
        {
            ServerUrl = proxy.ApiUrl,
            WorkerId = "faults-bad-answers-worker",
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            MaxResponseBodyBytes = 8L * 1024 * 1024,
        };
        await using var host = FaultScenario.Host(options, [TaskName], logs);
        await host.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => proxy.BadAnswersLeft == 0, "every bad answer to be served", TimeSpan.FromSeconds(60));
        var workflowId = server.StartWorkflow("faults_bad_answers", new JsonObject { ["n"] = 41, ["label"] = "after the storm" });
        WorkflowExecution workflow;
        try
        {
            workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));
        }
        finally
        {
            foreach (var entry in logs.Entries.Where(entry => entry.Level >= LogLevel.Warning))
            {
                output.WriteLine($"log {entry.EventId.Id} {entry.Level}: {entry.Message} [{entry.Exception?.GetType().Name}: {entry.Exception?.Message}]");
            }
        }

        stopwatch.Stop();
        FaultScenario.AssertCompletedWithTheWorkersAnswers(workflow);
        Assert.Equal(1, FaultWorkers.BadAnswerExecutions - executionsBefore);
        Assert.Equal(badAnswers.Length, proxy.BadAnswersServed);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level == LogLevel.Critical);
        // Garbage, an object, HTML, the huge body and the broken drip are failed polls, each
        // logged with its exception. (null reads as no tasks; the array of wrong shapes is read
        // element by element, and none of its 4 elements has a string taskId to report it by;
        // the task with a string input is run, fails binding and its result is refused by the
        // server as unknown.)
        var pollFailures = logs.WithEventId(PollFailedEvent);
        Assert.True(pollFailures.Count >= 5, $"only {pollFailures.Count} failed polls logged for {badAnswers.Length} bad answers");
        Assert.Equal(4, logs.WithEventId(PollElementUnreadableEvent).Count);
        Assert.All(pollFailures, entry => Assert.NotNull(entry.Exception));
        Assert.Contains(pollFailures, entry => entry.Exception!.Message.Contains("larger than the limit of 8388608 bytes (MaxResponseBodyBytes)", StringComparison.Ordinal));

        output.WriteLine($"bad answers served: {proxy.BadAnswersServed} ({string.Join(", ", badAnswers.Select(answer => answer.Name))})");
        output.WriteLine($"failed polls logged: {pollFailures.Count}; warnings and errors logged: {logs.Entries.Count(entry => entry.Level >= LogLevel.Warning)}");
        output.WriteLine($"real task completed afterwards: {workflow.Tasks[^1].OutputData.ToJsonString()}");
        output.WriteLine($"duration: {stopwatch.Elapsed.TotalSeconds:F1} s");
    }
}
