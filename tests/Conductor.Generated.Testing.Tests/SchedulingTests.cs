using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

/// <summary>Domains, poll data, rate and concurrency limits and timeouts, on a fake clock the tests advance.</summary>
public sealed class SchedulingTests() : ServerTestBase(useFakeClock: true)
{
    // Real server: WorkflowExecutorOps.java#getActiveDomain: no active poller -> the last domain of the list.
    [Fact]
    public async Task A_domain_list_without_active_pollers_resolves_to_its_last_domain()
    {
        RegisterSequence("listed", "pick");
        Server.StartWorkflow("listed", taskToDomain: new Dictionary<string, string> { ["pick"] = "dA,dB" });

        Assert.Equal(1, Server.GetQueueSize("pick", "dB"));
        Assert.Equal(0, Server.GetQueueSize("pick", "dA"));
        Assert.Equal("dB", (string?)Assert.Single(await BatchPollAsync("pick", domain: "dB"))!["domain"]);
    }

    // Real server: WorkflowExecutorOps.java#getActiveDomain: the first domain with a poll within activeWorkerLastPollTimeout (ConductorProperties.java, 10 s).
    [Fact]
    public async Task A_domain_list_resolves_to_the_first_domain_polled_recently()
    {
        RegisterSequence("active", "pick");
        await BatchPollAsync("pick", domain: "dA");
        await BatchPollAsync("pick", domain: "dB");

        Server.StartWorkflow("active", taskToDomain: new Dictionary<string, string> { ["pick"] = "dA,dB" });
        Assert.Equal(1, Server.GetQueueSize("pick", "dA"));

        Clock!.Advance(TimeSpan.FromSeconds(10));
        Server.StartWorkflow("active", taskToDomain: new Dictionary<string, string> { ["pick"] = "dA,dB" });
        Assert.Equal(1, Server.GetQueueSize("pick", "dB")); // no poll in the last 10 s: the last domain
    }

    // Real server: WorkflowExecutorOps.java#getActiveDomain: a list ending in NO_DOMAIN resolves to no domain when none is active.
    [Fact]
    public async Task A_domain_list_ending_in_no_domain_resolves_to_the_plain_queue()
    {
        RegisterSequence("fallback", "pick");
        Server.StartWorkflow("fallback", taskToDomain: new Dictionary<string, string> { ["*"] = "dA,NO_DOMAIN" });

        Assert.Equal(1, Server.GetQueueSize("pick"));
        var task = Assert.Single(await BatchPollAsync("pick"))!;
        Assert.Null(task["domain"]);
    }

    // Real server: ExecutionService.java#poll -> ExecutionDAOFacade.java#updateTaskLastPoll; TaskResource.java#getPollData, #getAllPollData (PollData).
    [Fact]
    public async Task Poll_data_records_the_last_poll_per_domain_and_worker()
    {
        await BatchPollAsync("polled", workerId: "w1");
        Clock!.Advance(TimeSpan.FromSeconds(3));
        await BatchPollAsync("polled", workerId: "w2", domain: "blue");

        var pollData = (await GetJsonAsync("tasks/queue/polldata?taskType=polled")).AsArray();
        Assert.Equal(2, pollData.Count);
        var plain = pollData.Single(entry => entry!["domain"] is null)!;
        Assert.Equal("polled", (string?)plain["queueName"]);
        Assert.Equal("w1", (string?)plain["workerId"]);
        var blue = pollData.Single(entry => (string?)entry!["domain"] == "blue")!;
        Assert.Equal("w2", (string?)blue["workerId"]);
        Assert.Equal(3000, (long)blue["lastPollTime"]! - (long)plain["lastPollTime"]!);

        Assert.Empty((await GetJsonAsync("tasks/queue/polldata?taskType=unknown")).AsArray());
        Assert.Equal(2, (await GetJsonAsync("tasks/queue/polldata/all")).AsArray().Count);
    }

