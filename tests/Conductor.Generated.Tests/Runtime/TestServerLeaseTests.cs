using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Microsoft.Extensions.Time.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using TestServerModel = Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>Long tasks against the Conductor-compatible test server, which times out quiet tasks as the real one does.</summary>
public sealed class TestServerLeaseTests
{
    private const int ResponseTimeoutSeconds = 2;

    /// <summary>The lease test's response timeout, on a fake clock shared by the server and the worker.</summary>
    private const int LeaseResponseTimeoutSeconds = 5;

    /// <summary>
    /// A task that runs for 2.4 response timeouts completes in its first attempt: the worker sends
    /// an extendLease result at 80 % of the response timeout, and each one restarts the server's
    /// response-timeout clock (ExecutionService#updateTask → extendLease, DeciderService#isResponseTimedOut).
    /// Time moves only when the test advances the clock shared by the server and the worker, and the
    /// test waits for each extension to reach the server before it moves on: a loaded machine can
    /// make it slower, never wrong.
    /// </summary>
    [Fact]
    public async Task A_task_running_well_past_its_response_timeout_with_lease_extension_completes_in_its_first_attempt()
    {
        const string taskType = "lease_long_step";
        var interval = TimeSpan.FromSeconds(LeaseResponseTimeoutSeconds * 0.8);
        var clock = new DelayCountingClock(interval);
        await using var server = await StartServerAsync(taskType, LeaseResponseTimeoutSeconds, clock);
        var workflowId = server.StartWorkflow(taskType + "_workflow");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new WorkerDefinition(
            taskType,
            async (_, cancellationToken) =>
            {
                running.TrySetResult();
                await finish.Task.WaitAsync(cancellationToken);
                return WorkerHostFixture.Output("""{"finished":true}""");
            },
            new WorkerSettings { LeaseExtension = true, PollInterval = TimeSpan.FromMilliseconds(50), PollTimeout = TimeSpan.FromMilliseconds(200) });
        await using var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "lease-worker", TimeProvider = clock }, [worker]);
        await host.StartAsync(CancellationToken.None);
        await Eventually.CompletesAsync(running.Task, "the worker running the task");

        // Three extensions, 4 s apart on the shared clock: 12 s in all, past two response timeouts.
        // Before each advance, the worker's wait for its next extension is on the clock.
        for (var extension = 1; extension <= 3; extension++)
        {
            await Eventually.TrueAsync(() => clock.Delays >= extension, $"the wait for extension {extension} on the clock");
            clock.Advance(interval);
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await Eventually.TrueAsync(
                () => server.GetWorkflow(workflowId)!.Tasks.Single().UpdateTime >= now,
                $"extension {extension} reaching the server");
            Assert.Equal(TestServerModel.TaskExecutionStatus.InProgress, server.GetWorkflow(workflowId)!.Tasks.Single().Status);
        }

        finish.SetResult();
        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        Assert.Equal(TestServerModel.WorkflowStatus.Completed, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.Completed, task.Status);
        Assert.Equal(true, (bool?)task.OutputData["finished"]);
    }

    /// <summary>
    /// The control for the test above: without extensions, the same advance of the shared clock
    /// times the task out (DeciderService#isResponseTimedOut), so the test above can fail.
    /// </summary>
    [Fact]
    public async Task Without_lease_extension_the_same_advance_of_the_clock_times_the_task_out()
    {
        const string taskType = "lease_unextended_step";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartServerAsync(taskType, LeaseResponseTimeoutSeconds, clock);
        var workflowId = server.StartWorkflow(taskType + "_workflow");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new WorkerDefinition(
            taskType,
            async (_, cancellationToken) =>
            {
                running.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return WorkerHostFixture.Output("{}");
            },
            new WorkerSettings { LeaseExtension = false, PollInterval = TimeSpan.FromMilliseconds(50), PollTimeout = TimeSpan.FromMilliseconds(200) });
        await using var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "unextended-worker", TimeProvider = clock }, [worker]);
        await host.StartAsync(CancellationToken.None);
        await Eventually.CompletesAsync(running.Task, "the worker running the task");

        clock.Advance(TimeSpan.FromSeconds(LeaseResponseTimeoutSeconds * 0.8));
        clock.Advance(TimeSpan.FromSeconds(LeaseResponseTimeoutSeconds * 0.8));
        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        Assert.Equal(TestServerModel.WorkflowStatus.TimedOut, workflow.Status);
        Assert.Equal(TestServerModel.TaskExecutionStatus.TimedOut, Assert.Single(workflow.Tasks).Status);
    }

    [Fact]
    public async Task A_hanging_task_without_lease_extension_is_cancelled_at_its_response_timeout_and_the_workflow_fails()
    {
        const string taskType = "lease_hanging_step";
        await using var server = await StartServerAsync(taskType);
        var workflowId = server.StartWorkflow(taskType + "_workflow");
        var cancelledAtResponseTimeout = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new WorkerDefinition(
            taskType,
            async (_, cancellationToken) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelledAtResponseTimeout.TrySetResult();
                    throw;
                }

                return WorkerHostFixture.Output("{}");
            },
            new WorkerSettings { PollInterval = TimeSpan.FromMilliseconds(50), PollTimeout = TimeSpan.FromMilliseconds(200) });
        await using var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "hanging-worker" }, [worker]);
        await host.StartAsync(CancellationToken.None);

        await Eventually.CompletesAsync(cancelledAtResponseTimeout.Task, "the worker's token cancelled");
        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        // No retries in the definition: whichever comes first, the server's own timeout
        // (TIMED_OUT) or the runtime's report (FAILED), ends the workflow.
        Assert.NotEqual(TestServerModel.WorkflowStatus.Completed, workflow.Status);
        Assert.Contains(Assert.Single(workflow.Tasks).Status, new[] { TestServerModel.TaskExecutionStatus.TimedOut, TestServerModel.TaskExecutionStatus.Failed });
    }

    private static async Task<ConductorTestServer> StartServerAsync(string taskType, int responseTimeoutSeconds = ResponseTimeoutSeconds, TimeProvider? clock = null)
    {
        var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock ?? TimeProvider.System });
        server.RegisterTaskDefs(new TestServerModel.TaskDef
        {
            Name = taskType,
            RetryCount = 0,
            ResponseTimeoutSeconds = responseTimeoutSeconds,
            TimeoutSeconds = 60,
            OwnerEmail = "tests@example.com",
        });
        server.RegisterWorkflowDef(new TestServerModel.WorkflowDef
        {
            Name = taskType + "_workflow",
            Version = 1,
            OwnerEmail = "tests@example.com",
            Tasks = [new TestServerModel.WorkflowTask { Name = taskType, TaskReferenceName = "step", InputParameters = new JsonObject() }],
        });
        return server;
    }

    /// <summary>A fake clock that counts the timers created with one due time: the lease extender's waits.</summary>
    private sealed class DelayCountingClock(TimeSpan counted) : FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero))
    {
        private int _delays;

        public int Delays => Volatile.Read(ref _delays);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == counted)
            {
                Interlocked.Increment(ref _delays);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
