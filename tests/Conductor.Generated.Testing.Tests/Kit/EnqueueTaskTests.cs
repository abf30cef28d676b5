using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>One task scheduled on its own, carried by a one-step workflow made for it.</summary>
public sealed class EnqueueTaskTests
{
    [Fact]
    public async Task A_task_is_scheduled_in_its_queue_as_the_only_step_of_a_workflow_named_after_it()
    {
        await using var server = await ConductorTestServer.StartAsync();

        var task = server.EnqueueTask("charge", new JsonObject { ["amount"] = 5 }, correlationId: "order-5");

        Assert.Equal(TaskExecutionStatus.Scheduled, task.Status);
        Assert.Equal("charge", task.TaskType);
        Assert.Equal("charge", task.ReferenceTaskName);
        Assert.Equal(5, (int?)task.InputData["amount"]);
        Assert.Equal(1, server.GetQueueSize("charge"));
        var workflow = server.GetWorkflow(task.WorkflowInstanceId)!;
        Assert.Equal("single_task_charge", workflow.WorkflowName);
        Assert.Equal("order-5", workflow.CorrelationId);
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal([task.TaskId], workflow.Tasks.Select(scheduled => scheduled.TaskId));
    }

    [Fact]
    public async Task A_task_with_a_domain_waits_in_the_queue_of_that_domain()
    {
        await using var server = await ConductorTestServer.StartAsync();

        var task = server.EnqueueTask("charge", domain: "eu");

        Assert.Equal("eu", task.Domain);
        Assert.Equal(1, server.GetQueueSize("charge", "eu"));
        Assert.Equal(0, server.GetQueueSize("charge"));
        Assert.Empty(task.InputData);
    }

    [Fact]
    public async Task An_unregistered_task_type_gets_the_servers_default_definition()
    {
        await using var server = await ConductorTestServer.StartAsync();

        var task = server.EnqueueTask("unregistered");

        Assert.Equal(3, task.TaskDefinition!.RetryCount);
        Assert.Equal(60, task.TaskDefinition.RetryDelaySeconds);
    }
}