    // Real server: ExecutionService.java#poll postpones a task over concurrentExecLimit by taskExecutionPostponeDuration
    // (ConductorProperties.java, 60 s), again at each poll while no slot is free; when a limited task ends,
    // SqliteExecutionDAO.java#updateTask makes the first task of its queue due at once (QueueDAO.java#peekFirstIds,
    // #resetOffsetTime; conductor-oss PR 1105).
    [Fact]
    public async Task A_task_over_the_concurrency_limit_is_postponed_until_a_slot_frees()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "limited", ConcurrentExecLimit = 2 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "capped", Tasks = [new WorkflowTask { Name = "limited", TaskReferenceName = "l" }] });
        for (var index = 0; index < 3; index++)
        {
            Server.StartWorkflow("capped");
        }

        var firstTwo = await BatchPollAsync("limited", count: 3);
        Assert.Equal(2, firstTwo.Count);
        Clock!.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(await BatchPollAsync("limited")); // due again, still over the limit: postponed again

        await CompleteAsync(firstTwo[0]!);
        Assert.Single(await BatchPollAsync("limited")); // the freed slot released it
    }

    // Real server: RedisRateLimitingDAO.java#exceedsRateLimitPerFrequency; ExecutionService.java#poll postpones the rest by 60 s.
    [Fact]
    public async Task Rate_limit_hands_out_at_most_the_limit_per_window()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "metered", RateLimitPerFrequency = 2, RateLimitFrequencyInSeconds = 30 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "metering", Tasks = [new WorkflowTask { Name = "metered", TaskReferenceName = "m" }] });
        for (var index = 0; index < 3; index++)
        {
            Server.StartWorkflow("metering");
        }

        var handedOut = await BatchPollAsync("metered", count: 3);
        Assert.Equal(2, handedOut.Count);
        Assert.Equal(2, (int)handedOut[0]!["rateLimitPerFrequency"]!);
        Assert.Equal(30, (int)handedOut[0]!["rateLimitFrequencyInSeconds"]!);

        Clock!.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await BatchPollAsync("metered"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await BatchPollAsync("metered"));
    }

    // Real server: DeciderService.java#checkTaskPollTimeout: SCHEDULED longer than pollTimeoutSeconds -> TIMED_OUT by the timeout policy.
    [Fact]
    public async Task A_task_nobody_polls_times_out_after_its_poll_timeout()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "unpolled", PollTimeoutSeconds = 30, RetryCount = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "waiting_for_worker", Tasks = [new WorkflowTask { Name = "unpolled", TaskReferenceName = "u" }] });
        var workflowId = Server.StartWorkflow("waiting_for_worker");

        Clock!.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(WorkflowStatus.Running, Server.GetWorkflow(workflowId)!.Status);
        Clock.Advance(TimeSpan.FromSeconds(2));

        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TaskExecutionStatus.TimedOut, task.Status);
        Assert.StartsWith("Task poll timed out after ", task.ReasonForIncompletion);
        Assert.Equal(0, Server.GetQueueSize("unpolled"));
    }

    // Real server: DeciderService.java#checkTotalTimeout: totalTimeoutSeconds counts from the first attempt's scheduling, across retries.
    [Fact]
    public async Task Total_timeout_spans_every_attempt()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "budgeted", TotalTimeoutSeconds = 100, RetryCount = 5, RetryDelaySeconds = 0, TimeoutPolicy = TaskTimeoutPolicy.Retry });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "budget", Tasks = [new WorkflowTask { Name = "budgeted", TaskReferenceName = "b" }] });
        var workflowId = Server.StartWorkflow("budget");

        Clock!.Advance(TimeSpan.FromSeconds(60));
        using (var failed = await ReportAsync(await PollTaskAsync("budgeted"), "FAILED"))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        await PollTaskAsync("budgeted"); // the retry, IN_PROGRESS
        Clock.Advance(TimeSpan.FromSeconds(41));

        await EventuallyAsync(() => Server.GetWorkflow(workflowId)!.Tasks[1].Status == TaskExecutionStatus.TimedOut, "the retry to time out");
        var retry = Server.GetWorkflow(workflowId)!.Tasks[1];
        Assert.Contains("exceeded total timeout of 100 seconds", retry.ReasonForIncompletion);
    }

    // Real server: WorkflowExecutorOps.java#updateTask finds the task by its id and decides the workflow the result names, which does not move
    // that other workflow; the task's own workflow moves on.
    [Fact]
    public async Task A_result_naming_another_workflow_moves_only_the_tasks_own_workflow()
    {
        RegisterSequence("own", "step_one", "step_two");
        var own = Server.StartWorkflow("own");
        var other = Server.StartWorkflow("own");
        var ownTask = (await BatchPollAsync("step_one", count: 2)).Single(task => (string?)task!["workflowInstanceId"] == own)!;

        using var response = await PostAsync("tasks", $$"""
            { "workflowInstanceId": "{{other}}", "taskId": "{{ownTask["taskId"]}}", "status": "COMPLETED", "outputData": {} }
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(2, Server.GetWorkflow(own)!.Tasks.Count);
        var otherWorkflow = Server.GetWorkflow(other)!;
        Assert.Equal(TaskExecutionStatus.InProgress, Assert.Single(otherWorkflow.Tasks).Status);
    }

    // Real server: WorkflowExecutorOps.java#updateTask reads the named workflow first: an unknown one is a 404.
    [Fact]
    public async Task A_result_naming_an_unknown_workflow_answers_404()
    {
        RegisterSequence("named", "step");
        Server.StartWorkflow("named");
        var task = await PollTaskAsync("step");

        using var response = await PostAsync("tasks", $$"""
            { "workflowInstanceId": "missing", "taskId": "{{task["taskId"]}}", "status": "COMPLETED" }
            """);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 404, "No such workflow found by id: missing");
    }

    // Real server: Task.java fields; Task#getQueueWaitTime = startTime - scheduledTime at the first poll; callbackFromWorker defaults to true.
    [Fact]
    public async Task Task_json_has_the_real_servers_fields()
    {
        RegisterSequence("fields", "step");
        Server.StartWorkflow("fields");
        Clock!.Advance(TimeSpan.FromSeconds(2));

        var task = Assert.Single(await BatchPollAsync("step"))!;
        Assert.Equal(0, (int)task["rateLimitPerFrequency"]!);
        Assert.Equal(0, (int)task["rateLimitFrequencyInSeconds"]!);
        Assert.True((bool)task["callbackFromWorker"]!);
        Assert.Equal(2000, (long)task["queueWaitTime"]!);
        Assert.False((bool)task["loopOverTask"]!);
        Assert.False((bool)task["subworkflowChanged"]!);
        Assert.Equal(0, (long)task["firstStartTime"]!);
    }

    // Real server: SqliteQueueDAO.java#pollMessages (the default conductor.queue.type) and PostgresQueueDAO.java#pollMessages:
    // a batch pop returns once count messages were popped or the timeout passed.
    [Fact]
    public async Task A_batch_poll_waits_for_count_tasks_until_its_timeout()
    {
        RegisterSequence("gathering", "gathered");
        Server.StartWorkflow("gathering");
        var poll = Http.GetStringAsync("tasks/poll/batch/gathered?workerid=w&count=2&timeout=5000");
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);

        Server.StartWorkflow("gathering");
        var tasks = JsonNode.Parse(await poll.WaitAsync(Patience))!.AsArray();
        Assert.Equal(2, tasks.Count);
    }
    // Real server: DeciderService.java#checkWorkflowTimeout: timeoutSeconds from the start (TIME_OUT_WF by default), checked while PAUSED too.
    [Fact]
    public async Task A_workflow_over_its_timeout_times_out()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "slow_step" });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "bounded", TimeoutSeconds = 60, Tasks = [new WorkflowTask { Name = "slow_step", TaskReferenceName = "s" }] });
        var workflowId = Server.StartWorkflow("bounded");
        using (var pause = await Http.PutAsync($"workflow/{workflowId}/pause", null))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        Clock!.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(WorkflowStatus.Paused, Server.GetWorkflow(workflowId)!.Status);
        Clock.Advance(TimeSpan.FromSeconds(2));

        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        Assert.Matches(@"^Workflow timed out after 6[01] seconds\. Timeout configured as 60 seconds\. Timeout policy configured to TIME_OUT_WF$", workflow.ReasonForIncompletion);
        Assert.Equal(TaskExecutionStatus.Canceled, Assert.Single(workflow.Tasks).Status);
    }
}
