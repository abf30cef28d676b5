namespace Conductor.Generated.Testing.Tests;

/// <summary>The delays on the system clock, with one-second settings and generous waits.</summary>
public sealed class RealClockTests : ServerTestBase
{
    // Real server: WorkflowExecutorOps.java#updateTask (IN_PROGRESS -> SCHEDULED, QueueDAO.java#postpone).
    [Fact]
    public async Task A_callback_after_one_second_hands_the_task_out_again()
    {
        RegisterSequence("real_callback", "check_back");
        Server.StartWorkflow("real_callback");
        var task = await PollTaskAsync("check_back");

        using var response = await ReportAsync(task, "IN_PROGRESS", """{ "step": 1 }""", """
            "callbackAfterSeconds": 1
            """);
        var again = await PollTaskAsync("check_back");

        Assert.Equal((string?)task["taskId"], (string?)again["taskId"]);
        Assert.Equal(2, (int)again["pollCount"]!);
        Assert.Equal(1, (int)again["outputData"]!["step"]!);
    }

    // Real server: DeciderService.java#isResponseTimedOut and #timeoutTask.
    [Fact]
    public async Task A_one_second_response_timeout_times_the_workflow_out()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "ghosted", RetryCount = 0, ResponseTimeoutSeconds = 1 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "ghosting", Tasks = [new WorkflowTask { Name = "ghosted", TaskReferenceName = "g" }] });
        var workflowId = Server.StartWorkflow("ghosting");
        await PollTaskAsync("ghosted");

        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);

        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        Assert.Equal(TaskExecutionStatus.TimedOut, workflow.Tasks.Single().Status);
    }
}
