using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

public sealed class MetadataTests : ServerTestBase
{
    // Real server: TaskDef.java field defaults (retryCount 3, FIXED, retryDelaySeconds 60, TIME_OUT_WF, responseTimeoutSeconds 3600).
    [Fact]
    public async Task Registered_task_definition_gets_the_server_defaults()
    {
        using var response = await PostAsync("metadata/taskdefs", """[ { "name": "plain" } ]""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        var taskDef = await GetJsonAsync("metadata/taskdefs/plain");
        Assert.Equal("plain", (string?)taskDef["name"]);
        Assert.Equal(3, (int)taskDef["retryCount"]!);
        Assert.Equal("FIXED", (string?)taskDef["retryLogic"]);
        Assert.Equal(60, (int)taskDef["retryDelaySeconds"]!);
        Assert.Equal("TIME_OUT_WF", (string?)taskDef["timeoutPolicy"]);
        Assert.Equal(3600, (long)taskDef["responseTimeoutSeconds"]!);
        Assert.Equal(0, (long)taskDef["timeoutSeconds"]!);
        Assert.True((long)taskDef["createTime"]! > 0);
    }

    // Real server: MetadataResource.java#registerTaskDef(List) -> MetadataServiceImpl.java#registerTaskDef.
    [Fact]
    public async Task Registering_again_replaces_and_unknown_fields_survive()
    {
        await PostAsync("metadata/taskdefs", """[ { "name": "twice", "retryCount": 1 } ]""");
        using var again = await PostAsync("metadata/taskdefs", """
            [ { "name": "twice", "retryCount": 5, "retryLogic": "EXPONENTIAL_BACKOFF", "inputSchema": { "name": "s", "version": 1 } } ]
            """);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var taskDef = await GetJsonAsync("metadata/taskdefs/twice");
        Assert.Equal(5, (int)taskDef["retryCount"]!);
        Assert.Equal("EXPONENTIAL_BACKOFF", (string?)taskDef["retryLogic"]);
        Assert.Equal("""{"name":"s","version":1}""", taskDef["inputSchema"]!.ToJsonString());
        Assert.Single((await GetJsonAsync("metadata/taskdefs")).AsArray());
    }

    // Real server: MetadataResource.java#registerTaskDef(TaskDef) -> MetadataServiceImpl.java#updateTaskDef (No such task by name).
    [Fact]
    public async Task Put_updates_an_existing_task_definition_and_refuses_an_unknown_one()
    {
        await PostAsync("metadata/taskdefs", """[ { "name": "editable" } ]""");

        using var update = await PutAsync("metadata/taskdefs", """{ "name": "editable", "retryCount": 0 }""");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = await GetJsonAsync("metadata/taskdefs/editable");
        Assert.Equal(0, (int)updated["retryCount"]!);
        Assert.True((long)updated["updateTime"]! > 0);

        using var unknown = await PutAsync("metadata/taskdefs", """{ "name": "ghost" }""");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        AssertError(await ReadJsonAsync(unknown), 404, "No such task by name ghost");
    }

    // Real server: MetadataServiceImpl.java#getTaskDef (No such taskType found by name); #unregisterTaskDef -> MetadataDAO (No such task definition).
    [Fact]
    public async Task Get_and_delete_of_an_unknown_task_definition_are_404()
    {
        using var get = await Http.GetAsync("metadata/taskdefs/ghost");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        AssertError(await ReadJsonAsync(get), 404, "No such taskType found by name: ghost");

        await PostAsync("metadata/taskdefs", """[ { "name": "short_lived" } ]""");
        using var delete = await Http.DeleteAsync("metadata/taskdefs/short_lived");
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        using var gone = await Http.GetAsync("metadata/taskdefs/short_lived");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var deleteAgain = await Http.DeleteAsync("metadata/taskdefs/short_lived");
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
    }

    // Real server: TaskDef.java constraints (@NotEmpty name, @Min retryCount); ValidationExceptionMapper.java.
    [Fact]
    public async Task Invalid_task_definitions_are_refused_with_validation_errors()
    {
        using var response = await PostAsync("metadata/taskdefs", """
            [ { "name": "fine" }, { "retryCount": -1, "responseTimeoutSeconds": 0 } ]
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadJsonAsync(response);
        AssertError(error, 400, "Validation failed, check below errors for detail.");
        var errors = error["validationErrors"]!.AsArray().ToDictionary(item => (string)item!["path"]!, item => (string?)item!["message"]);
        Assert.Equal("TaskDef name cannot be null or empty", errors["registerTaskDef.arg0[1].name"]);
        Assert.Equal("TaskDef retryCount: -1 must be >= 0", errors["registerTaskDef.arg0[1].retryCount"]);
        Assert.Equal("TaskDef responseTimeoutSeconds: 0 should be minimum 1 second", errors["registerTaskDef.arg0[1].responseTimeoutSeconds"]);

        using var missing = await Http.GetAsync("metadata/taskdefs/fine");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode); // nothing of a refused batch is stored
    }

