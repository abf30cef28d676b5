using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

public sealed class WorkflowExecutionTests : ServerTestBase
{
    private const string ThreeStepWorkflow = """
        {
          "name": "greeting",
          "version": 1,
          "tasks": [
            { "name": "lookup", "taskReferenceName": "lookup_ref", "type": "SIMPLE",
              "inputParameters": { "user": "${workflow.input.user}", "all": "${workflow.input}" } },
            { "name": "compose", "taskReferenceName": "compose_ref",
              "inputParameters": {
                "city": "${lookup_ref.output.address.city}",
                "line": "Hello ${lookup_ref.output.name} from ${lookup_ref.output.address.city}!",
                "nested": { "list": [ "${workflow.input.user}", 42, "${lookup_ref.output.missing}" ] },
                "missing": "${lookup_ref.output.nothing.here}",
                "firstTag": "${lookup_ref.output.tags[0]}"
              } },
            { "name": "deliver", "taskReferenceName": "deliver_ref",
              "inputParameters": { "message": "${compose_ref.output.text}" } }
          ],
          "outputParameters": {
            "delivered": "${deliver_ref.output.ok}",
            "text": "${compose_ref.output.text}",
            "who": "${workflow.input.user}"
          }
        }
        """;

    // Real server: ParametersUtils.java#getTaskInputV2 and #replace; DeciderService.java#updateWorkflowOutput (outputParameters).
    [Fact]
    public async Task Three_task_workflow_resolves_expressions_and_completes_with_its_output_parameters()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("metadata/workflow", ThreeStepWorkflow)).StatusCode);
        using var start = await PostAsync("workflow/greeting", """{ "user": "ada" }""");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("text/plain", start.Content.Headers.ContentType?.MediaType);
        var workflowId = await start.Content.ReadAsStringAsync();

        var lookup = await PollTaskAsync("lookup");
        Assert.Equal("ada", (string?)lookup["inputData"]!["user"]);
        Assert.Equal("""{"user":"ada"}""", lookup["inputData"]!["all"]!.ToJsonString());
        await CompleteAsync(lookup, """{ "name": "Ada", "address": { "city": "London" }, "tags": ["math", "engines"] }""");

        var compose = await PollTaskAsync("compose");
        var input = compose["inputData"]!;
        Assert.Equal("London", (string?)input["city"]);
        Assert.Equal("Hello Ada from London!", (string?)input["line"]);
        Assert.Equal("""["ada",42,null]""", input["nested"]!["list"]!.ToJsonString());
        Assert.True(input.AsObject().ContainsKey("missing"));
        Assert.Null(input["missing"]);
        Assert.Equal("math", (string?)input["firstTag"]);
        await CompleteAsync(compose, """{ "text": "Hello Ada from London!" }""");

        var deliver = await PollTaskAsync("deliver");
        Assert.Equal("Hello Ada from London!", (string?)deliver["inputData"]!["message"]);
        await CompleteAsync(deliver, """{ "ok": true }""");

        var workflow = await GetJsonAsync($"workflow/{workflowId}?includeTasks=true");
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal("""{"delivered":true,"text":"Hello Ada from London!","who":"ada"}""", workflow["output"]!.ToJsonString());
        Assert.Equal(["lookup_ref", "compose_ref", "deliver_ref"], workflow["tasks"]!.AsArray().Select(task => (string?)task!["referenceTaskName"]));
        Assert.All(workflow["tasks"]!.AsArray(), task => Assert.Equal("COMPLETED", (string?)task!["status"]));
    }

    // Real server: DeciderService.java#updateWorkflowOutput (last task's output without outputParameters).
    [Fact]
    public async Task Workflow_output_defaults_to_the_last_tasks_output()
    {
        RegisterSequence("two_steps", "first", "second");
        var workflowId = Server.StartWorkflow("two_steps");

        await CompleteAsync(await PollTaskAsync("first"), """{ "a": 1 }""");
        await CompleteAsync(await PollTaskAsync("second"), """{ "b": 2 }""");

        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal("""{"b":2}""", workflow.Output.ToJsonString());
    }

    // Real server: WorkflowResource.java#startWorkflow(StartWorkflowRequest) -> WorkflowServiceImpl.java#startWorkflow.
    [Fact]
    public async Task Start_with_request_body_takes_correlation_id_and_input()
    {
        RegisterSequence("requested", "only");
        using var start = await PostAsync("workflow", """
            { "name": "requested", "version": 1, "correlationId": "order-7", "input": { "n": 3 } }
            """);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("text/plain", start.Content.Headers.ContentType?.MediaType);
        var workflowId = await start.Content.ReadAsStringAsync();

        var task = await PollTaskAsync("only");
        Assert.Equal("order-7", (string?)task["correlationId"]);
        Assert.Equal(workflowId, (string?)task["workflowInstanceId"]);
        Assert.Equal("requested", (string?)task["workflowType"]);

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal("order-7", workflow.CorrelationId);
        Assert.Equal(3, (int)workflow.Input["n"]!);
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
    }

    // Real server: WorkflowResource.java#startWorkflow(name, version, correlationId, priority, input).
    [Fact]
    public async Task Start_by_name_with_correlation_id_and_version_query()
    {
        RegisterSequence("versioned", "step");
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "versioned",
            Version = 2,
            Tasks = [new WorkflowTask { Name = "step_v2", TaskReferenceName = "step_ref" }],
        });

        using var latest = await PostAsync("workflow/versioned?correlationId=c-1", "{}");
        var latestRun = Server.GetWorkflow(await latest.Content.ReadAsStringAsync())!;
        Assert.Equal(2, latestRun.WorkflowVersion);
        Assert.Equal("c-1", latestRun.CorrelationId);
        Assert.Equal("step_v2", latestRun.Tasks.Single().TaskType);

        using var first = await PostAsync("workflow/versioned?version=1", "{}");
        Assert.Equal(1, Server.GetWorkflow(await first.Content.ReadAsStringAsync())!.WorkflowVersion);
    }

    // Real server: WorkflowServiceImpl.java#startWorkflow (No such workflow found by name); MetadataMapperService.java#lookupForWorkflowDefinition (No such workflow defined).
    [Fact]
    public async Task Starting_an_unknown_workflow_is_404_with_the_real_servers_messages()
    {
        using var byName = await PostAsync("workflow/nope", "{}");
        Assert.Equal(HttpStatusCode.NotFound, byName.StatusCode);
        AssertError(await ReadJsonAsync(byName), 404, "No such workflow found by name: nope, version: null");

        using var byRequest = await PostAsync("workflow", """{ "name": "nope", "version": 3 }""");
        Assert.Equal(HttpStatusCode.NotFound, byRequest.StatusCode);
        AssertError(await ReadJsonAsync(byRequest), 404, "No such workflow defined. name=nope, version=3");
    }

    // Real server: StartWorkflowRequest.java @NotNull name; ValidationExceptionMapper.java.
    [Fact]
    public async Task Start_request_without_name_is_a_validation_error()
    {
        using var response = await PostAsync("workflow", """{ "input": {} }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadJsonAsync(response);
        AssertError(error, 400, "Validation failed, check below errors for detail.");
        var validation = Assert.Single(error["validationErrors"]!.AsArray());
        Assert.Equal("startWorkflow.arg0.name", (string?)validation!["path"]);
        Assert.Equal("Workflow name cannot be null or empty", (string?)validation["message"]);
    }

    // Real server: WorkflowResource.java#getExecutionStatus -> ExecutionDAOFacade.java#getWorkflowModel (No such workflow found by id).
    [Fact]
    public async Task Get_unknown_workflow_is_404()
    {
        using var response = await Http.GetAsync("workflow/w123");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 404, "No such workflow found by id: w123");
    }

    // Real server: WorkflowResource.java#getExecutionStatus(includeTasks).
    [Fact]
    public async Task Get_workflow_without_tasks_leaves_the_task_list_empty()
    {
        RegisterSequence("quiet", "step");
        var workflowId = Server.StartWorkflow("quiet", new JsonObject { ["x"] = 1 });

        var withTasks = await GetJsonAsync($"workflow/{workflowId}");
        Assert.Single(withTasks["tasks"]!.AsArray());
        var withoutTasks = await GetJsonAsync($"workflow/{workflowId}?includeTasks=false");
        Assert.Empty(withoutTasks["tasks"]!.AsArray());
        Assert.Equal("RUNNING", (string?)withoutTasks["status"]);
        Assert.Equal(workflowId, (string?)withoutTasks["workflowId"]);
        Assert.Equal("quiet", (string?)withoutTasks["workflowName"]);
    }

    // Real server: WorkflowResource.java#terminate -> WorkflowExecutorOps.java#terminateWorkflow and #cancelNonTerminalTasks.
    [Fact]
    public async Task Terminate_cancels_the_pending_task_and_ends_the_workflow()
    {
        RegisterSequence("stoppable", "slow");
        var workflowId = Server.StartWorkflow("stoppable");
        var task = await PollTaskAsync("slow");

        using var terminate = await Http.DeleteAsync($"workflow/{workflowId}?reason=enough");
        Assert.Equal(HttpStatusCode.OK, terminate.StatusCode);

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Terminated, workflow.Status);
        Assert.Equal("enough", workflow.ReasonForIncompletion);
        Assert.Equal(TaskExecutionStatus.Canceled, workflow.Tasks.Single().Status);

        // A late result for the canceled task is accepted and ignored.
        using var late = await ReportAsync(task, "COMPLETED");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(TaskExecutionStatus.Canceled, Server.GetTask((string)task["taskId"]!)!.Status);
    }

    // Real server: WorkflowExecutorOps.java#terminateWorkflow (ConflictException "Cannot terminate a COMPLETED workflow.").
    [Fact]
    public async Task Terminating_a_completed_workflow_is_a_conflict()
    {
        RegisterSequence("done", "step");
        var workflowId = Server.StartWorkflow("done");
        await CompleteAsync(await PollTaskAsync("step"));
        await Server.WaitForWorkflowAsync(workflowId, Patience);

        using var response = await Http.DeleteAsync($"workflow/{workflowId}");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 409, "Cannot terminate a COMPLETED workflow.");
    }

    // Test server only.
    [Fact]
    public async Task Wait_for_workflow_times_out_with_a_description_of_where_it_stands()
    {
        RegisterSequence("stuck", "never_polled");
        var workflowId = Server.StartWorkflow("stuck");

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => Server.WaitForWorkflowAsync(workflowId, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("RUNNING", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("never_polled_ref#0 SCHEDULED", timeout.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Server.WaitForWorkflowAsync("unknown", Patience));
    }
}
