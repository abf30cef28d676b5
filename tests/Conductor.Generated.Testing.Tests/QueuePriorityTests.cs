using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Conductor.Generated.Testing.Tests;

/// <summary>
/// A workflow's priority orders its tasks in their queues as the real server's default queue does:
/// WorkflowExecutorOps.java#addTaskToQueue pushes each task with TaskModel#getWorkflowPriority,
/// and SqliteQueueDAO.java#popMessages (conductor.queue.type=sqlite in its application.properties)
/// hands due tasks out <c>ORDER BY priority DESC, deliver_on, created_on</c>. Through HTTP.
/// </summary>
public sealed class QueuePriorityTests() : ServerTestBase(useFakeClock: true)
{
    private async Task<string> StartAsync(string workflowName, int priority, bool byBody = false)
    {
        using var started = byBody
            ? await PostAsync("workflow", $$"""{"name":"{{workflowName}}","priority":{{priority}},"input":{ } }""")
            : await PostAsync($"workflow/{workflowName}?priority={priority}", "{}");
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        return await started.Content.ReadAsStringAsync();
    }

    private static List<string> WorkflowIds(JsonArray tasks) => [.. tasks.Select(task => (string)task!["workflowInstanceId"]!)];

    // SqliteQueueDAO.java#popMessages (and MySQLQueueDAO.java#popMessages): among due tasks the highest priority first, and within one
    // priority first due, first out; ExecutionService.java#poll hands them out in the order the queue pops them.
    [Fact]
    public async Task A_batch_poll_hands_out_the_tasks_of_higher_priority_workflows_first()
    {
        RegisterSequence("prio_flow", "prio_task");
        var low = await StartAsync("prio_flow", 0);
        var highest = await StartAsync("prio_flow", 5);
        var higher = await StartAsync("prio_flow", 1, byBody: true);
        var lowAgain = await StartAsync("prio_flow", 0, byBody: true);

        var tasks = await BatchPollAsync("prio_task", count: 4);

        Assert.Equal([highest, higher, low, lowAgain], WorkflowIds(tasks));
        Assert.Equal([5, 1, 0, 0], tasks.Select(task => (int)task!["workflowPriority"]!));
    }

    // SqliteQueueDAO.java#popMessages orders by priority before deliver_on: a task that became due later overtakes due tasks of a
    // lower priority, also on the single-task poll (TaskResource.java#poll, ExecutionService.java#poll with count 1).
    [Fact]
    public async Task A_higher_priority_task_overtakes_tasks_that_waited_longer()
    {
        RegisterSequence("prio_wait", "prio_wait_task");
        var early = await StartAsync("prio_wait", 0);
        Clock!.Advance(TimeSpan.FromSeconds(10));
        var late = await StartAsync("prio_wait", 3);

        using var single = await Http.GetAsync("tasks/poll/prio_wait_task?workerid=w");
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(late, (string)(await ReadJsonAsync(single))["workflowInstanceId"]!);
        Assert.Equal([early], WorkflowIds(await BatchPollAsync("prio_wait_task", count: 2)));
    }

