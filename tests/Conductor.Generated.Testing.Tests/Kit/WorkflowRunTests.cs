using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>
/// Workflows through the kit: a definition file, generated workers with stubs beside them, and
/// assertions on the path taken, which pass when it was taken and fail with a message that shows
/// what ran instead.
/// </summary>
public sealed class WorkflowRunTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly string OrderFile = Path.Combine(AppContext.BaseDirectory, "Kit", "Workflows", "kit_order.json");
    private static readonly JsonObject OrderInput = new() { ["price"] = 40, ["shipping"] = 2, ["customer"] = "Ada" };

    [Fact]
    public async Task A_definition_file_runs_with_generated_workers_and_a_stub_and_the_path_is_asserted()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
        [
            ConductorWorkers.LogAndSum,
            ConductorWorkers.Greet,
            TaskStub.Run("kit_ship", task => new JsonObject { ["trackingId"] = $"t-{task.Input["total"]}-{task.Input["customer"]}" }),
        ]);

        var run = await conductor.RunWorkflowAsync(WorkflowDefJson.Load(OrderFile), OrderInput.DeepClone().AsObject(), Generous);

        run.AssertCompleted()
            .AssertPath("total", "greet", "ship")
            .AssertRan("total", "ship")
            .AssertNotRan("refund");
        Assert.Equal(["total", "greet", "ship"], run.Path);
        Assert.Equal("t-42-Ada", (string?)run.Output["trackingId"]);
        Assert.Equal("Hello Ada!", (string?)run.Output["message"]);

        var ship = run.Step("ship");
        Assert.Equal(42, (int?)ship.Input["total"]);
        Assert.Equal("t-42-Ada", (string?)ship.Output["trackingId"]);
        Assert.Single(ship.Attempts);
        Assert.Equal("kit_ship", ship.Task.TaskType);
        Assert.Equal(["adding 40 and 2", $"task {run.Step("total").Task.TaskId} of workflow {run.WorkflowId}, attempt 0"], run.Step("total").Logs);
        Assert.True(run.HasRun("greet"));
        Assert.False(run.HasRun("refund"));
    }

    [Fact]
    public async Task Path_assertions_that_do_not_hold_say_what_ran_instead()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.LogAndSum, ConductorWorkers.Greet, TaskStub.Returns("kit_ship", new JsonObject { ["trackingId"] = "t-1" })]);
        var run = await conductor.RunWorkflowAsync(WorkflowDefJson.Load(OrderFile), OrderInput.DeepClone().AsObject(), Generous);

        var notRun = Assert.Throws<WorkflowAssertionException>(() => run.AssertRan("total", "charge"));
        Assert.Equal("expected charge to run after total, but it did not run; ran: total, greet, ship", notRun.Message);

        var outOfOrder = Assert.Throws<WorkflowAssertionException>(() => run.AssertRan("ship", "greet"));
        Assert.Equal("expected greet to run after ship; ran: total, greet, ship", outOfOrder.Message);

        var wrongPath = Assert.Throws<WorkflowAssertionException>(() => run.AssertPath("total", "ship"));
        Assert.Equal("expected ship to run after total, but greet ran; ran: total, greet, ship", wrongPath.Message);

        var shortPath = Assert.Throws<WorkflowAssertionException>(() => run.AssertPath("total", "greet", "ship", "notify"));
        Assert.Equal("expected notify to run after ship, but the path ended there; ran: total, greet, ship", shortPath.Message);

        var longPath = Assert.Throws<WorkflowAssertionException>(() => run.AssertPath("total", "greet"));
        Assert.Equal("expected the path to end after greet, but ship ran next; ran: total, greet, ship", longPath.Message);

        var ran = Assert.Throws<WorkflowAssertionException>(() => run.AssertNotRan("greet"));
        Assert.Equal("expected greet not to run, but it ran (1 attempt(s), last COMPLETED); ran: total, greet, ship", ran.Message);

        var status = Assert.Throws<WorkflowAssertionException>(() => run.AssertStatus(WorkflowStatus.Failed));
        Assert.StartsWith("expected workflow kit_order (", status.Message, StringComparison.Ordinal);
        Assert.EndsWith(") to be FAILED, but it is COMPLETED; ran: total, greet, ship", status.Message, StringComparison.Ordinal);

        var noStep = Assert.Throws<WorkflowAssertionException>(() => run.Step("shipping"));
        Assert.Equal("expected a step shipping, but the workflow scheduled none; ran: total, greet, ship", noStep.Message);
        Assert.Equal("kit_order COMPLETED; ran: total, greet, ship", run.ToString());
    }

    [Fact]
    public async Task A_stub_that_fails_the_first_times_is_retried_and_each_attempt_is_kept()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.LogAndSum, ConductorWorkers.Greet, TaskStub.FailsFirst("kit_ship", times: 2, new JsonObject { ["trackingId"] = "t-3" }, "carrier unavailable")],
            new ConductorTestEnvironmentOptions { ConfigureTaskDef = taskDef => taskDef.RetryCount = taskDef.Name == "kit_ship" ? 2 : 0 });

        var run = await conductor.RunWorkflowAsync(WorkflowDefJson.Load(OrderFile), OrderInput.DeepClone().AsObject(), Generous);

        run.AssertCompleted().AssertPath("total", "greet", "ship");
        var ship = run.Step("ship");
        Assert.Equal(
            [TaskExecutionStatus.Failed, TaskExecutionStatus.Failed, TaskExecutionStatus.Completed],
            ship.Attempts.Select(attempt => attempt.Status));
        Assert.Equal([0, 1, 2], ship.Attempts.Select(attempt => attempt.RetryCount));
        Assert.Equal("carrier unavailable", ship.Attempts[0].ReasonForIncompletion);
        Assert.Equal("t-3", (string?)run.Output["trackingId"]);
    }

    [Fact]
    public async Task A_stub_failing_for_good_fails_the_workflow_and_the_steps_after_it_do_not_run()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.LogAndSum, TaskStub.Fails("kit_greet", "no greeting today", terminal: true), TaskStub.Returns("kit_ship")]);

        var run = await conductor.RunWorkflowAsync(WorkflowDefJson.Load(OrderFile), OrderInput.DeepClone().AsObject(), Generous);

        run.AssertStatus(WorkflowStatus.Failed).AssertPath("total", "greet").AssertNotRan("ship");
        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, run.Step("greet").Status);
        Assert.Equal("no greeting today", run.Step("greet").ReasonForIncompletion);
        var completed = Assert.Throws<WorkflowAssertionException>(() => run.AssertCompleted());
        Assert.Contains("to be COMPLETED, but it is FAILED (", completed.Message, StringComparison.Ordinal);
        Assert.Contains("no greeting today", completed.Message, StringComparison.Ordinal);
        Assert.EndsWith("; ran: total, greet", completed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stub_sees_the_input_and_the_attempt_and_its_exception_fails_the_attempt()
    {
        var seen = new List<string>();
        await using var conductor = await ConductorTestEnvironment.StartAsync(
        [
            TaskStub.Run("kit_price", task =>
            {
                lock (seen)
                {
                    seen.Add($"{task.ReferenceTaskName}#{task.RetryCount} qty={task.Input["qty"]} wf={task.WorkflowInstanceId == task.Context.WorkflowInstanceId} it={task.Iteration}");
                }

                return task.RetryCount == 0
                    ? throw new InvalidOperationException("price list not loaded")
                    : new JsonObject { ["total"] = (int)task.Input["qty"]! * 3 };
            }),
            TaskStub.ReturnsJson("kit_ack", """{"ok":true}"""),
        ],
        new ConductorTestEnvironmentOptions { ConfigureTaskDef = taskDef => taskDef.RetryCount = 1 });

        var run = await conductor.RunWorkflowAsync(
            new WorkflowDef
            {
                Name = "kit_priced",
                Tasks =
                [
                    new WorkflowTask { Name = "kit_price", TaskReferenceName = "price", InputParameters = new JsonObject { ["qty"] = "${workflow.input.qty}" } },
                    new WorkflowTask { Name = "kit_ack", TaskReferenceName = "ack" },
                ],
            },
            new JsonObject { ["qty"] = 5 },
            Generous);

        run.AssertCompleted().AssertPath("price", "ack");
        Assert.Equal(["price#0 qty=5 wf=True it=0", "price#1 qty=5 wf=True it=0"], seen);
        Assert.Equal(15, (int?)run.Step("price").Output["total"]);
        Assert.Equal("price list not loaded", run.Step("price").Attempts[0].ReasonForIncompletion);
        Assert.True((bool)run.Step("ack").Output["ok"]!);
    }

    [Fact]
    public async Task Steps_of_a_sub_workflow_follow_the_step_that_started_it_behind_its_name()
    {
        // Until the server runs SUB_WORKFLOW, a stub starts the child and names it in its output as
        // the real task does (SubWorkflow#start; TaskModel#getSubWorkflowId reads outputData).
        ConductorTestEnvironment? environment = null;
        var child = new WorkflowDef
        {
            Name = "kit_child",
            Tasks =
            [
                new WorkflowTask { Name = "kit_log_and_sum", TaskReferenceName = "total", InputParameters = new JsonObject { ["a"] = 1, ["b"] = 2 } },
                new WorkflowTask { Name = "kit_greet", TaskReferenceName = "greet", InputParameters = new JsonObject { ["name"] = "child" } },
            ],
        };
        await using var conductor = environment = await ConductorTestEnvironment.StartAsync(
        [
            ConductorWorkers.LogAndSum,
            ConductorWorkers.Greet,
            TaskStub.Run("kit_start_child", async (_, cancellationToken) =>
            {
                var childId = environment!.StartWorkflow(child);
                await environment.WaitForWorkflowAsync(childId, Generous, cancellationToken);
                return new JsonObject { ["subWorkflowId"] = childId };
            }),
        ]);

        var run = await conductor.RunWorkflowAsync(
            new WorkflowDef
            {
                Name = "kit_parent",
                Tasks =
                [
                    new WorkflowTask { Name = "kit_start_child", TaskReferenceName = "payment" },
                    new WorkflowTask { Name = "kit_greet", TaskReferenceName = "greet", InputParameters = new JsonObject { ["name"] = "parent" } },
                ],
            },
            timeout: Generous);

        run.AssertCompleted()
            .AssertPath("payment", "payment/total", "payment/greet", "greet")
            .AssertRan("payment/greet", "greet");
        Assert.Equal("Hello child!", (string?)run.Step("payment/greet").Output["message"]);
        Assert.Equal("kit_child", run.Step("payment/greet").Workflow.WorkflowName);
        Assert.Equal("greet", run.Step("payment/greet").Task.ReferenceTaskName);
        var missing = Assert.Throws<WorkflowAssertionException>(() => run.AssertRan("payment/ship"));
        Assert.Equal("expected payment/ship to run, but it did not run; ran: payment, payment/total, payment/greet, greet", missing.Message);
        var similar = Assert.Throws<WorkflowAssertionException>(() => run.Step("total"));
        Assert.Contains("(steps of a similar name: payment/total)", similar.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_started_workflow_is_read_before_and_after_its_end()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet]);
        conductor.Server.RegisterWorkflowDef(WorkflowDefJson.Parse("""
            {"name":"kit_hello","tasks":[{"name":"kit_greet","taskReferenceName":"hello","inputParameters":{"name":"${workflow.input.name}"}}]}
            """));

        var workflowId = conductor.StartWorkflow("kit_hello", new JsonObject { ["name"] = "Grace" }, correlationId: "c-1");
        var snapshot = conductor.GetWorkflowRun(workflowId);
        var run = await conductor.WaitForWorkflowAsync(workflowId, Generous);

        Assert.Equal(workflowId, snapshot.WorkflowId);
        Assert.Equal(["hello"], snapshot.Steps.Select(step => step.ReferenceName));
        run.AssertCompleted().AssertPath("hello");
        Assert.Equal("c-1", run.CorrelationId);
        Assert.Equal("Hello Grace!", (string?)run.Output["message"]);
    }

    [Fact]
    public async Task A_workflow_with_a_task_no_worker_polls_for_is_refused_before_it_starts()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.LogAndSum, ConductorWorkers.Greet]);

        var exception = Assert.Throws<ArgumentException>(() => conductor.StartWorkflow(WorkflowDefJson.Load(OrderFile), OrderInput.DeepClone().AsObject()));

        Assert.Contains("kit_ship (as ship)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TaskStub.Returns(\"kit_ship\"", exception.Message, StringComparison.Ordinal);
        Assert.Null(conductor.Server.Engine.FindWorkflowDef("kit_order", null));
    }

    [Fact]
    public void Definition_files_that_are_not_one_definition_are_refused_with_the_reason()
    {
        var directory = Directory.CreateTempSubdirectory("kit-defs-");
        try
        {
            var list = Path.Combine(directory.FullName, "two.json");
            File.WriteAllText(list, """[{"name":"a","tasks":[]},{"name":"b","tasks":[]}]""");
            var broken = Path.Combine(directory.FullName, "broken.json");
            File.WriteAllText(broken, """{"name": "a", "tasks": [""");

            Assert.Contains("holds a list of 2 workflow definitions; read it with LoadAll", Assert.Throws<ArgumentException>(() => WorkflowDefJson.Load(list)).Message, StringComparison.Ordinal);
            Assert.Equal(["a", "b"], WorkflowDefJson.LoadAll(list).Select(definition => definition.Name));
            var invalid = Assert.Throws<ArgumentException>(() => WorkflowDefJson.Load(broken));
            Assert.StartsWith(broken + ": Not a valid workflow definition", invalid.Message, StringComparison.Ordinal);
            Assert.Contains("has no name", Assert.Throws<ArgumentException>(() => WorkflowDefJson.Parse("""{"tasks":[]}""")).Message, StringComparison.Ordinal);
            Assert.Contains("got a JSON string", Assert.Throws<ArgumentException>(() => WorkflowDefJson.Parse("\"order\"")).Message, StringComparison.Ordinal);
            Assert.Throws<FileNotFoundException>(() => WorkflowDefJson.Load(Path.Combine(directory.FullName, "missing.json")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_definition_read_from_json_keeps_what_the_model_does_not_name_and_writes_it_back()
    {
        var definition = WorkflowDefJson.Load(OrderFile);

        Assert.Equal("kit_order", definition.Name);
        Assert.Equal(["total", "greet", "ship"], definition.Tasks!.Select(task => task.TaskReferenceName));
        Assert.Equal("${total.output.sum}", (string?)definition.Tasks![2].InputParameters!["total"]);
        var written = JsonNode.Parse(WorkflowDefJson.Serialize(definition))!;
        Assert.Equal("kit@example.com", (string?)written["ownerEmail"]);
        Assert.Equal("SIMPLE", (string?)written["tasks"]![0]!["type"]);
    }
}
