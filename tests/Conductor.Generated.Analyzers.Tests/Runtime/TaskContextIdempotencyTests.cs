using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Analyzers.Tests.Runtime;

/// <summary>
/// The helpers the analyzers' code fixes point to: a key, ids and a time that stay the same when a
/// step of a workflow runs again.
/// </summary>
public sealed class TaskContextIdempotencyTests
{
    [Fact]
    public void Idempotency_key_is_workflow_id_reference_name_and_iteration()
    {
        var context = new TaskContext(Task(workflowId: "wf-1", referenceName: "charge_ref", iteration: 2), "worker-1");

        Assert.Equal("wf-1:charge_ref:2", context.IdempotencyKey);
    }

    [Fact]
    public void Idempotency_key_is_the_same_for_a_retry_and_a_callback_of_the_step()
    {
        var first = new TaskContext(Task(taskId: "t-1", retryCount: 0, pollCount: 1), "worker-1");
        var retry = new TaskContext(Task(taskId: "t-2", retryCount: 1, pollCount: 1, retriedTaskId: "t-1"), "worker-2");
        var callback = new TaskContext(Task(taskId: "t-1", retryCount: 0, pollCount: 3), "worker-1");

        Assert.Equal(first.IdempotencyKey, retry.IdempotencyKey);
        Assert.Equal(first.IdempotencyKey, callback.IdempotencyKey);
    }

    [Fact]
    public void Idempotency_key_differs_between_workflows_steps_and_loop_iterations()
    {
        string[] keys =
        [
            new TaskContext(Task(workflowId: "wf-1", referenceName: "charge_ref", iteration: 0), "w").IdempotencyKey,
            new TaskContext(Task(workflowId: "wf-2", referenceName: "charge_ref", iteration: 0), "w").IdempotencyKey,
            new TaskContext(Task(workflowId: "wf-1", referenceName: "refund_ref", iteration: 0), "w").IdempotencyKey,
            new TaskContext(Task(workflowId: "wf-1", referenceName: "charge_ref", iteration: 1), "w").IdempotencyKey,
        ];

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Idempotency_key_uses_the_task_type_when_the_reference_name_is_missing()
    {
        var context = new TaskContext(Task(workflowId: "wf-1", referenceName: null), "worker-1");

        Assert.Equal("wf-1:charge_card:0", context.IdempotencyKey);
    }

    [Fact]
    public void NewGuid_is_the_rfc_4122_version_5_id_of_the_key_and_call_number()
    {
        // Expected values computed independently with Python's uuid.uuid5 in the library's namespace
        // 6b9f3a57-2c1e-4d0b-9a55-1f3c8e2d7a40 over "wf-1:charge_ref:0#0" and "#1".
        var context = new TaskContext(Task(workflowId: "wf-1", referenceName: "charge_ref"), "worker-1");

        Assert.Equal(Guid.Parse("912a1173-8f0a-5a09-8436-9102a4372512"), context.NewGuid());
        Assert.Equal(Guid.Parse("011b87c0-822b-55a6-8c32-55d533a5f27d"), context.NewGuid());
    }

    [Fact]
    public void NewGuid_gives_the_same_sequence_on_every_run_of_the_step()
    {
        var firstRun = new TaskContext(Task(taskId: "t-1"), "worker-1");
        var retry = new TaskContext(Task(taskId: "t-2", retryCount: 1), "worker-2");

        Guid[] firstIds = [firstRun.NewGuid(), firstRun.NewGuid(), firstRun.NewGuid()];
        Guid[] retryIds = [retry.NewGuid(), retry.NewGuid(), retry.NewGuid()];

        Assert.Equal(firstIds, retryIds);
        Assert.Equal(3, firstIds.Distinct().Count());
    }

    [Fact]
    public void NewGuid_differs_between_loop_iterations()
    {
        var iterationOne = new TaskContext(Task(iteration: 1), "w");
        var iterationTwo = new TaskContext(Task(iteration: 2), "w");

        Assert.Equal(Guid.Parse("6039f82f-e838-5d0b-8146-d6784a00f497"), iterationTwo.NewGuid());
        Assert.NotEqual(iterationOne.NewGuid(), new TaskContext(Task(iteration: 2), "w").NewGuid());
    }

    [Fact]
    public void NewGuid_is_version_5_with_the_rfc_4122_variant()
    {
        var id = new TaskContext(Task(), "w").NewGuid().ToString("D");

        Assert.Equal('5', id[14]);
        Assert.Contains(id[19], "89ab");
    }

    [Fact]
    public void NewGuid_handles_keys_longer_than_the_stack_buffer()
    {
        var longReference = new string('r', 2_000);
        var first = new TaskContext(Task(referenceName: longReference), "w").NewGuid();
        var second = new TaskContext(Task(referenceName: longReference), "w").NewGuid();

        Assert.Equal(first, second);
    }

    [Fact]
    public void ScheduledAt_is_the_scheduled_time_and_stays_the_same_after_a_callback()
    {
        var firstPoll = new TaskContext(Task(scheduledTime: 1_700_000_000_123, startTime: 1_700_000_005_000, pollCount: 1), "w");
        var afterCallback = new TaskContext(Task(scheduledTime: 1_700_000_000_123, startTime: 1_700_000_005_000, pollCount: 2), "w");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), firstPoll.ScheduledAt);
        Assert.Equal(firstPoll.ScheduledAt, afterCallback.ScheduledAt);
        Assert.Equal(TimeSpan.Zero, firstPoll.ScheduledAt.Offset);
    }

    [Fact]
    public void ScheduledAt_falls_back_to_the_start_time_when_no_scheduled_time_was_sent()
    {
        var context = new TaskContext(Task(scheduledTime: 0, startTime: 1_700_000_005_000), "w");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_005_000), context.ScheduledAt);
    }

    [Fact]
    public void ScheduledAt_is_the_creation_time_when_the_server_sent_no_times()
    {
        var before = DateTimeOffset.UtcNow;
        var context = new TaskContext(Task(scheduledTime: 0, startTime: 0), "w");
        var after = DateTimeOffset.UtcNow;

        Assert.InRange(context.ScheduledAt, before, after);
        Assert.Equal(context.ScheduledAt, context.ScheduledAt);
    }

    private static ConductorTask Task(
        string taskId = "t-1",
        string workflowId = "wf-1",
        string? referenceName = "charge_ref",
        int iteration = 0,
        int retryCount = 0,
        int pollCount = 1,
        string? retriedTaskId = null,
        long scheduledTime = 1_700_000_000_000,
        long startTime = 1_700_000_001_000) => new()
        {
            TaskId = taskId,
            TaskType = "charge_card",
            WorkflowInstanceId = workflowId,
            ReferenceTaskName = referenceName,
            Iteration = iteration,
            RetryCount = retryCount,
            PollCount = pollCount,
            RetriedTaskId = retriedTaskId,
            ScheduledTime = scheduledTime,
            StartTime = startTime,
            InputData = JsonDocument.Parse("{}").RootElement,
        };
}
