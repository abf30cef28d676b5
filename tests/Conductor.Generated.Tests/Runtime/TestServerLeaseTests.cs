using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using TestServerModel = Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>Long tasks against the Conductor-compatible test server, which times out quiet tasks as the real one does.</summary>
public sealed class TestServerLeaseTests
{
    private const int ResponseTimeoutSeconds = 2;

    /// <summary>
    /// The lease test's response timeout: extensions go out at 80 % of it, so this leaves them a
    /// second to arrive on a loaded machine (2 s left 0.4 s, which a busy CI run overran).
    /// </summary>
    private const int LeaseResponseTimeoutSeconds = 5;

    [Fact]
    public async Task A_task_running_well_past_its_response_timeout_with_lease_extension_completes_in_its_first_attempt()
    {
        const string taskType = "lease_long_step";
        await using var server = await StartServerAsync(taskType, LeaseResponseTimeoutSeconds);
        var workflowId = server.StartWorkflow(taskType + "_workflow");
        var worker = new WorkerDefinition(
            taskType,
            async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(LeaseResponseTimeoutSeconds * 2.2), cancellationToken);
                return WorkerHostFixture.Output("""{"finished":true}""");
            },
            new WorkerSettings { LeaseExtension = true, PollInterval = TimeSpan.FromMilliseconds(50), PollTimeout = TimeSpan.FromMilliseconds(200) });
        await using var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "lease-worker" }, [worker]);
        await host.StartAsync(CancellationToken.None);

        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        Assert.Equal(TestServerModel.WorkflowStatus.Completed, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.Completed, task.Status);
        Assert.Equal(true, (bool?)task.OutputData["finished"]);
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

    private static async Task<ConductorTestServer> StartServerAsync(string taskType, int responseTimeoutSeconds = ResponseTimeoutSeconds)
    {
        var server = await ConductorTestServer.StartAsync();
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
}
