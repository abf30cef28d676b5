using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>
/// The environment on a virtual clock: time skipping while idle, manual control, and no skip while
/// a worker holds a task. Every assertion on time reads the virtual clock or the server's
/// timestamps, never a stopwatch.
/// </summary>
public sealed class TimeSkippingTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly long StartMs = Start.ToUnixTimeMilliseconds();

    [Fact]
    public async Task A_retry_delay_of_an_hour_passes_at_once_by_time_skipping()
    {
        var clock = new VirtualClock(Start);
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Flaky],
            new ConductorTestEnvironmentOptions
            {
                Clock = clock,
                TimeSkipping = true,
                // DeciderService#retry: the retry is queued retryDelaySeconds after the failure.
                ConfigureTaskDef = taskDef => (taskDef.RetryCount, taskDef.RetryDelaySeconds) = (1, 3600),
            });

        var run = await conductor.RunTaskAsync(ConductorWorkers.Flaky, timeout: Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal(2, run.Attempts.Count);
        Assert.Equal(TaskExecutionStatus.Failed, run.Attempts[0].Status);
        // Time stood still while the worker ran, then jumped exactly to the retry's due time.
        Assert.Equal(StartMs, run.Attempts[0].EndTime);
        Assert.Equal(StartMs, run.Attempts[1].ScheduledTime);
        Assert.Equal(StartMs + 3_600_000, run.Attempts[1].StartTime);
        Assert.Equal(StartMs + 3_600_000, run.Task.EndTime);
        Assert.Equal(Start.AddHours(1), conductor.Clock.GetUtcNow());
        Assert.Same(clock, conductor.Clock);
    }

    // WaitTaskMapper#getMappedTasks and Wait#execute: a WAIT of an hour ends when the clock says so;
    // the environment skips to it because nothing else is left to do.
    [Fact]
    public async Task A_one_hour_wait_passes_at_once_by_time_skipping()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions { Clock = new VirtualClock(Start), TimeSkipping = true });
        var definition = WorkflowDefJson.Parse("""
            {"name":"kit_wait_an_hour","tasks":[
              {"name":"pause","taskReferenceName":"pause","type":"WAIT","inputParameters":{"duration":"1 hour"}},
              {"name":"kit_greet","taskReferenceName":"greet","inputParameters":{"name":"${workflow.input.who}"}}]}
            """);

        var run = await conductor.RunWorkflowAsync(definition, new JsonObject { ["who"] = "Ada" }, Generous);

        run.AssertCompleted().AssertPath("pause", "greet");
        Assert.Equal(StartMs + 3_600_000, run.Step("pause").Task.EndTime);
        Assert.Equal(StartMs + 3_600_000, run.Step("greet").Task.StartTime);
        Assert.Equal(Start.AddHours(1), conductor.Clock.GetUtcNow());
    }

    // docs/testing.md, "A branching workflow": the SWITCH takes the express case, whose WAIT of an
    // hour is skipped (SwitchTaskMapper with the value-param evaluator; WaitTaskMapper).
    [Fact]
    public async Task The_branching_workflow_of_the_docs_waits_an_hour_then_ships()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [TaskStub.Returns("ship", new JsonObject { ["trackingId"] = "t-1" }), TaskStub.Returns("notify")],
            new ConductorTestEnvironmentOptions { TimeSkipping = true });
        var definition = WorkflowDefJson.Parse("""
            {"name": "order_flow", "tasks": [
              {"name": "route", "taskReferenceName": "route", "type": "SWITCH", "evaluatorType": "value-param",
               "expression": "kind", "inputParameters": {"kind": "${workflow.input.kind}"},
               "decisionCases": {
                 "express": [
                   {"name": "cool_off", "taskReferenceName": "cool_off", "type": "WAIT", "inputParameters": {"duration": "1 hour"}},
                   {"name": "ship", "taskReferenceName": "ship"}]},
               "defaultCase": [{"name": "notify", "taskReferenceName": "notify"}]}]}
            """);

        var run = await conductor.RunWorkflowAsync(definition, new JsonObject { ["kind"] = "express" }, Generous);

        run.AssertCompleted().AssertPath("route", "cool_off", "ship").AssertNotRan("notify");
        Assert.Equal(run.Step("cool_off").Task.ScheduledTime + 3_600_000, run.Step("cool_off").Task.EndTime);

        var standard = await conductor.RunWorkflowAsync(definition, new JsonObject { ["kind"] = "standard" }, Generous);
        standard.AssertCompleted().AssertPath("route", "notify").AssertNotRan("cool_off", "ship");
    }

    // DeciderService#checkWorkflowTimeout: a workflow's own time limit is a due time to skip to as well.
    [Fact]
    public async Task A_workflow_timeout_is_reached_by_time_skipping()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions { Clock = new VirtualClock(Start), TimeSkipping = true });
        var definition = WorkflowDefJson.Parse("""
            {"name":"kit_human_times_out","timeoutSeconds":7200,"tasks":[
              {"name":"approve","taskReferenceName":"approve","type":"HUMAN"}]}
            """);

        var run = await conductor.RunWorkflowAsync(definition, timeout: Generous);

        run.AssertStatus(WorkflowStatus.TimedOut);
        Assert.Equal(StartMs + 7_200_000, run.Workflow.EndTime);
        Assert.Contains("Timeout configured as 7200 seconds", run.ReasonForIncompletion, StringComparison.Ordinal);
    }

    // DeciderService#isResponseTimedOut: a HUMAN task's response timeout, which no worker holds up, is a due time to skip to,
    // reached before the workflow's own later timeout.
    [Fact]
    public async Task A_human_tasks_response_timeout_is_reached_by_time_skipping()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions { Clock = new VirtualClock(Start), TimeSkipping = true });
        var definition = WorkflowDefJson.Parse("""
            {"name":"kit_human_response","timeoutSeconds":7200,"tasks":[
              {"name":"approve","taskReferenceName":"approve","type":"HUMAN",
               "taskDefinition":{"name":"approve","retryCount":0,"responseTimeoutSeconds":600}}]}
            """);

        var run = await conductor.RunWorkflowAsync(definition, timeout: Generous);

        run.AssertStatus(WorkflowStatus.TimedOut);
        Assert.Equal(StartMs + 600_000, run.Workflow.EndTime);
        Assert.StartsWith("responseTimeout: 600 exceeded", run.Workflow.Tasks[0].ReasonForIncompletion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_of_a_day_passes_at_once_by_time_skipping()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [TaskStub.Run("kit_report", task =>
            {
                if (task.Context.PollCount < 2)
                {
                    task.Context.CallbackAfter(TimeSpan.FromDays(1));   // ExecutionService#updateTask: IN_PROGRESS, back in the queue after callbackAfterSeconds
                    return new JsonObject { ["state"] = "running" };
                }

                return new JsonObject { ["state"] = "done" };
            })],
            new ConductorTestEnvironmentOptions { Clock = new VirtualClock(Start), TimeSkipping = true });

        var run = await conductor.RunTaskAsync("kit_report", timeout: Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal("done", (string?)run.Output["state"]);
        Assert.Equal(2, run.Task.PollCount);
        Assert.Equal(StartMs + 86_400_000, run.Task.EndTime);
        Assert.Equal(Start.AddDays(1), conductor.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Time_skipping_starts_a_virtual_clock_at_the_current_time_when_none_is_given()
    {
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Flaky],
            new ConductorTestEnvironmentOptions { TimeSkipping = true, ConfigureTaskDef = taskDef => (taskDef.RetryCount, taskDef.RetryDelaySeconds) = (1, 7200) });
        var started = conductor.Clock.GetUtcNow();

        var run = await conductor.RunTaskAsync(ConductorWorkers.Flaky, timeout: Generous);

        Assert.IsType<VirtualClock>(conductor.Clock);
        Assert.True(started >= before);
        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal(started.AddHours(2), conductor.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Without_time_skipping_the_test_moves_the_clock_and_sees_each_step()
    {
        var clock = new VirtualClock(Start);
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Flaky],
            new ConductorTestEnvironmentOptions { Clock = clock, ConfigureTaskDef = taskDef => (taskDef.RetryCount, taskDef.RetryDelaySeconds) = (1, 3600) });
        Assert.False(conductor.TimeSkipping);

        var workflowId = conductor.StartWorkflow(new WorkflowDef { Name = "kit_manual_clock", Tasks = [new WorkflowTask { Name = "kit_flaky", TaskReferenceName = "flaky" }] });
        await conductor.WaitUntilIdleAsync(Generous);

        var waiting = conductor.GetWorkflowRun(workflowId);
        Assert.Equal(WorkflowStatus.Running, waiting.Status);
        Assert.Equal([TaskExecutionStatus.Failed, TaskExecutionStatus.Scheduled], waiting.Step("flaky").Attempts.Select(attempt => attempt.Status));
        Assert.Equal(Start, clock.GetUtcNow());

        conductor.AdvanceTime(TimeSpan.FromMinutes(59));
        await conductor.WaitUntilIdleAsync(Generous);
        Assert.Equal(TaskExecutionStatus.Scheduled, conductor.GetWorkflowRun(workflowId).Step("flaky").Status);

        conductor.AdvanceTimeTo(Start.AddHours(1));
        var run = await conductor.WaitForWorkflowAsync(workflowId, Generous);

        run.AssertCompleted();
        Assert.Equal(StartMs + 3_600_000, run.Step("flaky").Task.StartTime);
    }

    [Fact]
    public async Task Time_does_not_move_while_a_worker_holds_a_task()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new VirtualClock(Start);
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [
                ConductorWorkers.Flaky,
                TaskStub.Run("kit_hold", async (_, cancellationToken) =>
                {
                    holding.TrySetResult();
                    await release.Task.WaitAsync(cancellationToken);
                    return new JsonObject { ["held"] = true };
                }),
            ],
            new ConductorTestEnvironmentOptions
            {
                Clock = clock,
                TimeSkipping = true,
                ConfigureTaskDef = taskDef => (taskDef.RetryCount, taskDef.RetryDelaySeconds) = taskDef.Name == "kit_flaky" ? (1, 3600) : (0, 0),
            });

        // One workflow waits an hour for a retry while another's task is with its worker.
        var retrying = conductor.StartWorkflow(new WorkflowDef { Name = "kit_retrying", Tasks = [new WorkflowTask { Name = "kit_flaky", TaskReferenceName = "flaky" }] });
        var held = conductor.StartWorkflow(new WorkflowDef { Name = "kit_held", Tasks = [new WorkflowTask { Name = "kit_hold", TaskReferenceName = "hold" }] });
        await holding.Task.WaitAsync(Generous);
        await WaitUntilAsync(() => conductor.GetWorkflowRun(retrying).Step("flaky").Attempts.Count == 2);   // the retry is queued for an hour later

        var busy = await Assert.ThrowsAsync<TimeoutException>(() => conductor.WaitUntilIdleAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Contains("task hold (kit_hold", busy.Message, StringComparison.Ordinal);
        var stuck = await Assert.ThrowsAsync<TimeoutException>(() => conductor.WaitForWorkflowAsync(retrying, TimeSpan.FromMilliseconds(300)));
        Assert.Contains("busy: task hold (kit_hold", stuck.Message, StringComparison.Ordinal);
        Assert.Equal(Start, clock.GetUtcNow());

        release.SetResult();
        var heldRun = await conductor.WaitForWorkflowAsync(held, Generous);
        var retried = await conductor.WaitForWorkflowAsync(retrying, Generous);

        Assert.Equal(StartMs, heldRun.Step("hold").Task.EndTime);
        retried.AssertCompleted();
        Assert.Equal(StartMs + 3_600_000, retried.Step("flaky").Task.StartTime);
        Assert.Equal(Start.AddHours(1), clock.GetUtcNow());
    }

    [Fact]
    public async Task A_task_in_the_queue_of_a_paused_worker_does_not_hold_time_back()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Flaky, ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions
            {
                Clock = new VirtualClock(Start),
                TimeSkipping = true,
                ConfigureTaskDef = taskDef => (taskDef.RetryCount, taskDef.RetryDelaySeconds) = (1, 600),
                ConfigureWorkerHost = host => host.WorkerSettingsOverrides["kit_greet"] = ConductorWorkers.Greet.Settings with { Paused = true },
            });
        conductor.StartWorkflow(new WorkflowDef { Name = "kit_paused", Tasks = [new WorkflowTask { Name = "kit_greet", TaskReferenceName = "greet", InputParameters = new JsonObject { ["name"] = "Ada" } }] });

        var run = await conductor.RunTaskAsync(ConductorWorkers.Flaky, timeout: Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal(Start.AddMinutes(10), conductor.Clock.GetUtcNow());
    }

    [Fact]
    public async Task An_action_scheduled_on_the_engine_is_skipped_to_like_a_delayed_task()
    {
        // The registry a WAIT task's end or a workflow timeout plugs into: the earliest due time wins.
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [TaskStub.Run("kit_forever", task =>
            {
                task.Context.CallbackAfter(TimeSpan.FromDays(10));
                return null;
            })],
            new ConductorTestEnvironmentOptions { Clock = new VirtualClock(Start), TimeSkipping = true });
        var workflowId = conductor.StartWorkflow(new WorkflowDef { Name = "kit_scheduled", Tasks = [new WorkflowTask { Name = "kit_forever", TaskReferenceName = "forever" }] });
        var engine = conductor.Server.Engine;
        engine.ScheduleAt("test-end:" + workflowId, StartMs + 3_600_000, "the test's end of " + workflowId, () => engine.TerminateWorkflow(workflowId, "an hour passed"));

        var run = await conductor.WaitForWorkflowAsync(workflowId, Generous);

        run.AssertStatus(WorkflowStatus.Terminated);
        Assert.Equal("an hour passed", run.ReasonForIncompletion);
        Assert.Equal(StartMs + 3_600_000, run.Workflow.EndTime);
        Assert.Equal(Start.AddHours(1), conductor.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Work_the_engine_marks_in_flight_holds_time_back_until_it_ends()
    {
        // The hook for work the server does outside a worker (an HTTP task's request).
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Flaky],
            new ConductorTestEnvironmentOptions { Clock = new VirtualClock(Start), TimeSkipping = true, ConfigureTaskDef = taskDef => (taskDef.RetryCount, taskDef.RetryDelaySeconds) = (1, 60) });
        var workflowId = conductor.StartWorkflow(new WorkflowDef { Name = "kit_in_flight", Tasks = [new WorkflowTask { Name = "kit_flaky", TaskReferenceName = "flaky" }] });
        await conductor.WaitUntilIdleAsync(Generous);
        conductor.Server.Engine.BeginWork("http:1", "an HTTP call of task fetch");

        var busy = await Assert.ThrowsAsync<TimeoutException>(() => conductor.WaitForWorkflowAsync(workflowId, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("busy: an HTTP call of task fetch", busy.Message, StringComparison.Ordinal);
        Assert.Equal(Start, conductor.Clock.GetUtcNow());

        conductor.Server.Engine.EndWork("http:1");
        var run = await conductor.WaitForWorkflowAsync(workflowId, Generous);

        run.AssertCompleted();
        Assert.Equal(Start.AddMinutes(1), conductor.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Time_skipping_can_be_turned_off_and_on_while_the_environment_runs()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Flaky],
            new ConductorTestEnvironmentOptions { Clock = new VirtualClock(Start), TimeSkipping = true, ConfigureTaskDef = taskDef => (taskDef.RetryCount, taskDef.RetryDelaySeconds) = (1, 60) });
        conductor.TimeSkipping = false;
        var workflowId = conductor.StartWorkflow(new WorkflowDef { Name = "kit_toggled", Tasks = [new WorkflowTask { Name = "kit_flaky", TaskReferenceName = "flaky" }] });

        await Assert.ThrowsAsync<TimeoutException>(() => conductor.WaitForWorkflowAsync(workflowId, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(Start, conductor.Clock.GetUtcNow());
        conductor.TimeSkipping = true;
        var run = await conductor.WaitForWorkflowAsync(workflowId, Generous);

        run.AssertCompleted();
        Assert.Equal(Start.AddMinutes(1), conductor.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_wait_that_cannot_end_says_so_when_it_times_out()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions
            {
                Clock = new VirtualClock(Start),
                TimeSkipping = true,
                ConfigureWorkerHost = host => host.WorkerSettingsOverrides["kit_greet"] = ConductorWorkers.Greet.Settings with { Paused = true },
            });

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Ada"}""", TimeSpan.FromMilliseconds(200)));

        Assert.Contains("kit_greet#0 SCHEDULED (polled 0x)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("nothing is due, so skipping time cannot help", exception.Message, StringComparison.Ordinal);
        Assert.Equal(Start, conductor.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Clock_settings_that_contradict_each_other_are_refused()
    {
        var twoClocks = await Assert.ThrowsAsync<ArgumentException>(() => ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions { TimeSkipping = true, Server = new ConductorTestServerOptions { TimeProvider = new VirtualClock() } }));
        Assert.Contains("Two clocks", twoClocks.Message, StringComparison.Ordinal);

        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet]);
        var advance = Assert.Throws<InvalidOperationException>(() => conductor.AdvanceTime(TimeSpan.FromMinutes(1)));
        Assert.Contains("system clock", advance.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => conductor.TimeSkipping = true);
        Assert.Same(TimeProvider.System, conductor.Clock);
    }

    /// <summary>Waits for a condition of the server's state (no timing bound: the generous timeout only ends a hung test).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true.");
            await Task.Delay(10);
        }
    }
}
