using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Conductor.Generated.Testing.Tests.SystemTasks;

/// <summary>
/// The response timeout of system tasks (DeciderService.java#isResponseTimedOut, #timeoutTask):
/// an IN_PROGRESS system task that is not asyncComplete times out after the responseTimeoutSeconds
/// of its run's definition, as a worker task does. In process, with a fake clock.
/// </summary>
public sealed class SystemTaskResponseTimeoutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Start = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static WorkflowDef Human(string workflowName, string extraStepJson = "") => SystemTaskCases.Definition($$"""
        {"name":"{{workflowName}}","tasks":[{"name":"approve","taskReferenceName":"approve","type":"HUMAN"{{extraStepJson}}}]}
        """);

    // DeciderService.java#isResponseTimedOut (IN_PROGRESS, not isAyncCompleteSystemTask, now - updateTime >= responseTimeout) and
    // #timeoutTask: TIMED_OUT with its reason, then #retry finds no retry left and the workflow times out.
    [Fact]
    public async Task A_human_task_times_out_after_the_response_timeout_of_its_definition()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterTaskDefs(new TaskDef { Name = "approve", RetryCount = 0, ResponseTimeoutSeconds = 30 });
        server.RegisterWorkflowDef(Human("human_response"));
        var workflowId = server.StartWorkflow("human_response");

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TaskExecutionStatus.InProgress, server.GetWorkflow(workflowId)!.Tasks[0].Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        var workflow = await server.WaitForWorkflowAsync(workflowId, Patience);
        var task = workflow.Tasks[0];
        Assert.Equal(TaskExecutionStatus.TimedOut, task.Status);
        Assert.Equal($"responseTimeout: 30 exceeded for the taskId: {task.TaskId} with Task Definition: approve", task.ReasonForIncompletion);
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        Assert.Equal($"Task {task.TaskId} failed with status: TIMED_OUT and reason: '{task.ReasonForIncompletion}'", workflow.ReasonForIncompletion);
    }

    // DeciderService.java#timeoutTask sets TIMED_OUT whatever the timeoutPolicy; #retry then retries it per the definition's retryCount.
    [Fact]
    public async Task A_timed_out_human_task_is_retried_per_its_definition()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterTaskDefs(new TaskDef { Name = "approve", RetryCount = 1, RetryDelaySeconds = 0, ResponseTimeoutSeconds = 30, TimeoutPolicy = TaskTimeoutPolicy.AlertOnly });
        server.RegisterWorkflowDef(Human("human_retry"));
        var workflowId = server.StartWorkflow("human_retry");

        clock.Advance(TimeSpan.FromSeconds(30));
        var workflow = server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal(2, workflow.Tasks.Count);
        Assert.Equal(TaskExecutionStatus.TimedOut, workflow.Tasks[0].Status);
        Assert.Equal(TaskExecutionStatus.InProgress, workflow.Tasks[1].Status);
        Assert.Equal(1, workflow.Tasks[1].RetryCount);
        Assert.Equal(workflow.Tasks[0].TaskId, workflow.Tasks[1].RetriedTaskId);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(WorkflowStatus.TimedOut, (await server.WaitForWorkflowAsync(workflowId, Patience)).Status);
    }

    // DeciderService.java#isAyncCompleteSystemTask and WorkflowSystemTask.java#isAsyncComplete: a step's asyncComplete (or an
    // asyncComplete input) exempts the task; MetadataMapperService.java#populateWorkflowTaskWithDefinition: a system step without a
    // registered definition gets the ad-hoc one, with responseTimeoutSeconds 0, which #isResponseTimedOut skips.
    [Theory]
    [InlineData(true, ",\"asyncComplete\":true")]
    [InlineData(true, ",\"inputParameters\":{\"asyncComplete\":true}")]
    [InlineData(false, "")]
    public async Task An_async_complete_human_task_or_one_without_a_definition_does_not_time_out(bool registered, string extraStepJson)
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        if (registered)
        {
            server.RegisterTaskDefs(new TaskDef { Name = "approve", RetryCount = 0, ResponseTimeoutSeconds = 30 });
        }

        server.RegisterWorkflowDef(Human("human_exempt", extraStepJson));
        var workflowId = server.StartWorkflow("human_exempt");

        clock.Advance(TimeSpan.FromHours(2));
        var workflow = server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal(TaskExecutionStatus.InProgress, workflow.Tasks[0].Status);
    }

    // AsyncSystemTaskExecutor.java#execute evaluates a pending WAIT or JOIN again every systemTaskWorkerCallbackDuration, refreshing
    // its updateTime (ExecutionDAOFacade.java#updateTask) and callbackAfterSeconds, which DeciderService.java#isResponseTimedOut adds
    // to the budget: those never run out while the system task workers keep up.
    [Fact]
    public async Task Wait_and_join_tasks_are_not_timed_out_by_their_response_timeout()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterTaskDefs(
            new TaskDef { Name = "hold", RetryCount = 0, ResponseTimeoutSeconds = 10 },
            new TaskDef { Name = "meet", RetryCount = 0, ResponseTimeoutSeconds = 10 });
        server.RegisterWorkflowDef(SystemTaskCases.Definition("""
            {"name":"wait_response","tasks":[
              {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[[{"name":"hold","taskReferenceName":"hold","type":"WAIT"}]]},
              {"name":"meet","taskReferenceName":"meet","type":"JOIN","joinOn":["hold"]}]}
            """));
        var workflowId = server.StartWorkflow("wait_response");

        clock.Advance(TimeSpan.FromHours(2));
        var workflow = server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.All(workflow.Tasks.Where(task => task.TaskType != WorkflowTaskTypes.Fork), task => Assert.Equal(TaskExecutionStatus.InProgress, task.Status));
    }

    // DeciderService.java#decide runs #checkTaskTimeout and then #isResponseTimedOut on the same task: ALERT_ONLY only logs the
    // first (#timeoutTaskWithTimeoutPolicy), so the second still times the task out.
    [Fact]
    public async Task An_alert_only_task_timeout_leaves_the_response_timeout_in_force()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterTaskDefs(new TaskDef { Name = "approve", RetryCount = 0, TimeoutSeconds = 20, ResponseTimeoutSeconds = 20, TimeoutPolicy = TaskTimeoutPolicy.AlertOnly });
        server.RegisterWorkflowDef(Human("human_alert"));
        var workflowId = server.StartWorkflow("human_alert");

        clock.Advance(TimeSpan.FromSeconds(20));
        var workflow = await server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        Assert.StartsWith("responseTimeout: 20 exceeded", workflow.Tasks[0].ReasonForIncompletion, StringComparison.Ordinal);
    }

    // DeciderService.java#checkTaskTimeout applies to system tasks too: timeoutSeconds from the start, with the timeoutPolicy.
    [Fact]
    public async Task The_task_timeout_applies_to_a_human_task()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterTaskDefs(new TaskDef { Name = "approve", RetryCount = 0, TimeoutSeconds = 60, ResponseTimeoutSeconds = 60 });
        server.RegisterWorkflowDef(SystemTaskCases.Definition("""
            {"name":"human_task_timeout","tasks":[{"name":"approve","taskReferenceName":"approve","type":"HUMAN",
              "taskDefinition":{"name":"approve","retryCount":0,"timeoutSeconds":30,"responseTimeoutSeconds":3600}}]}
            """));
        var workflowId = server.StartWorkflow("human_task_timeout");

        clock.Advance(TimeSpan.FromSeconds(30));
        var workflow = await server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        Assert.Equal("Task timed out after 30 seconds. Timeout configured as 30 seconds. Timeout policy configured to TIME_OUT_WF", workflow.Tasks[0].ReasonForIncompletion);
    }

    // DoWhile.java#execute returns false while an iteration runs, so the decider does not update the DO_WHILE task
    // (WorkflowExecutorOps.java#decide) and DeciderService.java#isResponseTimedOut times it out; a DO_WHILE is never retried (#retry,
    // TaskType#isBuiltIn), so the workflow times out.
    [Fact]
    public async Task A_do_while_whose_iteration_outlasts_its_response_timeout_times_out()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterTaskDefs(new TaskDef { Name = "loop_step", RetryCount = 0, ResponseTimeoutSeconds = 3600 });
        server.RegisterWorkflowDef(SystemTaskCases.Definition("""
            {"name":"loop_response","tasks":[{"name":"loop","taskReferenceName":"loop","type":"DO_WHILE",
              "taskDefinition":{"name":"loop","retryCount":0,"responseTimeoutSeconds":40},
              "loopCondition":"false","loopOver":[{"name":"loop_step","taskReferenceName":"loop_step"}]}]}
            """));
        var workflowId = server.StartWorkflow("loop_response");

        clock.Advance(TimeSpan.FromSeconds(40));
        var workflow = await server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.TimedOut, workflow.Status);
        var loop = workflow.Tasks.Single(task => task.TaskType == WorkflowTaskTypes.DoWhile);
        Assert.Equal(TaskExecutionStatus.TimedOut, loop.Status);
        Assert.Equal($"responseTimeout: 40 exceeded for the taskId: {loop.TaskId} with Task Definition: loop", loop.ReasonForIncompletion);
    }
}

