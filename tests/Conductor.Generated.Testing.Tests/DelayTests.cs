using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

/// <summary>Callbacks, retry delays and timeouts, on a fake clock the tests advance.</summary>
public sealed class DelayTests() : ServerTestBase(useFakeClock: true)
{
    // Real server: WorkflowExecutorOps.java#updateTask sets SCHEDULED for IN_PROGRESS and QueueDAO.java#postpone by callbackAfterSeconds; ExecutionService.java#poll increments pollCount.
    [Fact]
    public async Task In_progress_with_callback_requeues_the_task_after_the_delay()
    {
        RegisterSequence("checking_back", "long_job");
        Server.StartWorkflow("checking_back");
        var task = await PollTaskAsync("long_job");
        var taskId = (string)task["taskId"]!;

        using var response = await ReportAsync(task, "IN_PROGRESS", """{ "progress": 50 }""", """
            "callbackAfterSeconds": 30
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var waiting = Server.GetTask(taskId)!;
        Assert.Equal(TaskExecutionStatus.Scheduled, waiting.Status);
        Assert.Equal(30, waiting.CallbackAfterSeconds);
        Assert.Equal(50, (int)waiting.OutputData["progress"]!);
        Assert.Equal(1, Server.GetQueueSize("long_job"));
        Assert.Empty(await BatchPollAsync("long_job"));

        Clock!.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await BatchPollAsync("long_job"));
        Clock.Advance(TimeSpan.FromSeconds(1));

        var again = Assert.Single(await BatchPollAsync("long_job"))!;
        Assert.Equal(taskId, (string?)again["taskId"]);
        Assert.Equal(2, (int)again["pollCount"]!);
        Assert.Equal(0, (long)again["callbackAfterSeconds"]!);
        Assert.Equal(50, (int)again["outputData"]!["progress"]!);
        Assert.Equal((long)task["startTime"]!, (long)again["startTime"]!);
    }

    // Real server: QueueDAO.java#pop returns postponed messages once due (ExecutionService.java#poll).
    [Fact]
    public async Task A_waiting_long_poll_wakes_when_the_clock_reaches_a_delayed_task()
    {
        RegisterSequence("wake_on_clock", "later");
        Server.StartWorkflow("wake_on_clock");
        using var response = await ReportAsync(await PollTaskAsync("later"), "IN_PROGRESS", "{}", """
            "callbackAfterSeconds": 10
            """);

        var poll = Http.GetStringAsync("tasks/poll/batch/later?workerid=w&count=1&timeout=5000");
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);
        Clock!.Advance(TimeSpan.FromSeconds(10));

        var tasks = JsonNode.Parse(await poll.WaitAsync(Patience))!.AsArray();
        Assert.Equal(2, (int)Assert.Single(tasks)!["pollCount"]!);
    }

    // Real server: DeciderService.java#retry sets callbackAfterSeconds to the retry delay; WorkflowExecutorOps.java#addTaskToQueue postpones by it.
    [Fact]
    public async Task A_retry_is_handed_out_after_the_retry_delay()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "patient", RetryCount = 1, RetryDelaySeconds = 5 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "delayed_retry", Tasks = [new WorkflowTask { Name = "patient", TaskReferenceName = "p" }] });
        var workflowId = Server.StartWorkflow("delayed_retry");

        using var failed = await ReportAsync(await PollTaskAsync("patient"), "FAILED");

        var retry = Server.GetWorkflow(workflowId)!.Tasks[1];
        Assert.Equal(TaskExecutionStatus.Scheduled, retry.Status);
        Assert.Equal(5, retry.CallbackAfterSeconds);
        Assert.Equal(5, retry.StartDelayInSeconds);
        Assert.Empty(await BatchPollAsync("patient"));

        Clock!.Advance(TimeSpan.FromSeconds(5));
        var handed = Assert.Single(await BatchPollAsync("patient"))!;
        Assert.Equal(retry.TaskId, (string?)handed["taskId"]);
        Assert.Equal(1, (int)handed["retryCount"]!);
    }

    // Real server: DeciderService.java#isResponseTimedOut and #timeoutTask ("responseTimeout: ... exceeded"), then #retry.
    [Fact]
    public async Task A_silent_worker_times_out_after_the_response_timeout_and_the_task_is_retried()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "quiet", RetryCount = 1, RetryDelaySeconds = 0, ResponseTimeoutSeconds = 10 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "timeouts", Tasks = [new WorkflowTask { Name = "quiet", TaskReferenceName = "q" }] });
        var workflowId = Server.StartWorkflow("timeouts");
        var first = await PollTaskAsync("quiet");

        Clock!.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(TaskExecutionStatus.InProgress, Server.GetTask((string)first["taskId"]!)!.Status);
        Clock.Advance(TimeSpan.FromSeconds(2));

        var timedOut = Server.GetTask((string)first["taskId"]!)!;
        Assert.Equal(TaskExecutionStatus.TimedOut, timedOut.Status);
        Assert.Equal($"responseTimeout: 10 exceeded for the taskId: {first["taskId"]} with Task Definition: quiet", timedOut.ReasonForIncompletion);
        var retry = Assert.Single(await BatchPollAsync("quiet"))!;
        Assert.Equal(1, (int)retry["retryCount"]!);

        // The retry times out too, and no retries are left: the workflow times out.
        Clock.Advance(TimeSpan.FromSeconds(11));
        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        Assert.StartsWith($"Task {retry["taskId"]} failed with status: TIMED_OUT", workflow.ReasonForIncompletion, StringComparison.Ordinal);

        // The worker answering late changes nothing.
        using var late = await ReportAsync(retry, "COMPLETED");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(TaskExecutionStatus.TimedOut, Server.GetTask((string)retry["taskId"]!)!.Status);
    }

    // Real server: WorkflowExecutorOps.java#updateTask returns after #extendLease -> ExecutionDAOFacade.java#extendLease (updateTime only).
    [Fact]
    public async Task Extend_lease_only_restarts_the_response_timeout_clock()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "leased", ResponseTimeoutSeconds = 10, RetryDelaySeconds = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "lease", Tasks = [new WorkflowTask { Name = "leased", TaskReferenceName = "l" }] });
        Server.StartWorkflow("lease");
        var task = await PollTaskAsync("leased");
        var taskId = (string)task["taskId"]!;

        Clock!.Advance(TimeSpan.FromSeconds(8));
        using var lease = await ReportAsync(task, "COMPLETED", """{ "ignored": true }""", """
            "extendLease": true
            """);
        Assert.Equal(HttpStatusCode.OK, lease.StatusCode);
        var leased = Server.GetTask(taskId)!;
        Assert.Equal(TaskExecutionStatus.InProgress, leased.Status);
        Assert.Empty(leased.OutputData);

        Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(TaskExecutionStatus.InProgress, Server.GetTask(taskId)!.Status);
        Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TaskExecutionStatus.TimedOut, Server.GetTask(taskId)!.Status);
    }

    // Real server: DeciderService.java#isResponseTimedOut adds callbackAfterSeconds to the response timeout.
    [Fact]
    public async Task A_task_waiting_for_its_callback_does_not_time_out()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "resting", ResponseTimeoutSeconds = 10 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "rest", Tasks = [new WorkflowTask { Name = "resting", TaskReferenceName = "r" }] });
        Server.StartWorkflow("rest");
        var task = await PollTaskAsync("resting");
        using var response = await ReportAsync(task, "IN_PROGRESS", "{}", """
            "callbackAfterSeconds": 100
            """);

        Clock!.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(TaskExecutionStatus.Scheduled, Server.GetTask((string)task["taskId"]!)!.Status);
    }

    // Real server: WorkflowExecutorOps.java#updateTask returns null for extendLease; TaskResource.java#updateTaskV2 answers noContent().
    [Fact]
    public async Task Update_v2_with_extend_lease_answers_204()
    {
        RegisterSequence("lease_v2", "kept");
        Server.StartWorkflow("lease_v2");
        var task = await PollTaskAsync("kept");

        using var response = await PostAsync("tasks/update-v2", $$"""
            { "workflowInstanceId": "{{task["workflowInstanceId"]}}", "taskId": "{{task["taskId"]}}", "status": "IN_PROGRESS", "extendLease": true }
            """);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    // Real server: DeciderService.java#checkTaskTimeout -> #timeoutTaskWithTimeoutPolicy (TIME_OUT_WF).
    [Fact]
    public async Task Task_timeout_with_time_out_wf_policy_times_the_workflow_out()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "bounded", TimeoutSeconds = 20, ResponseTimeoutSeconds = 15, TimeoutPolicy = TaskTimeoutPolicy.TimeOutWorkflow });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "bounded_flow", Tasks = [new WorkflowTask { Name = "bounded", TaskReferenceName = "b" }] });
        var workflowId = Server.StartWorkflow("bounded_flow");
        var task = await PollTaskAsync("bounded");

        // The worker keeps the lease alive, but the attempt may not run longer than 20 seconds.
        for (var step = 0; step < 2; step++)
        {
            Clock!.Advance(TimeSpan.FromSeconds(10));
            using var lease = await ReportAsync(task, "IN_PROGRESS", "{}", """
                "extendLease": true
                """);
        }

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        Assert.Equal(TaskExecutionStatus.TimedOut, workflow.Tasks.Single().Status);
        Assert.Contains("Timeout policy configured to TIME_OUT_WF", workflow.ReasonForIncompletion, StringComparison.Ordinal);
    }

    // Real server: DeciderService.java#decide checks every pending task that has a definition
    // (MetadataMapperService#populateWorkflowTaskWithDefinition: the registered one, or an ad-hoc one
    // with no timeouts), system tasks included -> #checkTaskTimeout -> #timeoutTaskWithTimeoutPolicy.
    [Fact]
    public void Task_timeout_of_a_registered_definition_applies_to_a_system_task()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "approval", TimeoutSeconds = 60, ResponseTimeoutSeconds = 60, RetryCount = 0, TimeoutPolicy = TaskTimeoutPolicy.TimeOutWorkflow });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "approval_flow", Tasks = [new WorkflowTask { Name = "approval", TaskReferenceName = "approve", Type = WorkflowTaskTypes.Human }] });
        var workflowId = Server.StartWorkflow("approval_flow");

        Clock!.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(WorkflowStatus.Running, Server.GetWorkflow(workflowId)!.Status);
        Clock.Advance(TimeSpan.FromSeconds(2));

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        Assert.Equal(TaskExecutionStatus.TimedOut, workflow.Tasks.Single().Status);
        Assert.StartsWith("Task timed out after 6", workflow.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Contains("Timeout policy configured to TIME_OUT_WF", workflow.ReasonForIncompletion, StringComparison.Ordinal);
    }

    // Real server: MetadataMapperService.java#populateWorkflowTaskWithDefinition gives a system task
    // without a registered definition an ad-hoc one (no timeouts, no retries): a HUMAN task waits.
    [Fact]
    public void System_task_without_a_definition_has_no_timeout()
    {
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "open_approval", Tasks = [new WorkflowTask { Name = "open", TaskReferenceName = "open", Type = WorkflowTaskTypes.Human }] });
        var workflowId = Server.StartWorkflow("open_approval");

        Clock!.Advance(TimeSpan.FromHours(2));

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal(TaskExecutionStatus.InProgress, workflow.Tasks.Single().Status);
    }

    // Differs from the real server: it stamps System.currentTimeMillis(), as in ExecutionService.java#poll.
    [Fact]
    public async Task Timestamps_come_from_the_configured_clock()
    {
        RegisterSequence("clocked", "stamp");
        var workflowId = Server.StartWorkflow("clocked");
        var expected = Clock!.GetUtcNow().ToUnixTimeMilliseconds();
        var task = await PollTaskAsync("stamp");

        Assert.Equal(expected, (long)task["scheduledTime"]!);
        Assert.Equal(expected, (long)task["startTime"]!);
        Assert.Equal(expected, Server.GetWorkflow(workflowId)!.CreateTime);
    }
}
