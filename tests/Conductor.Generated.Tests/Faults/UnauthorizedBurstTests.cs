using System.Diagnostics;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Xunit.Abstractions;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// With authentication on, the server keeps answering bursts of 401 <c>EXPIRED_TOKEN</c> and
/// expiring every token it issued: the host renews its token and no task fails because of it.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class UnauthorizedBurstTests(ITestOutputHelper output)
{
    private const int WorkflowCount = 1000;
    private const string TaskName = "faults_auth";
    private const string KeyId = "faults-key";
    private const string KeySecret = "faults-secret";

    [Fact]
    public async Task Bursts_of_401_and_expired_tokens_fail_no_task()
    {
        var auth = new TestServerAuthOptions { TokenLifetime = TimeSpan.FromSeconds(3) }.AddKey(KeyId, KeySecret);
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { Auth = auth });
        FaultScenario.RegisterTaskDefs(server, responseTimeoutSeconds: 60, TaskName);
        server.RegisterWorkflowDef(FaultScenario.Workflow(
            "faults_auth",
            FaultScenario.Simple(TaskName, "step", new JsonObject { ["n"] = "${workflow.input.n}", ["label"] = "${workflow.input.label}" })));

        var executionsBefore = FaultWorkers.AuthExecutions;
        using var counters = new WorkerCounters(TaskName);
        var stopwatch = Stopwatch.StartNew();
        var ids = Enumerable.Range(1, WorkflowCount)
            .Select(i => server.StartWorkflow("faults_auth", new JsonObject { ["n"] = i, ["label"] = $"invoice-{i}" }))
            .ToList();

        var options = new ConductorWorkerOptions
        {
            ServerUrl = server.ApiUrl,
            WorkerId = "faults-auth-worker",
            KeyId = KeyId,
            KeySecret = KeySecret,
            MaxRetryDelay = TimeSpan.FromSeconds(1),
        };
        using var logs = new CapturingLoggerFactory();
        await using var host = FaultScenario.Host(options, [TaskName], logs);
        await host.StartAsync(CancellationToken.None);

        using var finished = new CancellationTokenSource();
        var bursts = RejectInBurstsAsync(server, () => FaultWorkers.AuthExecutions - executionsBefore, finished.Token);
        WorkflowExecution[] workflows;
        try
        {
            workflows = await Task.WhenAll(ids.Select(id => server.WaitForWorkflowAsync(id, TimeSpan.FromSeconds(40))));
        }
        catch (TimeoutException)
        {
            output.WriteLine($"tokens issued: {server.Auth.TokensIssued}, expired rejections {server.Auth.ExpiredTokenRejections}, invalid {server.Auth.InvalidTokenRejections}, injected {server.Faults.InjectedUnauthorized}");
            output.WriteLine($"host: {counters["task_poll_total"]} polls ({counters["task_poll_error_total"]} failed), {counters["task_update_error_total"]} failed update attempts");
            output.WriteLine($"requests: {server.GetRequestCount("POST /api/token")} token, {server.GetRequestCount("GET /api/tasks/poll/batch/{taskType}")} polls, {server.GetRequestCount("POST /api/tasks/update-v2")} update-v2");
            foreach (var group in logs.Entries.Where(entry => entry.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).GroupBy(entry => entry.EventId.Id))
            {
                output.WriteLine($"log event {group.Key} x{group.Count()}: {group.Last().Message} {group.Last().Exception?.GetType().Name} {group.Last().Exception?.Message}");
            }

            throw;
        }

        await finished.CancelAsync();
        var (burstCount, expiries) = await bursts;
        stopwatch.Stop();

        foreach (var workflow in workflows)
        {
            FaultScenario.AssertCompletedWithTheWorkersAnswers(workflow);
        }

        var timedOut = workflows.Sum(workflow => workflow.Tasks.Count(task => task.Status == TaskExecutionStatus.TimedOut));
        // A 401 is answered before anything is handled, so no task was lost or run twice either.
        Assert.Equal(0, timedOut);
        Assert.Equal(WorkflowCount, FaultWorkers.AuthExecutions - executionsBefore);
        Assert.Equal(0, server.Auth.RefusedCredentials);
        Assert.True(server.Faults.InjectedUnauthorized > 0, "no 401 was injected");
        Assert.True(server.Auth.TokensIssued > 1, "the host never renewed its token");

        output.WriteLine($"workflows completed: {WorkflowCount}, tasks timed out: {timedOut}, worker executions: {FaultWorkers.AuthExecutions - executionsBefore}");
        output.WriteLine($"tokens issued: {server.Auth.TokensIssued}; expiries: {expiries} forced + lifetime of 3 s; "
            + $"401 EXPIRED_TOKEN for expired tokens: {server.Auth.ExpiredTokenRejections}, INVALID_TOKEN: {server.Auth.InvalidTokenRejections}, refused keys: {server.Auth.RefusedCredentials}");
        output.WriteLine($"injected 401 bursts: {burstCount}, injected 401 answers: {server.Faults.InjectedUnauthorized}");
        output.WriteLine($"host: {counters["task_poll_total"]} polls ({counters["task_poll_error_total"]} failed), {counters["task_update_error_total"]} failed update attempts (retried)");
        output.WriteLine($"requests: {server.GetRequestCount("POST /api/token")} token requests, {server.GetRequestCount("GET /api/tasks/poll/batch/{taskType}")} polls, {server.GetRequestCount("POST /api/tasks/update-v2")} update-v2");
        output.WriteLine($"duration: {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Once the previous burst was used up and another 40 tasks ran, the next 5 requests are
    /// refused; every third time every token expires too. (Bursts back to back would refuse every
    /// request, which is an outage, not a burst.)
    /// </summary>
    private static async Task<(int Bursts, int Expiries)> RejectInBurstsAsync(ConductorTestServer server, Func<int> executions, CancellationToken cancellationToken)
    {
        const int BurstSize = 5;
        var bursts = 0;
        var expiries = 0;
        var executionsAtLastBurst = int.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (server.Faults.InjectedUnauthorized >= bursts * BurstSize && executions() >= executionsAtLastBurst + 40)
            {
                executionsAtLastBurst = executions();
                server.Faults.RejectNextRequests(BurstSize);
                bursts++;
                if (bursts % 3 == 0)
                {
                    server.Auth.ExpireAllTokens();
                    expiries++;
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (bursts, expiries);
    }
}