/// <summary>The response timeout of a HUMAN task through HTTP: its task updates restart the clock, as a worker's do.</summary>
public sealed class SystemTaskResponseTimeoutHttpTests() : ServerTestBase(useFakeClock: true)
{
    // DeciderService.java#isResponseTimedOut measures from updateTime plus callbackAfterSeconds; an IN_PROGRESS update of the HUMAN task
    // (TaskResource.java#updateTask, WorkflowExecutorOps.java#updateTask) sets both.
    [Fact]
    public async Task An_in_progress_update_restarts_the_response_timeout_of_a_human_task()
    {
        using (var registered = await PostAsync("metadata/taskdefs", """[{"name":"approve","retryCount":0,"responseTimeoutSeconds":30}]"""))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        using (var registered = await PostAsync("metadata/workflow", """{"name":"human_http","tasks":[{"name":"approve","taskReferenceName":"approve","type":"HUMAN"}]}"""))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        using var started = await PostAsync("workflow/human_http", "{}");
        var workflowId = await started.Content.ReadAsStringAsync();
        var taskId = (string)(await GetJsonAsync($"workflow/{workflowId}"))["tasks"]![0]!["taskId"]!;

        Clock!.Advance(TimeSpan.FromSeconds(20));
        using (var update = await PostAsync("tasks", $$"""{"workflowInstanceId":"{{workflowId}}","taskId":"{{taskId}}","status":"IN_PROGRESS","callbackAfterSeconds":15}"""))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        Clock.Advance(TimeSpan.FromSeconds(44)); // 30 + 15 from the update not reached yet
        var task = await GetJsonAsync($"tasks/{taskId}");
        Assert.Equal("IN_PROGRESS", (string)task["status"]!);

        Clock.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => Server.GetWorkflow(workflowId)!.Status == WorkflowStatus.TimedOut, "the HUMAN task to time out");
        var workflow = await GetJsonAsync($"workflow/{workflowId}");
        Assert.Equal("TIMED_OUT", (string)workflow["tasks"]![0]!["status"]!);
        Assert.Equal($"responseTimeout: 30 exceeded for the taskId: {taskId} with Task Definition: approve", (string)workflow["tasks"]![0]!["reasonForIncompletion"]!);
    }
}
