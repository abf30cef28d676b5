using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

/// <summary>
/// Which task definition decides about a task: the one its run took when it started, or the one
/// its step embeds; a dynamic task's is the registration when it is scheduled. Workflow
/// definitions go in as JSON, as a client sends them.
/// </summary>
public sealed class TaskDefinitionSnapshotTests() : ServerTestBase(useFakeClock: true)
{
    // Real server: MetadataMapperService.java#populateTaskDefinitions (called by WorkflowExecutorOps.java#startWorkflow) gives each step
    // the registration of the start; DeciderService.java#decide and #retry read it (TaskModel#getTaskDefinition), not the registration now.
    [Fact]
    public async Task Retries_follow_the_definition_of_the_runs_start_not_a_later_update()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "snap_retry", RetryCount = 0, RetryDelaySeconds = 0 });
        await RegisterWorkflowAsync("""{ "name": "snap_retries", "tasks": [ { "name": "snap_retry", "taskReferenceName": "r" } ] }""");
        var before = Server.StartWorkflow("snap_retries");
        await UpdateTaskDefAsync("""{ "name": "snap_retry", "retryCount": 1, "retryDelaySeconds": 0 }""");
        var after = Server.StartWorkflow("snap_retries");

        await FailAllAsync(await BatchPollAsync("snap_retry", count: 2), expected: 2);

        var first = Server.GetWorkflow(before)!;
        Assert.Equal(WorkflowStatus.Failed, first.Status);
        Assert.Single(first.Tasks);
        var second = Server.GetWorkflow(after)!;
        Assert.Equal(WorkflowStatus.Running, second.Status);
        Assert.Equal(2, second.Tasks.Count);
        Assert.Equal(1, second.Tasks[1].RetryCount);
    }

    // Real server: DeciderService.java#decide checks isResponseTimedOut with TaskModel#getTaskDefinition, the definition populated at
    // the start (MetadataMapperService.java#populateTaskDefinitions).
    [Fact]
    public async Task Timeouts_follow_the_definition_of_the_runs_start_not_a_later_update()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "snap_slow", RetryCount = 0, ResponseTimeoutSeconds = 10 });
        await RegisterWorkflowAsync("""{ "name": "snap_timeouts", "tasks": [ { "name": "snap_slow", "taskReferenceName": "s" } ] }""");
        var before = Server.StartWorkflow("snap_timeouts");
        await UpdateTaskDefAsync("""{ "name": "snap_slow", "retryCount": 0, "responseTimeoutSeconds": 100 }""");
        var after = Server.StartWorkflow("snap_timeouts");
        Assert.Equal(2, (await BatchPollAsync("snap_slow", count: 2)).Count);

        Clock!.Advance(TimeSpan.FromSeconds(11));
        await EventuallyAsync(() => Server.GetWorkflow(before)!.Status == WorkflowStatus.TimedOut, "the run started before the update to time out");
        Assert.StartsWith("responseTimeout: 10 exceeded", Server.GetWorkflow(before)!.Tasks[0].ReasonForIncompletion);
        Assert.Equal(WorkflowStatus.Running, Server.GetWorkflow(after)!.Status);

        Clock.Advance(TimeSpan.FromSeconds(90));
        await EventuallyAsync(() => Server.GetWorkflow(after)!.Status == WorkflowStatus.TimedOut, "the run started after the update to time out");
        Assert.StartsWith("responseTimeout: 100 exceeded", Server.GetWorkflow(after)!.Tasks[0].ReasonForIncompletion);
    }

    // Real server: MetadataMapperService.java#shouldPopulateTaskDefinition keeps an embedded taskDefinition; DeciderService.java#retry and
    // #isResponseTimedOut use it; the run's workflowDefinition and each task's workflowTask carry it.
    [Fact]
    public async Task An_embedded_task_definition_wins_over_the_registered_one()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "emb_task", RetryCount = 0 });
        await RegisterWorkflowAsync("""
            { "name": "embedding", "tasks": [ { "name": "emb_task", "taskReferenceName": "e",
              "taskDefinition": { "name": "emb_task", "retryCount": 2, "retryDelaySeconds": 0, "responseTimeoutSeconds": 10 } } ] }
            """);
        var workflowId = Server.StartWorkflow("embedding");

        var first = await PollTaskAsync("emb_task");
        Assert.Equal(2, (int)first["taskDefinition"]!["retryCount"]!);
        Assert.Equal(2, (int)first["workflowTask"]!["taskDefinition"]!["retryCount"]!);
        Assert.Equal(10, (long)first["responseTimeoutSeconds"]!);
        using (var failed = await ReportAsync(first, "FAILED"))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        await PollTaskAsync("emb_task"); // the first retry; no answer
        Clock!.Advance(TimeSpan.FromSeconds(11));
        await EventuallyAsync(() => Server.GetWorkflow(workflowId)!.Tasks.Count == 3, "the timed-out retry to be retried");
        Assert.StartsWith("responseTimeout: 10 exceeded", Server.GetWorkflow(workflowId)!.Tasks[1].ReasonForIncompletion);

        using (var failedAgain = await ReportAsync(await PollTaskAsync("emb_task"), "FAILED"))
        {
            Assert.Equal(HttpStatusCode.OK, failedAgain.StatusCode);
        }

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Failed, workflow.Status);
        Assert.Equal(3, workflow.Tasks.Count);

        var stored = await GetJsonAsync($"workflow/{workflowId}");
        Assert.Equal(2, (int)stored["workflowDefinition"]!["tasks"]![0]!["taskDefinition"]!["retryCount"]!);
        var registered = await GetJsonAsync("metadata/workflow/embedding");
        Assert.Equal(2, (int)registered["tasks"]![0]!["taskDefinition"]!["retryCount"]!);
    }

    // Real server: MetadataMapperService.java#populateWorkflowTaskWithDefinition looks nothing up for a step with a definition, and
    // SimpleTaskMapper.java#getMappedTasks takes the task's responseTimeoutSeconds from it.
    [Fact]
    public async Task A_simple_task_with_only_an_embedded_definition_runs_by_it()
    {
        await RegisterWorkflowAsync("""
            { "name": "self_contained", "tasks": [ { "name": "never_registered", "taskReferenceName": "n",
              "taskDefinition": { "name": "never_registered", "retryCount": 0, "responseTimeoutSeconds": 5 } } ] }
            """);
        var workflowId = Server.StartWorkflow("self_contained");

        var task = await PollTaskAsync("never_registered");
        Assert.Equal(5, (long)task["responseTimeoutSeconds"]!);

        Clock!.Advance(TimeSpan.FromSeconds(6));
        await EventuallyAsync(() => Server.GetWorkflow(workflowId)!.Status == WorkflowStatus.TimedOut, "the task to time out by its embedded definition");
        Assert.Single(Server.GetWorkflow(workflowId)!.Tasks);
    }

    // Real server: WorkflowTask.java has no @Valid on taskDefinition, so MetadataServiceImpl.java#registerWorkflowDef and
    // #startWorkflow take an embedded definition that a registration would refuse (MetadataServiceImpl.java#registerTaskDef);
    // its timeoutSeconds still times the task out (DeciderService.java#checkTaskTimeout).
    [Fact]
    public async Task An_embedded_task_definition_is_taken_as_given_even_one_a_registration_would_refuse()
    {
        using var registered = await PostAsync("metadata/workflow", """
            { "name": "loose_embedding", "tasks": [ { "name": "loose", "taskReferenceName": "loose",
              "taskDefinition": { "name": "loose", "retryCount": 0, "timeoutSeconds": 10 } } ] }
            """);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        using var refused = await PostAsync("metadata/taskdefs", """[ { "name": "loose", "retryCount": 0, "timeoutSeconds": 10 } ]""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var workflowId = Server.StartWorkflow("loose_embedding");
        var task = await PollTaskAsync("loose");
        Assert.Equal(3600, (long)task["responseTimeoutSeconds"]!);

        Clock!.Advance(TimeSpan.FromSeconds(11));
        await EventuallyAsync(() => Server.GetWorkflow(workflowId)!.Status == WorkflowStatus.TimedOut, "the task to time out by its embedded timeoutSeconds");
    }

    // Real server: RedisExecutionDAO.java#exceedsLimit reads TaskModel#getTaskDefinition (the definition of the run's start);
    // ExecutionService.java#poll postpones a task over it.
    [Fact]
    public async Task The_concurrency_limit_follows_the_definition_of_the_runs_start()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "snap_limited", ConcurrentExecLimit = 1 });
        await RegisterWorkflowAsync("""{ "name": "snap_capped", "tasks": [ { "name": "snap_limited", "taskReferenceName": "l" } ] }""");
        Server.StartWorkflow("snap_capped");
        Server.StartWorkflow("snap_capped");
        await UpdateTaskDefAsync("""{ "name": "snap_limited", "concurrentExecLimit": 0 }""");

        Assert.Single(await BatchPollAsync("snap_limited", count: 2)); // both runs keep the limit of 1

        Server.StartWorkflow("snap_capped"); // started after the update: no limit
        Assert.Single(await BatchPollAsync("snap_limited", count: 2));
    }

    // Real server: ExecutionService.java#poll passes TaskModel#getTaskDefinition to RedisRateLimitingDAO.java#exceedsRateLimitPerFrequency,
    // which takes that definition's rate limit.
    [Fact]
    public async Task The_rate_limit_follows_the_definition_of_the_runs_start()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "snap_metered", RateLimitPerFrequency = 1, RateLimitFrequencyInSeconds = 60 });
        await RegisterWorkflowAsync("""{ "name": "snap_metering", "tasks": [ { "name": "snap_metered", "taskReferenceName": "m" } ] }""");
        Server.StartWorkflow("snap_metering");
        Server.StartWorkflow("snap_metering");
        await UpdateTaskDefAsync("""{ "name": "snap_metered", "rateLimitPerFrequency": 0, "rateLimitFrequencyInSeconds": 0 }""");

        var handedOut = await BatchPollAsync("snap_metered", count: 2); // both runs keep 1 per minute
        Assert.Single(handedOut);
        Assert.Equal(1, (int)handedOut[0]!["rateLimitPerFrequency"]!);

        Server.StartWorkflow("snap_metering"); // started after the update: no rate limit
        Assert.Single(await BatchPollAsync("snap_metered", count: 2));
    }

    // Real server: WorkflowExecutorOps.java#restart keeps the run's populated definition, and with useLatestDefinitions populates the
    // latest workflow definition again (MetadataMapperService.java#populateTaskDefinitions).
    [Fact]
    public async Task A_restart_takes_the_registration_again_only_with_the_latest_definitions()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "snap_restarted", RetryCount = 0, RetryDelaySeconds = 0 });
        await RegisterWorkflowAsync("""{ "name": "snap_restarting", "tasks": [ { "name": "snap_restarted", "taskReferenceName": "r" } ] }""");
        var workflowId = Server.StartWorkflow("snap_restarting");
        await FailAllAsync(await BatchPollAsync("snap_restarted"), expected: 1);
        Assert.Equal(WorkflowStatus.Failed, Server.GetWorkflow(workflowId)!.Status);
        await UpdateTaskDefAsync("""{ "name": "snap_restarted", "retryCount": 1, "retryDelaySeconds": 0 }""");

        using (var restart = await Http.PostAsync($"workflow/{workflowId}/restart", null))
        {
            Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        }

        await FailAllAsync(await BatchPollAsync("snap_restarted"), expected: 1);
        Assert.Equal(WorkflowStatus.Failed, Server.GetWorkflow(workflowId)!.Status); // still no retries

        using (var restart = await Http.PostAsync($"workflow/{workflowId}/restart?useLatestDefinitions=true", null))
        {
            Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        }

        await FailAllAsync(await BatchPollAsync("snap_restarted"), expected: 1);
        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal(2, workflow.Tasks.Count);
    }

    // Real server: DynamicTaskMapper.java#getDynamicTaskDefinition reads the registration when the task is mapped (the named task is
    // not in the definition tree populated at the start); DeciderService.java#retry keeps that definition (TaskModel#copy).
    [Fact]
    public async Task A_dynamic_task_takes_the_registration_when_it_is_scheduled()
    {
        Server.RegisterTaskDefs(
            new TaskDef { Name = "dyn_gate", RetryCount = 0 },
            new TaskDef { Name = "dyn_target", RetryCount = 0, RetryDelaySeconds = 0 });
        await RegisterWorkflowAsync("""
            { "name": "dyn_snap", "tasks": [ { "name": "dyn_gate", "taskReferenceName": "gate" },
              { "name": "dyn", "taskReferenceName": "dyn", "type": "DYNAMIC", "dynamicTaskNameParam": "which", "inputParameters": { "which": "dyn_target" } } ] }
            """);
        var workflowId = Server.StartWorkflow("dyn_snap");
        await UpdateTaskDefAsync("""{ "name": "dyn_target", "retryCount": 1, "retryDelaySeconds": 0 }""");
        await CompleteAsync(await PollTaskAsync("dyn_gate")); // the dynamic task is scheduled now, with one retry
        await UpdateTaskDefAsync("""{ "name": "dyn_target", "retryCount": 0, "retryDelaySeconds": 0 }""");

        await FailAllAsync(await BatchPollAsync("dyn_target"), expected: 1);

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal(3, workflow.Tasks.Count);
        Assert.Equal(1, workflow.Tasks[2].RetryCount);
    }

    // Real server: ForkJoinDynamicTaskMapper.java#getDynamicForkTasksAndInput gives a forked task without an embedded definition the
    // registration when the fork runs; one that embeds a definition keeps it (DeciderService.java#retry reads it).
    [Fact]
    public async Task A_dynamically_forked_task_takes_the_registration_when_the_fork_runs_or_its_embedded_one()
    {
        Server.RegisterTaskDefs(
            new TaskDef { Name = "fork_gate", RetryCount = 0 },
            new TaskDef { Name = "forked", RetryCount = 0, RetryDelaySeconds = 0 });
        await RegisterWorkflowAsync("""
            { "name": "fork_snap", "tasks": [ { "name": "fork_gate", "taskReferenceName": "gate" },
              { "name": "dyn", "taskReferenceName": "dyn", "type": "FORK_JOIN_DYNAMIC", "dynamicForkTasksParam": "tasks", "dynamicForkTasksInputParamName": "inputs",
                "inputParameters": { "tasks": "${workflow.input.tasks}", "inputs": "${workflow.input.inputs}" } },
              { "name": "join", "taskReferenceName": "join", "type": "JOIN" } ] }
            """);
        var input = JsonNode.Parse("""
            { "tasks": [ { "name": "forked", "taskReferenceName": "plain" },
                         { "name": "forked", "taskReferenceName": "embedding", "taskDefinition": { "name": "forked", "retryCount": 2, "retryDelaySeconds": 0 } } ],
              "inputs": { "plain": {}, "embedding": {} } }
            """)!.AsObject();
        var workflowId = Server.StartWorkflow("fork_snap", input);
        await UpdateTaskDefAsync("""{ "name": "forked", "retryCount": 1, "retryDelaySeconds": 0 }""");
        await CompleteAsync(await PollTaskAsync("fork_gate")); // the fork runs now: "plain" takes one retry
        await UpdateTaskDefAsync("""{ "name": "forked", "retryCount": 0, "retryDelaySeconds": 0 }""");

        await FailAllAsync(await BatchPollAsync("forked", count: 2), expected: 2);

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal(1, workflow.Tasks.Single(task => task.ReferenceTaskName == "plain" && task.Status == TaskExecutionStatus.Scheduled).RetryCount);
        Assert.Equal(1, workflow.Tasks.Single(task => task.ReferenceTaskName == "embedding" && task.Status == TaskExecutionStatus.Scheduled).RetryCount);
        var embedded = workflow.Tasks.First(task => task.ReferenceTaskName == "embedding").TaskDefinition!;
        Assert.Equal(2, embedded.RetryCount);
    }

    // Real server: MetadataMapperService.java#populateWorkflowTaskWithDefinition gives a system step without a registration an ad-hoc
    // definition (retryCount 0, responseTimeoutSeconds 0); DeciderService.java#retry then takes the step's retryCount and the ad-hoc
    // definition's retry delay (60 s).
    [Fact]
    public async Task A_system_step_without_a_registration_retries_by_its_own_retry_count()
    {
        await RegisterWorkflowAsync("""
            { "name": "failing_inline", "tasks": [ { "name": "calc", "taskReferenceName": "calc", "type": "INLINE", "retryCount": 1,
              "inputParameters": { "evaluatorType": "javascript", "expression": "(function () { throw 'boom'; })()" } } ] }
            """);
        var workflowId = Server.StartWorkflow("failing_inline");

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal(2, workflow.Tasks.Count);
        Assert.Equal(0, workflow.Tasks[0].TaskDefinition!.RetryCount);
        Assert.Equal(0, workflow.Tasks[0].TaskDefinition!.ResponseTimeoutSeconds);
        Assert.Equal(60, workflow.Tasks[1].StartDelayInSeconds);

        Clock!.Advance(TimeSpan.FromSeconds(60));
        await EventuallyAsync(() => Server.GetWorkflow(workflowId)!.Status == WorkflowStatus.Failed, "the retry to fail too");
        Assert.Equal(2, Server.GetWorkflow(workflowId)!.Tasks.Count);
    }

    private async Task RegisterWorkflowAsync(string json)
    {
        using var response = await PostAsync("metadata/workflow", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task UpdateTaskDefAsync(string json)
    {
        using var response = await PutAsync("metadata/taskdefs", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task FailAllAsync(JsonArray tasks, int expected)
    {
        Assert.Equal(expected, tasks.Count);
        foreach (var task in tasks)
        {
            using var response = await ReportAsync(task!, "FAILED");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