    // SqliteQueueDAO.java#popMessages takes only tasks whose deliver_on has passed: a higher-priority task held back by its step's
    // startDelay (WorkflowExecutorOps.java#addTaskToQueue pushes it with the delay) waits for it.
    [Fact]
    public async Task Priority_does_not_hand_out_a_task_before_it_is_due()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "prio_due", RetryDelaySeconds = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "prio_delayed", Tasks = [new WorkflowTask { Name = "prio_due", TaskReferenceName = "d", StartDelay = 30 }] });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "prio_now", Tasks = [new WorkflowTask { Name = "prio_due", TaskReferenceName = "n" }] });
        var delayed = await StartAsync("prio_delayed", 9);
        var now = await StartAsync("prio_now", 0);

        Assert.Equal([now], WorkflowIds(await BatchPollAsync("prio_due", count: 2)));
        Clock!.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([delayed], WorkflowIds(await BatchPollAsync("prio_due", count: 2)));
    }

    // StartWorkflowRequest.java#priority (@Min(0), @Max(99)), checked by WorkflowService.java#startWorkflow's @Valid for POST /workflow and
    // for WorkflowResource.java#executeWorkflow, which starts through it; WorkflowService.java#startWorkflow(name, version, correlationId,
    // priority, input) checks @Min(0), @Max(99) on the query's priority; ValidationExceptionMapper.java answers 400.
    [Theory]
    [InlineData("workflow", """{"name":"prio_range","priority":100}""", "startWorkflow.arg0.priority", "priority: 100 should be maximum 99")]
    [InlineData("workflow", """{"name":"prio_range","priority":-1}""", "startWorkflow.arg0.priority", "priority: -1 should be minimum 0")]
    [InlineData("workflow/execute/prio_range/1", """{"priority":100}""", "startWorkflow.arg0.priority", "priority: 100 should be maximum 99")]
    [InlineData("workflow/prio_range?priority=100", "{}", "startWorkflow.arg3", "99 is the maximum priority value")]
    [InlineData("workflow/prio_range?priority=-1", "{}", "startWorkflow.arg3", "0 is the minimum priority value")]
    public async Task A_priority_outside_0_to_99_is_refused(string path, string body, string errorPath, string message)
    {
        RegisterSequence("prio_range", "prio_range_task");

        using var response = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadJsonAsync(response);
        AssertError(error, 400, "Validation failed, check below errors for detail.");
        var validation = Assert.Single(error["validationErrors"]!.AsArray());
        Assert.Equal(errorPath, (string?)validation!["path"]);
        Assert.Equal(message, (string?)validation["message"]);
        Assert.Equal(0, Server.GetQueueSize("prio_range_task"));
    }

    // WorkflowExecutorOps.java#updateTask pushes an IN_PROGRESS task back with TaskModel#getWorkflowPriority after its
    // callbackAfterSeconds, so it keeps its place ahead of lower priorities.
    [Fact]
    public async Task A_task_put_back_after_its_callback_keeps_its_priority()
    {
        RegisterSequence("prio_callback", "prio_cb_task");
        var high = await StartAsync("prio_callback", 2);
        var first = await PollTaskAsync("prio_cb_task");
        Assert.Equal(high, (string)first["workflowInstanceId"]!);
        using (var later = await ReportAsync(first, "IN_PROGRESS", extraJson: "\"callbackAfterSeconds\": 5"))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        }

        var low = await StartAsync("prio_callback", 0);
        Clock!.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([high, low], WorkflowIds(await BatchPollAsync("prio_cb_task", count: 2)));
    }
}

/// <summary>The same order in process, on the engine the test server and the testing kit share.</summary>
public sealed class QueuePriorityEngineTests
{
    // SqliteQueueDAO.java#popMessages: ORDER BY priority DESC, deliver_on, created_on.
    [Fact]
    public void The_engine_polls_by_priority_then_first_due_first_out()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        using var engine = new ConductorEngine(clock, NullLogger.Instance);
        engine.UpsertWorkflowDefs([new WorkflowDef { Name = "prio", Tasks = [new WorkflowTask { Name = "prio_step", TaskReferenceName = "s" }] }]);
        var definition = engine.FindWorkflowDef("prio", null)!;
        var started = new[] { 0, 7, 0, 2, 7 }
            .Select(priority =>
            {
                var workflowId = engine.StartWorkflow(definition, input: null, correlationId: null, priority, taskToDomain: null);
                clock.Advance(TimeSpan.FromMilliseconds(1));
                return workflowId;
            })
            .ToList();

        var polled = engine.PollNow("prio_step", "w", domain: null, count: 5);

        Assert.Equal([started[1], started[4], started[3], started[0], started[2]], polled.Select(task => task.WorkflowInstanceId));
    }
}