    // Real server: TaskTimeoutConstraint.java.
    [Fact]
    public async Task Response_timeout_above_the_task_timeout_is_refused()
    {
        using var response = await PostAsync("metadata/taskdefs", """
            [ { "name": "odd", "timeoutSeconds": 10, "responseTimeoutSeconds": 20 } ]
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal(
            "TaskDef: odd responseTimeoutSeconds: 20 must be less than timeoutSeconds: 10",
            (string?)Assert.Single(error["validationErrors"]!.AsArray())!["message"]);
    }

    // Real server: ObjectMapperProvider.java (Jackson coerces "60" to a number).
    [Fact]
    public async Task Numbers_sent_as_strings_are_accepted_as_jackson_does()
    {
        using var response = await PostAsync("metadata/taskdefs", """[ { "name": "stringly", "retryCount": "2", "retryDelaySeconds": "5" } ]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var taskDef = await GetJsonAsync("metadata/taskdefs/stringly");
        Assert.Equal(2, (int)taskDef["retryCount"]!);
        Assert.Equal(5, (int)taskDef["retryDelaySeconds"]!);
    }

    // Real server: Spring's HttpMessageNotReadableException is not in ApplicationExceptionMapper.java's table: #handleAll answers 500.
    [Fact]
    public async Task Task_definitions_body_must_be_json()
    {
        using var response = await PostAsync("metadata/taskdefs", "[ { \"name\": ");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(500, (int)(await ReadJsonAsync(response))["status"]!);
    }

    private const string OneStep = """
        { "name": "flow", "version": 1, "description": "first",
          "tasks": [ { "name": "step", "taskReferenceName": "step_ref", "type": "SIMPLE" } ] }
        """;

    // Real server: MetadataResource.java#create (ConflictException "Workflow with %s already exists!").
    [Fact]
    public async Task Creating_a_workflow_definition_twice_is_a_conflict_unless_overwritten()
    {
        using var created = await PostAsync("metadata/workflow", OneStep);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        using var duplicate = await PostAsync("metadata/workflow", OneStep);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        AssertError(await ReadJsonAsync(duplicate), 409, "Workflow with flow.1 already exists!");

        using var overwritten = await PostAsync("metadata/workflow?overwrite=true", OneStep.Replace("first", "second", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, overwritten.StatusCode);
        Assert.Equal("second", (string?)(await GetJsonAsync("metadata/workflow/flow"))["description"]);
    }

    // Real server: MetadataResource.java#update -> MetadataServiceImpl.java#updateWorkflowDef(List) (BulkResponse).
    [Fact]
    public async Task Put_upserts_a_list_of_workflow_definitions()
    {
        using var response = await PutAsync("metadata/workflow", $"[{OneStep}, {OneStep.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)}]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bulk = await ReadJsonAsync(response);
        Assert.Equal(["flow", "flow"], bulk["bulkSuccessfulResults"]!.AsArray().Select(name => (string?)name));
        Assert.Empty(bulk["bulkErrorResults"]!.AsObject());
        Assert.Equal(2, (int)(await GetJsonAsync("metadata/workflow/flow"))["version"]!);
        Assert.Equal(1, (int)(await GetJsonAsync("metadata/workflow/flow?version=1"))["version"]!);
        Assert.Equal(2, (await GetJsonAsync("metadata/workflow")).AsArray().Count);
    }

    // Real server: MetadataServiceImpl.java#getWorkflowDef (No such workflow found by name).
    [Fact]
    public async Task Get_of_an_unknown_workflow_definition_is_404()
    {
        using var latest = await Http.GetAsync("metadata/workflow/ghost");
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
        AssertError(await ReadJsonAsync(latest), 404, "No such workflow found by name: ghost, version: null");

        await PostAsync("metadata/workflow", OneStep);
        using var version = await Http.GetAsync("metadata/workflow/flow?version=7");
        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
        AssertError(await ReadJsonAsync(version), 404, "No such workflow found by name: flow, version: 7");
    }

    // Real server: MetadataResource.java#unregisterWorkflowDef -> MetadataServiceImpl.java#unregisterWorkflowDef.
    [Fact]
    public async Task Delete_removes_one_version_of_a_workflow_definition()
    {
        await PostAsync("metadata/workflow", OneStep);

        using var deleted = await Http.DeleteAsync("metadata/workflow/flow/1");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var again = await Http.DeleteAsync("metadata/workflow/flow/1");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        AssertError(await ReadJsonAsync(again), 404, "No such workflow definition: flow version: 1");
    }

    // Real server: WorkflowDef.java constraints (name, tasks, schemaVersion); WorkflowTaskTypeConstraint.java; ValidationExceptionMapper.java.
    [Fact]
    public async Task Invalid_workflow_definitions_are_refused_with_the_real_servers_messages()
    {
        using var empty = await PostAsync("metadata/workflow", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var messages = (await ReadJsonAsync(empty))["validationErrors"]!.AsArray().Select(item => (string?)item!["message"]).ToList();
        Assert.Contains("WorkflowDef name cannot be null or empty", messages);
        Assert.Contains("WorkflowTask list cannot be empty", messages);

        using var duplicateReference = await PostAsync("metadata/workflow", """
            { "name": "dup", "tasks": [ { "name": "a", "taskReferenceName": "same" }, { "name": "b", "taskReferenceName": "same" } ] }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, duplicateReference.StatusCode);
        var duplicateError = Assert.Single((await ReadJsonAsync(duplicateReference))["validationErrors"]!.AsArray())!;
        Assert.Equal("taskReferenceName: same should be unique across tasks for a given workflowDefinition: dup", (string?)duplicateError["message"]);
    }

    // Real server: MetadataServiceImpl.java (ownerEmail and task definitions not required by default); TaskDef.java defaults.
    [Fact]
    public async Task Workflow_with_an_unregistered_task_runs_it_with_default_settings()
    {
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "adhoc", Tasks = [new WorkflowTask { Name = "unregistered", TaskReferenceName = "u" }] });
        Server.StartWorkflow("adhoc");

        var task = await PollTaskAsync("unregistered");
        Assert.Equal(3, (int)task["taskDefinition"]!["retryCount"]!);
        Assert.Equal(3600, (long)task["responseTimeoutSeconds"]!);
    }

    // Test server only: the in-process API.
    [Fact]
    public void In_process_registration_reports_validation_errors_as_argument_exceptions()
    {
        var error = Assert.Throws<ArgumentException>(() => Server.RegisterTaskDefs(new TaskDef()));
        Assert.Contains("TaskDef name cannot be null or empty", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Server.StartWorkflow("not_registered"));
    }

    // Real server: ApplicationExceptionMapper.java#handleAll (Spring's NoResourceFoundException).
    [Fact]
    public async Task Unknown_routes_answer_404_with_an_error_body()
    {
        using var response = await Http.GetAsync("nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 404, "No static resource api/nothing/here.");
    }

    // Real server: ApplicationExceptionMapper.java#handleAll (Spring's HttpRequestMethodNotSupportedException).
    [Fact]
    public async Task A_known_route_with_another_method_is_405()
    {
        using var response = await Http.PatchAsync("metadata/taskdefs", Json("[]"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 405, "Request method 'PATCH' is not supported");
    }

    // Real server: RequestMappingConstants.java puts every route under /api.
    [Fact]
    public void Urls_point_at_the_loopback_api_root()
    {
        Assert.Equal("127.0.0.1", Server.ApiUrl.Host);
        Assert.Equal("/api/", Server.ApiUrl.AbsolutePath);
        Assert.Equal($"http://127.0.0.1:{Server.ApiUrl.Port}/api", Server.ServerUrl);
        Assert.NotEqual(0, Server.ApiUrl.Port);
    }
}
