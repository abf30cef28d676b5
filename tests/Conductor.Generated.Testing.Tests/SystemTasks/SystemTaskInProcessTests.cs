using System.Text.Json.Nodes;
using Conductor.Generated.Testing.Tests.Kit;
using Microsoft.Extensions.Time.Testing;

namespace Conductor.Generated.Testing.Tests.SystemTasks;

/// <summary>Every system task through the in-process API: <see cref="ConductorTestServer"/> and the testing kit.</summary>
public sealed class SystemTaskInProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static TheoryData<string> CaseNames() => SystemTaskHttpTests.CaseNames();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task System_task_runs_in_process(string name)
    {
        var item = SystemTaskCases.All().Single(candidate => candidate.Name == name);
        await using var server = await ConductorTestServer.StartAsync();
        server.RegisterWorkflowDef(SystemTaskCases.Definition(item.DefinitionJson));
        var workflowId = server.StartWorkflow(name, JsonNode.Parse(item.InputJson)!.AsObject());
        var workflow = await server.WaitForWorkflowAsync(workflowId, Patience);
        item.Check(SystemTaskCases.ToJson(workflow));
    }

    [Fact]
    public async Task Sub_workflow_runs_in_process()
    {
        await using var server = await ConductorTestServer.StartAsync();
        server.RegisterWorkflowDef(SystemTaskCases.Definition(SystemTaskCases.ChildJson));
        server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "parent",
            Tasks =
            [
                new WorkflowTask
                {
                    Name = "child",
                    TaskReferenceName = "sub",
                    Type = WorkflowTaskTypes.SubWorkflow,
                    SubWorkflowParam = new SubWorkflowParams { Name = "child", Version = 1 },
                    InputParameters = new JsonObject { ["n"] = "${workflow.input.n}" },
                },
            ],
        });

        var workflow = await server.WaitForWorkflowAsync(server.StartWorkflow("parent", new JsonObject { ["n"] = 4 }), Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var sub = workflow.Tasks.Single();
        Assert.Equal(8, (int)sub.OutputData["doubled"]!);
        var child = server.GetWorkflow(sub.SubWorkflowId!)!;
        Assert.Equal(workflow.WorkflowId, child.ParentWorkflowId);
        Assert.Equal(sub.TaskId, child.ParentWorkflowTaskId);
    }

    // The combined workflow with the generated workers of Kit/KitWorkers.cs serving its SIMPLE tasks.
    [Fact]
    public async Task Switch_fork_loop_and_sub_workflow_run_with_generated_workers()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.LogAndSum, ConductorWorkers.Greet]);
        conductor.Server.RegisterWorkflowDef(SystemTaskCases.Definition(SystemTaskCases.ChildJson));
        var workflow = await conductor.RunWorkflowAsync(
            SystemTaskCases.Definition(SystemTaskCases.CombinedJson),
            new JsonObject { ["mode"] = "full", ["n"] = 21, ["who"] = "ada" },
            Patience);
        SystemTaskCases.CheckCombined(SystemTaskCases.ToJson(workflow.Workflow));

        // The kit's view of the same run: the path through the loop's iterations, not the default case.
        workflow.AssertCompleted().AssertRan("sum__1", "sum__2", "greet").AssertNotRan("skipped");
    }

    // DynamicTaskMapper#getMappedTasks with a generated worker serving the task the input names.
    [Fact]
    public async Task Dynamic_runs_a_generated_worker()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet]);
        var workflow = await conductor.RunWorkflowAsync(
            SystemTaskCases.Definition("""
                {"name":"dynamic_kit","tasks":[
                  {"name":"dyn","taskReferenceName":"dyn","type":"DYNAMIC","dynamicTaskNameParam":"task","inputParameters":{"task":"kit_greet","name":"${workflow.input.who}"}}]}
                """),
            new JsonObject { ["who"] = "grace" },
            Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal("kit_greet", workflow.Workflow.Tasks[0].TaskType);
        Assert.Equal("Hello grace!", (string?)workflow.Output["message"]);
    }

    // HttpTask#start in process: the server calls its own API.
    [Fact]
    public async Task Http_runs_in_process()
    {
        await using var server = await ConductorTestServer.StartAsync();
        server.RegisterWorkflowDef(SystemTaskCases.Definition("""
            {"name":"http_in_process","tasks":[
              {"name":"call","taskReferenceName":"call","type":"HTTP","inputParameters":{"uri":"API/metadata/workflow/http_in_process","method":"GET","headers":{"X-Test":"1"}}}]}
            """.Replace("API/", server.ApiUrl.AbsoluteUri, StringComparison.Ordinal)));
        var workflow = await server.WaitForWorkflowAsync(server.StartWorkflow("http_in_process"), Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var response = workflow.Tasks[0].OutputData["response"]!;
        Assert.Equal(200, (int)response["statusCode"]!);
        Assert.Equal("http_in_process", (string?)response["body"]!["name"]);
    }

    // The same workflow takes the default case of its SWITCH with another input.
    [Fact]
    public async Task The_combined_workflow_takes_the_default_case()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.LogAndSum, ConductorWorkers.Greet]);
        conductor.Server.RegisterWorkflowDef(SystemTaskCases.Definition(SystemTaskCases.ChildJson));
        var workflow = await conductor.RunWorkflowAsync(SystemTaskCases.Definition(SystemTaskCases.CombinedJson), new JsonObject { ["mode"] = "quick", ["who"] = "alan" }, Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(["route", "skipped", "greet"], workflow.Workflow.Tasks.Select(task => task.ReferenceTaskName));
        Assert.Equal("Hello alan!", (string?)workflow.Output["greeting"]);
    }

    // WaitTaskMapper#setCallbackAfter and Wait#execute: a one-hour WAIT ends when the (fake) clock says an hour has passed.
    [Fact]
    public async Task A_one_hour_wait_completes_when_the_clock_moves_on()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterWorkflowDef(SystemTaskCases.Definition("""
            {"name":"wait_an_hour","tasks":[
              {"name":"pause","taskReferenceName":"pause","type":"WAIT","inputParameters":{"duration":"1 hour"}},
              {"name":"after","taskReferenceName":"after","type":"NOOP"}]}
            """));
        var workflowId = server.StartWorkflow("wait_an_hour");

        var waiting = server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, waiting.Status);
        Assert.Equal(TaskExecutionStatus.InProgress, waiting.Tasks[0].Status);
        Assert.Equal(3600, waiting.Tasks[0].CallbackAfterSeconds);

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(WorkflowStatus.Running, server.GetWorkflow(workflowId)!.Status);

        clock.Advance(TimeSpan.FromMinutes(1));
        var workflow = await server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(["pause", "after"], workflow.Tasks.Select(task => task.ReferenceTaskName));
    }

    // WaitTaskMapper#setCallbackAfter (until): the time of day in UTC; callbackAfterSeconds counts down to it.
    [Fact]
    public async Task A_wait_until_completes_at_that_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterWorkflowDef(SystemTaskCases.Definition("""
            {"name":"wait_until","tasks":[{"name":"pause","taskReferenceName":"pause","type":"WAIT","inputParameters":{"until":"2026-12-06 10:00 UTC"}}]}
            """));
        var workflowId = server.StartWorkflow("wait_until");
        Assert.Equal(3600, server.GetWorkflow(workflowId)!.Tasks[0].CallbackAfterSeconds);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(WorkflowStatus.Completed, (await server.WaitForWorkflowAsync(workflowId, Patience)).Status);
    }

    // DeciderService#checkWorkflowTimeout: TIME_OUT_WF ends the run TIMED_OUT with the real reason; ALERT_ONLY lets it run.
    [Theory]
    [InlineData("TIME_OUT_WF", WorkflowStatus.TimedOut)]
    [InlineData("ALERT_ONLY", WorkflowStatus.Running)]
    public async Task Workflow_timeout_follows_its_policy(string policy, WorkflowStatus expected)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterWorkflowDef(SystemTaskCases.Definition($$"""
            {"name":"slow","timeoutSeconds":60,"timeoutPolicy":"{{policy}}","tasks":[{"name":"hold","taskReferenceName":"hold","type":"HUMAN"}]}
            """));
        var workflowId = server.StartWorkflow("slow");

        clock.Advance(TimeSpan.FromSeconds(61));
        var workflow = server.GetWorkflow(workflowId)!;
        Assert.Equal(expected, workflow.Status);
        if (expected == WorkflowStatus.TimedOut)
        {
            Assert.Equal("Workflow timed out after 61 seconds. Timeout configured as 60 seconds. Timeout policy configured to TIME_OUT_WF", workflow.ReasonForIncompletion);
            Assert.Equal(TaskExecutionStatus.Canceled, workflow.Tasks[0].Status);
        }
    }

    // SimpleTaskMapper: a worker task's startDelay keeps it out of the queue until it has passed.
    [Fact]
    public async Task Start_delay_holds_a_task_back()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        await using var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { TimeProvider = clock });
        server.RegisterTaskDefs(new TaskDef { Name = "later" });
        server.RegisterWorkflowDef(SystemTaskCases.Definition("""
            {"name":"delayed","tasks":[
              {"name":"wait_a_bit","taskReferenceName":"wait_a_bit","type":"NOOP","startDelay":20},
              {"name":"later","taskReferenceName":"later","startDelay":30}]}
            """));
        var workflowId = server.StartWorkflow("delayed");
        Assert.Equal(TaskExecutionStatus.Scheduled, server.GetWorkflow(workflowId)!.Tasks[0].Status);

        clock.Advance(TimeSpan.FromSeconds(20));
        var workflow = server.GetWorkflow(workflowId)!;
        Assert.Equal(TaskExecutionStatus.Completed, workflow.Tasks[0].Status);
        Assert.Equal(30, workflow.Tasks[1].StartDelayInSeconds);
        Assert.Equal(1, server.GetQueueSize("later"));

        using var http = new HttpClient { BaseAddress = server.ApiUrl };
        Assert.Equal("[]", await http.GetStringAsync("tasks/poll/batch/later?count=1&timeout=0"));
        clock.Advance(TimeSpan.FromSeconds(30));
        var polled = JsonNode.Parse(await http.GetStringAsync("tasks/poll/batch/later?count=1&timeout=0"))!.AsArray();
        Assert.Single(polled);
    }

    // A runaway script fails its task (and, not optional, the workflow) with a clear reason; the server goes on.
    [Fact]
    public async Task A_runaway_script_fails_its_task()
    {
        await using var server = await ConductorTestServer.StartAsync();
        server.RegisterWorkflowDef(SystemTaskCases.Definition("""
            {"name":"runaway","tasks":[{"name":"spin","taskReferenceName":"spin","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"while (true) {}"}}]}
            """));
        var workflow = await server.WaitForWorkflowAsync(server.StartWorkflow("runaway"), Patience);
        Assert.Equal(WorkflowStatus.Failed, workflow.Status);
        Assert.StartsWith("the script ran ", workflow.Tasks[0].ReasonForIncompletion);
    }
}
