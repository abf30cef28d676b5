using System.Net;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostLeaseTests
{
    private const int LeaseExtensionFailedEvent = 26;
    private const int TaskPastResponseTimeoutEvent = 27;

    [Fact]
    public async Task With_lease_extension_a_task_outliving_its_response_timeout_keeps_its_lease_and_completes()
    {
        const string taskType = "lease_on";
        FakeConductorServer? server = null;
        var cancelled = false;
        await using var fixture = await StartAsync(
            [LeaseWorker(taskType, async (context, cancellationToken) =>
            {
                // Runs until the server has seen three extensions: far past the 1 s response timeout.
                while (server!.UpdatesOf(context.TaskId).Count(update => update.ExtendLease) < 3)
                {
                    await Task.Delay(20, CancellationToken.None);
                }

                cancelled = cancellationToken.IsCancellationRequested;
                return Output("""{"long":"done"}""");
            })],
            prepared =>
            {
                server = prepared;
                prepared.Enqueue(taskType, "long-1", responseTimeoutSeconds: 1);
            });

        await fixture.WaitForUpdateAsync("long-1", "COMPLETED");

        Assert.False(cancelled);
        var updates = fixture.Server.UpdatesOf("long-1");
        var extensions = updates.Where(update => update.ExtendLease).ToList();
        Assert.Equal(3, extensions.Count);
        Assert.All(extensions, extension =>
        {
            Assert.Equal("IN_PROGRESS", extension.Status);
            Assert.Equal("/api/tasks", extension.Path);
            Assert.Equal("test-worker", extension.Body.GetProperty("workerId").GetString());
            Assert.Equal("wf-long-1", extension.Body.GetProperty("workflowInstanceId").GetString());
            Assert.Empty(extension.Output.EnumerateObject());
        });
        // Every 80% of the response timeout (800 ms), not in a burst.
        for (var index = 1; index < extensions.Count; index++)
        {
            var gap = extensions[index].ReceivedAt - extensions[index - 1].ReceivedAt;
            Assert.True(gap >= TimeSpan.FromMilliseconds(600), $"Extensions {index} and {index + 1} were only {gap.TotalMilliseconds} ms apart.");
        }

        var completed = updates[^1];
        Assert.Equal("COMPLETED", completed.Status);
        Assert.Equal("done", completed.Output.GetProperty("long").GetString());
        Assert.Empty(fixture.Logs.WithEventId(TaskPastResponseTimeoutEvent));
    }

    [Fact]
    public async Task A_failed_lease_extension_is_tried_again_sooner_and_the_task_still_completes()
    {
        const string taskType = "lease_retry";
        FakeConductorServer? server = null;
        await using var fixture = await StartAsync(
            [LeaseWorker(taskType, async (context, _) =>
            {
                while (server!.UpdatesOf(context.TaskId).Count(update => update.ExtendLease) < 3)
                {
                    await Task.Delay(20, CancellationToken.None);
                }

                return Output("{}");
            })],
            prepared =>
            {
                server = prepared;
                prepared.UpdateFailure = (update, attempt) => update.ExtendLease && attempt == 1
                    ? (HttpStatusCode.ServiceUnavailable, """{"status":503,"message":"busy","retryable":true}""")
                    : null;
                prepared.Enqueue(taskType, "retry-lease-1", responseTimeoutSeconds: 2);
            });

        await fixture.WaitForUpdateAsync("retry-lease-1", "COMPLETED");

        var failure = Assert.Single(fixture.Logs.WithEventId(LeaseExtensionFailedEvent));
        Assert.Contains("retry-lease-1", failure.Message, StringComparison.Ordinal);
        var extensions = fixture.Server.UpdatesOf("retry-lease-1").Where(update => update.ExtendLease).ToList();
        // The retry follows the failure after the retry delay (20 ms here), not a whole interval (1.6 s).
        Assert.True(extensions[1].ReceivedAt - extensions[0].ReceivedAt < TimeSpan.FromMilliseconds(1500), "The failed extension should be retried before the next interval.");
    }

    [Fact]
    public async Task Without_lease_extension_a_worker_running_past_its_response_timeout_is_cancelled_and_reported_failed()
    {
        const string taskType = "lease_off";
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return Output("{}");
            })],
            server => server.Enqueue(taskType, "hanging-1", responseTimeoutSeconds: 1));

        await fixture.WaitForUpdateAsync("hanging-1");

        var update = Assert.Single(fixture.Server.UpdatesOf("hanging-1"));
        Assert.Equal("FAILED", update.Status);
        Assert.Equal("worker ran past the task's response timeout of 1 s and was cancelled", update.Reason);
        var logged = Assert.Single(fixture.Logs.WithEventId(TaskPastResponseTimeoutEvent));
        Assert.Contains("hanging-1", logged.Message, StringComparison.Ordinal);

        // The host goes on: the slot is free for the next task.
        fixture.Server.Enqueue(taskType, "next-1", responseTimeoutSeconds: 1);
        await fixture.WaitForUpdateAsync("next-1", "FAILED");
    }

    [Fact]
    public async Task A_worker_that_returns_after_its_token_was_cancelled_at_the_response_timeout_is_reported_as_it_returned()
    {
        const string taskType = "lease_off_returns";
        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                await Eventually.TrueAsync(() => cancellationToken.IsCancellationRequested, "the response timeout");
                return Output("""{"partial":true}""");
            })],
            server => server.Enqueue(taskType, "returns-1", responseTimeoutSeconds: 1));

        await fixture.WaitForUpdateAsync("returns-1");

        var update = Assert.Single(fixture.Server.UpdatesOf("returns-1"));
        Assert.Equal("COMPLETED", update.Status);
        Assert.True(update.Output.GetProperty("partial").GetBoolean());
    }

    [Fact]
    public async Task Lease_extension_can_be_switched_on_from_the_environment()
    {
        const string taskType = "lease_env";
        FakeConductorServer? server = null;
        await using var fixture = await StartAsync(
            [Worker(taskType, async (context, cancellationToken) =>
            {
                while (server!.UpdatesOf(context.TaskId).Count(update => update.ExtendLease) < 2)
                {
                    await Task.Delay(20, cancellationToken);
                }

                return Output("{}");
            })],
            prepared =>
            {
                server = prepared;
                prepared.Enqueue(taskType, "env-lease-1", responseTimeoutSeconds: 1);
            },
            options => options.ReadEnvironmentVariable = name => name == "CONDUCTOR_WORKER_ALL_LEASE_EXTEND_ENABLED" ? "true" : null);

        await fixture.WaitForUpdateAsync("env-lease-1", "COMPLETED");
    }

    private static WorkerDefinition LeaseWorker(string taskName, WorkerInvoker invoker) =>
        new(taskName, invoker, Worker(taskName, invoker).Settings with { LeaseExtension = true });
}
