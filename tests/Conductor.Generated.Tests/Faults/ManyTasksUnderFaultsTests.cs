using System.Diagnostics;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Xunit.Abstractions;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Two thousand tasks through the host while the server fails, drops and delays polls and
/// result updates: every workflow still completes with exactly the outputs the workers returned.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class ManyTasksUnderFaultsTests(ITestOutputHelper output)
{
    private const int WorkflowCount = 1000;
    private const string PollRoute = "GET /api/tasks/poll/batch/{taskType}";
    private const string UpdateV2 = "POST /api/tasks/update-v2";
    private const string LegacyUpdate = "POST /api/tasks";

    private static readonly string[] TaskNames = ["faults_first_step", "faults_second_step"];

    [Fact]
    public Task Two_thousand_tasks_complete_with_the_workers_outputs_despite_errors_drops_and_latency_on_poll_and_update() =>
        RunUnderFaultsAsync(ServerCompatibility.Current);

    /// <summary>
    /// An older server without update-v2: every task is polled and every result goes to
    /// <c>POST /api/tasks</c>, so the faults on polls and on that route meet thousands of requests.
    /// </summary>
    [Fact]
    public Task Two_thousand_tasks_complete_under_the_same_faults_on_a_server_without_update_v2() =>
        RunUnderFaultsAsync(ServerCompatibility.Legacy);

    private async Task RunUnderFaultsAsync(ServerCompatibility compatibility)
    {
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { FaultSeed = 20261129, Compatibility = compatibility });
        FaultScenario.RegisterTaskDefs(server, responseTimeoutSeconds: 2, TaskNames);
        server.RegisterWorkflowDef(FaultScenario.Workflow(
            "faults_many",
            FaultScenario.Simple("faults_first_step", "first", new JsonObject { ["n"] = "${workflow.input.n}", ["label"] = "${workflow.input.label}" }),
            FaultScenario.Simple("faults_second_step", "second", new JsonObject { ["n"] = "${first.output.next}", ["label"] = "${first.output.label}" })));

        server.Faults.SetErrorRate(PollRoute, 0.15);
        server.Faults.SetErrorRate(UpdateV2, 0.15);
        server.Faults.SetErrorRate(LegacyUpdate, 0.15);
        server.Faults.SetLatency(PollRoute, TimeSpan.FromMilliseconds(20));
        server.Faults.SetLatency(UpdateV2, TimeSpan.FromMilliseconds(10));
        server.Faults.SetLatency(LegacyUpdate, TimeSpan.FromMilliseconds(10));
        // Polls of the first step are dropped before the server hands anything out, polls of the
        // second step after it did: those tasks are lost to the worker until their response timeout.
        server.Faults.SetDropRate("GET /api/tasks/poll/batch/faults_first_step", 0.05, DropMoment.BeforeHandling);
        server.Faults.SetDropRate("GET /api/tasks/poll/batch/faults_second_step", 0.03, DropMoment.AfterHandling);

        var firstStepBefore = FaultWorkers.FirstStepExecutions;
        var secondStepBefore = FaultWorkers.SecondStepExecutions;
        using var counters = new WorkerCounters(TaskNames);
        var stopwatch = Stopwatch.StartNew();

        var ids = Enumerable.Range(1, WorkflowCount)
            .Select(i => server.StartWorkflow("faults_many", new JsonObject { ["n"] = i, ["label"] = $"order-{i}" }))
            .ToList();

        await using var host = FaultScenario.Host(
            new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "faults-worker", MaxRetryDelay = TimeSpan.FromSeconds(1) },
            TaskNames);
        await host.StartAsync(CancellationToken.None);

        // Result updates are dropped before and after the server recorded them, in turns.
        using var finished = new CancellationTokenSource();
        var alternateDrops = AlternateUpdateDropsAsync(server, compatibility == ServerCompatibility.Current ? UpdateV2 : LegacyUpdate, finished.Token);

        var workflows = await Task.WhenAll(ids.Select(id => server.WaitForWorkflowAsync(id, TimeSpan.FromSeconds(90))));
        await finished.CancelAsync();
        await alternateDrops;
        stopwatch.Stop();

        foreach (var workflow in workflows)
        {
            FaultScenario.AssertCompletedWithTheWorkersAnswers(workflow);
        }

        var completedTasks = workflows.Sum(workflow => workflow.Tasks.Count(task => task.Status == TaskExecutionStatus.Completed));
        var timedOutTasks = workflows.Sum(workflow => workflow.Tasks.Count(task => task.Status == TaskExecutionStatus.TimedOut));
        Assert.Equal(2 * WorkflowCount, completedTasks);
        Assert.Equal(0, counters["task_execute_error_total"]);
        // The faults really happened, in both directions.
        Assert.True(server.Faults.InjectedErrors > 0 && server.Faults.DroppedConnections > 0, "no fault was injected");

        var executions = FaultWorkers.FirstStepExecutions - firstStepBefore + FaultWorkers.SecondStepExecutions - secondStepBefore;
        output.WriteLine($"server: {compatibility}; workflows completed: {WorkflowCount}, tasks completed: {completedTasks}, tasks timed out and retried by the server: {timedOutTasks}");
        output.WriteLine($"worker executions: {executions} (at least once: {executions - completedTasks} extra)");
        output.WriteLine($"injected: {server.Faults.InjectedErrors} errors, {server.Faults.DroppedConnections} dropped connections, {server.Faults.DelayedRequests} delayed requests");
        output.WriteLine($"requests: {server.GetRequestCount(PollRoute)} polls, {server.GetRequestCount(UpdateV2)} update-v2, {server.GetRequestCount(LegacyUpdate)} legacy updates");
        output.WriteLine($"host: {counters["task_poll_total"]} polls ({counters["task_poll_error_total"]} failed, retried), "
            + $"{counters["task_execution_started_total"]} executions started, {counters["task_update_error_total"]} failed update attempts (retried)");
        output.WriteLine($"duration: {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task AlternateUpdateDropsAsync(ConductorTestServer server, string updateEndpoint, CancellationToken cancellationToken)
    {
        var moment = DropMoment.BeforeHandling;
        while (!cancellationToken.IsCancellationRequested)
        {
            server.Faults.SetDropRate(updateEndpoint, 0.05, moment);
            moment = moment == DropMoment.BeforeHandling ? DropMoment.AfterHandling : DropMoment.BeforeHandling;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
