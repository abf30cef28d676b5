using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.SystemTasks;

/// <summary>Every system task through the HTTP API, as an SDK registers and starts workflows.</summary>
public sealed class SystemTaskHttpTests : ServerTestBase
{
    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var item in SystemTaskCases.All())
        {
            names.Add(item.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task System_task_runs_as_on_the_real_server(string name)
    {
        var item = SystemTaskCases.All().Single(candidate => candidate.Name == name);
        await RegisterAsync(item.DefinitionJson);
        var workflowId = await StartAsync(name, item.InputJson);
        item.Check(await EndedAsync(workflowId));
    }

    // SubWorkflowTaskMapper#getMappedTasks, SubWorkflow#start and #updateTaskStatus: the child
    // runs with the task's input, knows its parent, and its output becomes the task's output.
    [Fact]
    public async Task Sub_workflow_runs_the_child_and_takes_its_output()
    {
        await RegisterAsync(SystemTaskCases.ChildJson);
        await RegisterAsync("""
            {"name":"parent","tasks":[
              {"name":"child","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"child","version":1},"inputParameters":{"n":"${workflow.input.n}"}}]}
            """);
        var workflowId = await StartAsync("parent", """{"n":21}""");
        var workflow = await EndedAsync(workflowId);

        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var sub = SystemTaskCases.Task(workflow, "sub");
        Assert.Equal("SUB_WORKFLOW", (string?)sub["taskType"]);
        var childId = (string)sub["subWorkflowId"]!;
        Assert.Equal(childId, (string?)sub["outputData"]!["subWorkflowId"]);
        Assert.Equal(42, (int)sub["outputData"]!["doubled"]!);
        Assert.Equal("child", (string?)sub["inputData"]!["subWorkflowName"]);
        Assert.Equal(21, (int)sub["inputData"]!["workflowInput"]!["n"]!);

        var child = await GetJsonAsync($"workflow/{childId}");
        Assert.Equal(workflowId, (string?)child["parentWorkflowId"]);
        Assert.Equal((string?)sub["taskId"], (string?)child["parentWorkflowTaskId"]);
        Assert.Equal(workflowId, (string?)child["output"]!["parent"]);
    }

    // SubWorkflowTaskMapper: an inline workflowDefinition instead of a registered one.
    [Fact]
    public async Task Sub_workflow_runs_an_inline_definition()
    {
        await RegisterAsync("""
            {"name":"parent_inline","tasks":[
              {"name":"inline_child","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"child","workflowDefinition":CHILD},"inputParameters":{"n":5}}]}
            """.Replace("CHILD", SystemTaskCases.ChildJson, StringComparison.Ordinal));
        var workflow = await EndedAsync(await StartAsync("parent_inline", "{}"));
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal(10, (int)SystemTaskCases.Task(workflow, "sub")["outputData"]!["doubled"]!);
    }

    // SubWorkflow#updateTaskStatus: a failed child fails the task with "Sub workflow ... failure
    // reason: ..."; DeciderService#retry then fails the parent.
    [Fact]
    public async Task A_failed_sub_workflow_fails_its_parent()
    {
        await RegisterAsync(SystemTaskCases.FailingChildJson);
        await RegisterAsync("""
            {"name":"parent_of_failure","tasks":[
              {"name":"failing_child","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"failing_child"}}]}
            """);
        var workflow = await EndedAsync(await StartAsync("parent_of_failure", "{}"));

        Assert.Equal("FAILED", (string?)workflow["status"]);
        var sub = SystemTaskCases.Task(workflow, "sub");
        Assert.Equal("FAILED", (string?)sub["status"]);
        Assert.StartsWith("Sub workflow failing_child.1/", (string?)sub["reasonForIncompletion"]);
        Assert.EndsWith(" failure reason: child gave up", (string?)sub["reasonForIncompletion"]);
        Assert.Contains("child gave up", (string?)workflow["reasonForIncompletion"]);
    }

    // SubWorkflow#cancel: terminating the parent terminates the running child.
    [Fact]
    public async Task Terminating_the_parent_terminates_the_child()
    {
        await RegisterAsync("""{"name":"waiting_child","tasks":[{"name":"hold","taskReferenceName":"hold","type":"HUMAN"}]}""");
        await RegisterAsync("""
            {"name":"parent_of_waiting","tasks":[
              {"name":"waiting_child","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"waiting_child"}}]}
            """);
        var workflowId = await StartAsync("parent_of_waiting", "{}");
        var running = await GetJsonAsync($"workflow/{workflowId}");
        var childId = (string)SystemTaskCases.Task(running, "sub")["subWorkflowId"]!;

        using var terminated = await Http.DeleteAsync($"workflow/{workflowId}?reason=enough");
        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        var child = await GetJsonAsync($"workflow/{childId}");
        Assert.Equal("TERMINATED", (string?)child["status"]);
        Assert.Equal("Parent workflow has been terminated with reason: enough", (string?)child["reasonForIncompletion"]);
    }

    // StartWorkflow#start: fire and forget; the output is the new workflow's id.
    [Fact]
    public async Task Start_workflow_starts_another_run_and_completes_at_once()
    {
        await RegisterAsync("""{"name":"started","tasks":[{"name":"hold","taskReferenceName":"hold","type":"HUMAN"}]}""");
        await RegisterAsync("""
            {"name":"starter","tasks":[
              {"name":"start","taskReferenceName":"start","type":"START_WORKFLOW","inputParameters":{"startWorkflow":{"name":"started","input":{"x":"${workflow.input.x}"}}}}]}
            """);
        var workflow = await EndedAsync(await StartAsync("starter", """{"x":1}"""));

        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var startedId = (string)SystemTaskCases.Task(workflow, "start")["outputData"]!["workflowId"]!;
        var started = await GetJsonAsync($"workflow/{startedId}");
        Assert.Equal("RUNNING", (string?)started["status"]);
        Assert.Equal(1, (int)started["input"]!["x"]!);
        Assert.Null(started["parentWorkflowId"]);
    }

    // DynamicTaskMapper#getMappedTasks: the input names the registered task that runs; a worker polls it by that name.
    [Fact]
    public async Task Dynamic_runs_the_task_its_input_names()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "chosen_task" });
        await RegisterAsync("""
            {"name":"dynamic","tasks":[
              {"name":"dyn","taskReferenceName":"dyn","type":"DYNAMIC","dynamicTaskNameParam":"which","inputParameters":{"which":"${workflow.input.which}","v":1}}]}
            """);
        var workflowId = await StartAsync("dynamic", """{"which":"chosen_task"}""");
        var task = await PollTaskAsync("chosen_task");
        Assert.Equal("dyn", (string?)task["referenceTaskName"]);
        Assert.Equal(1, (int)task["inputData"]!["v"]!);
        await CompleteAsync(task, """{"done":true}""");

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal("chosen_task", (string?)SystemTaskCases.Task(workflow, "dyn")["taskType"]);
    }

    // DynamicTaskMapper#getDynamicTaskName: no task name in the input fails the workflow.
    [Fact]
    public async Task Dynamic_without_a_task_name_fails_the_workflow()
    {
        await RegisterAsync("""
            {"name":"dynamic_missing","tasks":[
              {"name":"dyn","taskReferenceName":"dyn","type":"DYNAMIC","dynamicTaskNameParam":"which","inputParameters":{"which":"${workflow.input.which}"}}]}
            """);
        var workflow = await EndedAsync(await StartAsync("dynamic_missing", "{}"));
        Assert.Equal("FAILED", (string?)workflow["status"]);
        Assert.StartsWith("Cannot map a dynamic task based on the parameter and input. Parameter= which", (string?)workflow["reasonForIncompletion"]);
    }

    // Human#start, WaitTaskMapper (no duration): IN_PROGRESS until a task update completes it;
    // the update's output is the task's output.
    [Theory]
    [InlineData("HUMAN")]
    [InlineData("WAIT")]
    public async Task Human_and_wait_without_time_wait_for_a_task_update(string type)
    {
        await RegisterAsync("""
            {"name":"held","tasks":[
              {"name":"hold","taskReferenceName":"hold","type":"TYPE"},
              {"name":"after","taskReferenceName":"after","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"$.answer","answer":"${hold.output.answer}"}}]}
            """.Replace("TYPE", type, StringComparison.Ordinal));
        var workflowId = await StartAsync("held", "{}");
        var running = await GetJsonAsync($"workflow/{workflowId}");
        Assert.Equal("IN_PROGRESS", (string?)SystemTaskCases.Task(running, "hold")["status"]);
        Assert.Empty(await BatchPollAsync(type));

        using var updated = await PostAsync($"tasks/{workflowId}/hold/COMPLETED", """{"answer":"yes"}""");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal("yes", (string?)SystemTaskCases.Task(workflow, "after")["outputData"]!["result"]);
    }

    // HttpTask#start: a 2xx answer completes the task; response has statusCode, headers, body, reasonPhrase.
    [Fact]
    public async Task Http_calls_the_url_and_records_the_response()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "listed_task" });
        await RegisterAsync("""
            {"name":"http","tasks":[
              {"name":"call","taskReferenceName":"call","type":"HTTP","inputParameters":{"http_request":{"uri":"API/metadata/taskdefs/listed_task","method":"GET"}}}]}
            """.Replace("API/", Server.ApiUrl.AbsoluteUri, StringComparison.Ordinal));
        var workflow = await EndedAsync(await StartAsync("http", "{}"));

        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var response = SystemTaskCases.Task(workflow, "call")["outputData"]!["response"]!;
        Assert.Equal(200, (int)response["statusCode"]!);
        Assert.Equal("OK", (string?)response["reasonPhrase"]);
        Assert.Equal("listed_task", (string?)response["body"]!["name"]);
        Assert.NotNull(response["headers"]!["Content-Type"]);
    }

    // HttpTask#start: a non-2xx answer fails the task with the body as the reason.
    [Fact]
    public async Task Http_fails_on_a_non_2xx_answer()
    {
        await RegisterAsync("""
            {"name":"http_post","tasks":[
              {"name":"call","taskReferenceName":"call","type":"HTTP","inputParameters":{"http_request":{"uri":"API/metadata/taskdefs/no_such_task","method":"GET"}}}]}
            """.Replace("API/", Server.ApiUrl.AbsoluteUri, StringComparison.Ordinal));
        var workflow = await EndedAsync(await StartAsync("http_post", "{}"));

        Assert.Equal("FAILED", (string?)workflow["status"]);
        var call = SystemTaskCases.Task(workflow, "call");
        Assert.Equal(404, (int)call["outputData"]!["response"]!["statusCode"]!);
        Assert.Equal("No such taskType found by name: no_such_task", (string?)call["outputData"]!["response"]!["body"]!["message"]);
        Assert.Contains("No such taskType found by name: no_such_task", (string?)call["reasonForIncompletion"]);
    }

    // HttpTask#start with asyncComplete: the call is made, then the task waits IN_PROGRESS for a task update.
    [Fact]
    public async Task Http_with_async_complete_waits_for_a_task_update()
    {
        await RegisterAsync("""
            {"name":"http_async","tasks":[
              {"name":"call","taskReferenceName":"call","type":"HTTP","asyncComplete":true,"inputParameters":{"http_request":{"uri":"API/metadata/workflow","method":"GET"}}}]}
            """.Replace("API/", Server.ApiUrl.AbsoluteUri, StringComparison.Ordinal));
        var workflowId = await StartAsync("http_async", "{}");
        JsonNode call = new JsonObject();
        await EventuallyAsync(
            () =>
            {
                call = SystemTaskCases.Task(SystemTaskCases.ToJson(Server.GetWorkflow(workflowId)!), "call");
                return call["outputData"]?["response"] is not null;
            },
            "the HTTP call");
        Assert.Equal("IN_PROGRESS", (string?)call["status"]);

        using var updated = await PostAsync($"tasks/{workflowId}/call/COMPLETED", "{}");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("COMPLETED", (string?)(await EndedAsync(workflowId))["status"]);
    }

    // HttpTask#start: a URI that cannot be called fails the task; optional, the workflow completes.
    [Fact]
    public async Task An_optional_http_task_with_a_bad_uri_lets_the_workflow_complete()
    {
        await RegisterAsync("""
            {"name":"http_bad","tasks":[
              {"name":"call","taskReferenceName":"call","type":"HTTP","optional":true,"inputParameters":{"http_request":{"uri":"uncorrect_uri","method":"GET"}}}]}
            """);
        var workflow = await EndedAsync(await StartAsync("http_bad", "{}"));
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var call = SystemTaskCases.Task(workflow, "call");
        Assert.Equal("COMPLETED_WITH_ERRORS", (string?)call["status"]);
        Assert.StartsWith("Failed to invoke HTTP task due to: ", (string?)call["reasonForIncompletion"]);
    }

    // WorkflowExecutorOps#startWorkflow: the definition's variables are the run's first variables.
    [Fact]
    public async Task A_run_starts_with_the_definitions_variables()
    {
        await RegisterAsync("""
            {"name":"counter","variables":{"counter":0},"tasks":[
              {"name":"inc","taskReferenceName":"inc","type":"SET_VARIABLE","inputParameters":{"counter":"${workflow.input.start}"}},
              {"name":"hold","taskReferenceName":"hold","type":"HUMAN"}]}
            """);
        var workflowId = await StartAsync("counter", """{"start":5}""");
        Assert.Equal(5, (int)(await GetJsonAsync($"workflow/{workflowId}"))["variables"]!["counter"]!);
        Assert.Equal(0, (int)(await GetJsonAsync("metadata/workflow/counter"))["variables"]!["counter"]!);
    }

    // WorkflowExecutorOps#terminate: the failureWorkflow starts with the failed run's details.
    [Fact]
    public async Task A_failed_workflow_starts_its_failure_workflow()
    {
        await RegisterAsync("""{"name":"cleanup","tasks":[{"name":"hold","taskReferenceName":"hold","type":"HUMAN"}]}""");
        await RegisterAsync("""
            {"name":"fragile","failureWorkflow":"cleanup","tasks":[
              {"name":"stop","taskReferenceName":"stop","type":"TERMINATE","inputParameters":{"terminationStatus":"FAILED","terminationReason":"broken"}}]}
            """);
        var workflowId = await StartAsync("fragile", """{"order":3}""");
        var workflow = await EndedAsync(workflowId);

        var cleanupId = (string)workflow["output"]!["conductor.failure_workflow"]!;
        var cleanup = await GetJsonAsync($"workflow/{cleanupId}");
        Assert.Equal("cleanup", (string?)cleanup["workflowName"]);
        var input = cleanup["input"]!;
        Assert.Equal(workflowId, (string?)input["workflowId"]);
        Assert.Equal("broken", (string?)input["reason"]);
        Assert.Equal("FAILED", (string?)input["failureStatus"]);
        Assert.Equal(3, (int)input["order"]!);
        Assert.Equal((string?)SystemTaskCases.Task(workflow, "stop")["taskId"], (string?)input["failureTaskId"]);
        Assert.Equal(workflowId, (string?)input["failedWorkflow"]!["workflowId"]);
    }

    // The combined workflow through HTTP: a worker polls and completes the SIMPLE tasks.
    [Fact]
    public async Task Switch_fork_loop_and_sub_workflow_run_together()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "kit_log_and_sum" }, new TaskDef { Name = "kit_greet" });
        await RegisterAsync(SystemTaskCases.ChildJson);
        await RegisterAsync(SystemTaskCases.CombinedJson);
        var workflowId = await StartAsync("combined", """{"mode":"full","n":21,"who":"ada"}""");

        for (var round = 0; round < 2; round++)
        {
            var sum = await PollTaskAsync("kit_log_and_sum");
            var a = (int)sum["inputData"]!["a"]!;
            Assert.Equal(round + 1, a);
            await CompleteAsync(sum, $$"""{"sum":{{a + 10}}}""");
        }

        var greet = await PollTaskAsync("kit_greet");
        await CompleteAsync(greet, $$"""{"message":"Hello {{greet["inputData"]!["name"]}}!"}""");
        SystemTaskCases.CheckCombined(await EndedAsync(workflowId));
    }

    // Differs from the real server, which runs LLM_CHAT_COMPLETE (its AI module) and queues a
    // user-defined type for workers (UserDefinedTaskMapper): both store the definition
    // (MetadataServiceImpl#registerWorkflowDef), and here a run that reaches such a task fails,
    // naming it, while a run that takes another path completes.
    [Theory]
    [InlineData("LLM_CHAT_COMPLETE")]
    [InlineData("KAFKA_PUBLISH")]
    [InlineData("MY_OWN_SYSTEM_TASK")]
    public async Task A_task_type_the_server_does_not_run_is_stored_and_fails_only_the_run_that_reaches_it(string type)
    {
        await RegisterAsync($$$"""
            {"name":"maybe_{{{type}}}","tasks":[
              {"name":"route","taskReferenceName":"route","type":"SWITCH","evaluatorType":"value-param","expression":"mode",
               "inputParameters":{"mode":"${workflow.input.mode}"},
               "decisionCases":{"other":[{"name":"other","taskReferenceName":"other_ref","type":"{{{type}}}","inputParameters":{"kafka_request":{},"prompt":"hi"}}]},
               "defaultCase":[{"name":"set","taskReferenceName":"set_ref","type":"SET_VARIABLE","inputParameters":{"took":"default"}}]}]}
            """);
        using var stored = await Http.GetAsync($"metadata/workflow/maybe_{type}");
        Assert.Equal(type, (string?)(await ReadJsonAsync(stored))["tasks"]![0]!["decisionCases"]!["other"]![0]!["type"]);

        var plain = await EndedAsync(await StartAsync($"maybe_{type}", """{"mode":"plain"}"""));
        Assert.Equal("COMPLETED", (string?)plain["status"]);
        Assert.Equal("default", (string?)plain["variables"]!["took"]);

        var reaching = await EndedAsync(await StartAsync($"maybe_{type}", """{"mode":"other"}"""));
        Assert.Equal("FAILED", (string?)reaching["status"]);
        Assert.Equal($"Task type {type} of other_ref is not supported by the Conductor test server", (string?)reaching["reasonForIncompletion"]);
    }

    // WorkflowTaskTypeConstraint and the test server's own refusals: 400 naming the task and what is missing.
    [Theory]
    [InlineData("""{"name":"s","taskReferenceName":"s","type":"SWITCH","expression":"x","decisionCases":{"a":[]}}""", "evaluatorType field is required for taskType: SWITCH taskName: s")]
    [InlineData("""{"name":"s","taskReferenceName":"s","type":"SWITCH","evaluatorType":"python","expression":"x","decisionCases":{"a":[]}}""", "The python evaluator (SWITCH evaluatorType; value-param, javascript and graaljs run) of s is not supported by the Conductor test server")]
    [InlineData("""{"name":"d","taskReferenceName":"d","type":"DO_WHILE","loopCondition":"false","loopOver":[{"name":"d2","taskReferenceName":"d2","type":"DO_WHILE","loopCondition":"false","loopOver":[{"name":"n","taskReferenceName":"n","type":"NOOP"}]}]}""", "A DO_WHILE inside another DO_WHILE of d2 is not supported by the Conductor test server")]
    [InlineData("""{"name":"t","taskReferenceName":"t","type":"TERMINATE","inputParameters":{}}""", "terminate task must have an terminationStatus parameter and must be set to COMPLETED or FAILED, taskName: t")]
    [InlineData("""{"name":"w","taskReferenceName":"w","type":"WAIT","inputParameters":{"duration":"1 hour","until":"2026-12-06 10:00 UTC"}}""", "Both 'duration' and 'until' specified. Please provide only one input")]
    [InlineData("""{"name":"h","taskReferenceName":"h","type":"HTTP","permissive":true,"inputParameters":{"uri":"http://x","method":"GET"}}""", "The setting permissive of h is not supported by the Conductor test server")]
    public async Task Registration_refuses_what_cannot_run(string taskJson, string message)
    {
        using var response = await PostAsync("metadata/workflow", $$"""{"name":"refused","tasks":[{{taskJson}}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Contains(message, body["validationErrors"]!.AsArray().Select(error => (string?)error!["message"]));
    }
}
