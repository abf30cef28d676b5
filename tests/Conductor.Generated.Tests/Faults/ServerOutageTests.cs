using System.Diagnostics;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Xunit.Abstractions;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// The server goes away for longer than several retries take, while tasks are finishing, and
/// comes back: every result finished in the meantime is delivered when it is back.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class ServerOutageTests(ITestOutputHelper output)
{
    private const int WorkflowCount = 300;
    private const string TaskName = "faults_restart";

    [Fact]
    public async Task Results_finished_while_the_server_is_down_for_seconds_all_arrive_once_it_is_back()
    {
        await using var server = await ConductorTestServer.StartAsync();
        // The response timeout outlasts the outage: a task that times out would be run again and
        // hide a result that never arrived.
        FaultScenario.RegisterTaskDefs(server, responseTimeoutSeconds: 60, TaskName);
        server.RegisterWorkflowDef(FaultScenario.Workflow(
            "faults_outage",
            FaultScenario.Simple(TaskName, "step", new JsonObject { ["n"] = "${workflow.input.n}", ["label"] = "${workflow.input.label}" })));

        var executionsBefore = FaultWorkers.RestartExecutions;
        var finishedBefore = FaultWorkers.RestartFinished;
        using var counters = new WorkerCounters(TaskName);
        var stopwatch = Stopwatch.StartNew();
        var ids = Enumerable.Range(1, WorkflowCount)
            .Select(i => server.StartWorkflow("faults_outage", new JsonObject { ["n"] = i, ["label"] = $"parcel-{i}" }))
            .ToList();

        // Retries start at 100 ms and double up to 1 s: an outage of 6 s outlasts about ten of
        // them, far past the few retries after which other SDKs give a result up.
        var options = new ConductorWorkerOptions
        {
            ServerUrl = server.ApiUrl,
            WorkerId = "faults-outage-worker",
            InitialRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
        };
        await using var host = FaultScenario.Host(options, [TaskName]);
        await host.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => Executions() >= WorkflowCount / 4, "a quarter of the tasks to run", TimeSpan.FromSeconds(60));
        var executedBeforeOutage = Executions();
        var finishedBeforeOutage = Finished();
        var updateErrorsBeforeOutage = counters["task_update_error_total"];
        var outage = Stopwatch.StartNew();
        await server.RestartAsync(TimeSpan.FromSeconds(6));
        outage.Stop();
        var finishedDuringOutage = Finished() - finishedBeforeOutage;

        var workflows = await Task.WhenAll(ids.Select(id => server.WaitForWorkflowAsync(id, TimeSpan.FromSeconds(90))));
        stopwatch.Stop();

        foreach (var workflow in workflows)
        {
            FaultScenario.AssertCompletedWithTheWorkersAnswers(workflow);
        }

        var timedOut = workflows.Sum(workflow => workflow.Tasks.Count(task => task.Status == TaskExecutionStatus.TimedOut));
        Assert.Equal(1, server.Restarts);
        Assert.True(finishedDuringOutage > 0, "no task finished while the server was down");
        Assert.True(counters["task_update_error_total"] > updateErrorsBeforeOutage, "no result delivery failed during the outage");
        // Every result arrived: no task had to be timed out and run again.
        Assert.Equal(0, timedOut);
        Assert.Equal(WorkflowCount, Executions());

        output.WriteLine($"workflows completed: {WorkflowCount}, tasks timed out: {timedOut}, worker executions: {Executions()}");
        output.WriteLine($"outage: {outage.Elapsed.TotalSeconds:F1} s; tasks started before it: {executedBeforeOutage}, results finished while the server was down: {finishedDuringOutage}");
        output.WriteLine($"host: {counters["task_poll_total"]} polls ({counters["task_poll_error_total"]} failed), "
            + $"{counters["task_update_error_total"]} failed update attempts (retried), {counters["task_update_error_total"] - updateErrorsBeforeOutage} of them from the outage on");
        output.WriteLine($"requests: {server.GetRequestCount("GET /api/tasks/poll/batch/{taskType}")} polls, {server.GetRequestCount("POST /api/tasks/update-v2")} update-v2, {server.GetRequestCount("POST /api/tasks")} legacy updates");
        output.WriteLine($"duration: {stopwatch.Elapsed.TotalSeconds:F1} s");

        int Executions() => FaultWorkers.RestartExecutions - executionsBefore;

        int Finished() => FaultWorkers.RestartFinished - finishedBefore;
    }
}
