using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

/// <summary>Workflow lifecycle operations and views through /api/workflow.</summary>
public sealed class WorkflowManagementTests : ServerTestBase
{
    // Real server: WorkflowResource.java#getWorkflowStatusSummary -> org.conductoross.conductor.model.WorkflowStatus(workflow, includeOutput, includeVariables).
    [Fact]
    public async Task Status_summary_has_output_and_variables_only_when_asked()
    {
        RegisterSequence("summary", "one");
        var workflowId = Server.StartWorkflow("summary", correlationId: "c-1");
        await CompleteAsync(await PollTaskAsync("one"), """{ "x": 1 }""");

        var plain = await GetJsonAsync($"workflow/{workflowId}/status");
        Assert.Equal(workflowId, (string?)plain["workflowId"]);
        Assert.Equal("c-1", (string?)plain["correlationId"]);
        Assert.Equal("COMPLETED", (string?)plain["status"]);
        Assert.Null(plain["output"]);
        Assert.Null(plain["variables"]);

        var full = await GetJsonAsync($"workflow/{workflowId}/status?includeOutput=true&includeVariables=true");
        Assert.Equal(1, (int)full["output"]!["x"]!);
        Assert.NotNull(full["variables"]);
    }

    // Real server: ExecutionDAOFacade.java#getWorkflowModel throws NotFoundException -> ApplicationExceptionMapper.java 404.
    [Fact]
    public async Task Operations_on_an_unknown_workflow_answer_404()
    {
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "workflow/nope/status"),
            (HttpMethod.Put, "workflow/nope/pause"),
            (HttpMethod.Put, "workflow/nope/resume"),
            (HttpMethod.Post, "workflow/nope/retry"),
            (HttpMethod.Post, "workflow/nope/restart"),
            (HttpMethod.Delete, "workflow/nope/remove"),
            (HttpMethod.Put, "workflow/decide/nope"),
        })
        {
            using var response = await Http.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            AssertError(await ReadJsonAsync(response), 404, "No such workflow found by id: nope");
        }
    }

    // Real server: WorkflowExecutorOps.java#pauseWorkflow, #resumeWorkflow; DeciderService.java#decide schedules nothing while PAUSED.
    [Fact]
    public async Task A_paused_workflow_schedules_nothing_until_resumed()
    {
        RegisterSequence("pausing", "first", "second");
        var workflowId = Server.StartWorkflow("pausing");
        var first = await PollTaskAsync("first");

        using (var pause = await Http.PutAsync($"workflow/{workflowId}/pause", null))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        using (var again = await Http.PutAsync($"workflow/{workflowId}/pause", null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode); // already paused: nothing to do
        }

        await CompleteAsync(first);
        Assert.Equal(WorkflowStatus.Paused, Server.GetWorkflow(workflowId)!.Status);
        Assert.Equal(0, Server.GetQueueSize("second"));

        using (var resume = await Http.PutAsync($"workflow/{workflowId}/resume", null))
        {
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }

        await CompleteAsync(await PollTaskAsync("second"));
        Assert.Equal(WorkflowStatus.Completed, (await Server.WaitForWorkflowAsync(workflowId, Patience)).Status);
    }

    // Real server: WorkflowExecutorOps.java#resumeWorkflow throws IllegalStateException, which ApplicationExceptionMapper.java maps to 500.
    [Fact]
    public async Task Resuming_a_running_workflow_answers_500()
    {
        RegisterSequence("not_paused", "step");
        var workflowId = Server.StartWorkflow("not_paused");

        using var response = await Http.PutAsync($"workflow/{workflowId}/resume", null);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 500, $"The workflow {workflowId} is not PAUSED so cannot resume. Current status is RUNNING");
    }

    // Real server: WorkflowExecutorOps.java#pauseWorkflow throws ConflictException for an ended workflow -> 409.
    [Fact]
    public async Task Pausing_an_ended_workflow_answers_409()
    {
        RegisterSequence("ended_pause", "step");
        var workflowId = Server.StartWorkflow("ended_pause");
        await CompleteAsync(await PollTaskAsync("step"));

        using var response = await Http.PutAsync($"workflow/{workflowId}/pause", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 409, $"Workflow ended_pause.1/{workflowId} has ended, status cannot be updated.");
    }

    // Real server: WorkflowExecutorOps.java#retry -> #taskToBeRescheduled: a new attempt of the failed task, retryCount + 1, retriedTaskId set.
    [Fact]
    public async Task Retry_schedules_a_new_attempt_of_the_failed_task_and_goes_on()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "fragile", RetryCount = 0 }, new TaskDef { Name = "after", RetryCount = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "retrying",
            Tasks = [new WorkflowTask { Name = "fragile", TaskReferenceName = "f" }, new WorkflowTask { Name = "after", TaskReferenceName = "a" }],
        });
        var workflowId = Server.StartWorkflow("retrying");
        var failed = await PollTaskAsync("fragile");
        using (var report = await ReportAsync(failed, "FAILED"))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        }

        Assert.Equal(WorkflowStatus.Failed, (await Server.WaitForWorkflowAsync(workflowId, Patience)).Status);

        using (var retry = await Http.PostAsync($"workflow/{workflowId}/retry?resumeSubworkflowTasks=false", null))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Null(workflow.ReasonForIncompletion);
        var attempt = workflow.Tasks[^1];
        Assert.Equal(TaskExecutionStatus.Scheduled, attempt.Status);
        Assert.Equal(1, attempt.RetryCount);
        Assert.Equal((string)failed["taskId"]!, attempt.RetriedTaskId);
        Assert.True(workflow.Tasks[0].Retried);

        await CompleteAsync(await PollTaskAsync("fragile"));
        await CompleteAsync(await PollTaskAsync("after"));
        Assert.Equal(WorkflowStatus.Completed, (await Server.WaitForWorkflowAsync(workflowId, Patience)).Status);
    }

    // Real server: WorkflowExecutorOps.java#retry throws NotFoundException("Workflow is still running.  status=...") for a running workflow -> 404;
    // WorkflowExecutorOps.java#retry(WorkflowModel) throws ConflictException when nothing failed -> 409.
    [Fact]
    public async Task Retry_answers_404_while_running_and_409_with_nothing_to_retry()
    {
        RegisterSequence("no_retry", "step");
        var workflowId = Server.StartWorkflow("no_retry");

        using (var running = await Http.PostAsync($"workflow/{workflowId}/retry", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, running.StatusCode);
            AssertError(await ReadJsonAsync(running), 404, "Workflow is still running.  status=RUNNING");
        }

        await CompleteAsync(await PollTaskAsync("step"));
        using var completed = await Http.PostAsync($"workflow/{workflowId}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, completed.StatusCode);
        AssertError(await ReadJsonAsync(completed), 409, "There are no retryable tasks! Use restart if you want to attempt entire workflow execution again.");
    }

    // Real server: WorkflowExecutorOps.java#restart: terminal workflows only (ConflictException otherwise); tasks cleared, same id, RUNNING again.
    [Fact]
    public async Task Restart_runs_an_ended_workflow_again_from_its_first_step()
    {
        RegisterSequence("restarting", "first", "second");
        var workflowId = Server.StartWorkflow("restarting", new JsonObject { ["n"] = 3 });

        using (var running = await Http.PostAsync($"workflow/{workflowId}/restart", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
            AssertError(await ReadJsonAsync(running), 409, $"Workflow: restarting.1/{workflowId}.RUNNING is not in terminal state, unable to restart.");
        }

        using (var terminate = await Http.DeleteAsync($"workflow/{workflowId}?reason=stop"))
        {
            Assert.Equal(HttpStatusCode.OK, terminate.StatusCode);
        }

        using (var restart = await Http.PostAsync($"workflow/{workflowId}/restart?useLatestDefinitions=true", null))
        {
            Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        }

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Null(workflow.ReasonForIncompletion);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal("first_ref", task.ReferenceTaskName);

        var polled = await PollTaskAsync("first");
        Assert.Equal(workflowId, (string?)polled["workflowInstanceId"]);
        await CompleteAsync(polled);
        await CompleteAsync(await PollTaskAsync("second"));
        Assert.Equal(WorkflowStatus.Completed, (await Server.WaitForWorkflowAsync(workflowId, Patience)).Status);
    }

    // Real server: WorkflowExecutorOps.java#rerunWF: tasks after the rerun task (by seq) removed, the task reset to SCHEDULED with taskInput.
    [Fact]
    public async Task Rerun_from_a_task_replaces_its_input_and_drops_the_later_tasks()
    {
        RegisterSequence("rerunning", "first", "second");
        var workflowId = Server.StartWorkflow("rerunning");
        await CompleteAsync(await PollTaskAsync("first"));
        var second = await PollTaskAsync("second");
        await CompleteAsync(second);
        await Server.WaitForWorkflowAsync(workflowId, Patience);
        var firstId = Server.GetWorkflow(workflowId)!.Tasks[0].TaskId;

        using (var rerun = await PostAsync($"workflow/{workflowId}/rerun", $$"""
            { "reRunFromTaskId": "{{firstId}}", "taskInput": { "again": true }, "workflowInput": { "w": 2 } }
            """))
        {
            Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
            Assert.Equal(workflowId, await rerun.Content.ReadAsStringAsync());
        }

        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Running, workflow.Status);
        Assert.Equal(2, (int)workflow.Input["w"]!);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(firstId, task.TaskId);
        Assert.Equal(TaskExecutionStatus.Scheduled, task.Status);
        Assert.True((bool)task.InputData["again"]!);
        Assert.Null(Server.GetTask((string)second["taskId"]!));

        var polled = await PollTaskAsync("first");
        Assert.Equal(firstId, (string?)polled["taskId"]);
        await CompleteAsync(polled);
        await CompleteAsync(await PollTaskAsync("second"));
        Assert.Equal(WorkflowStatus.Completed, (await Server.WaitForWorkflowAsync(workflowId, Patience)).Status);
    }

    // Real server: WorkflowExecutorOps.java#rerun throws IllegalArgumentException("Task ... not found") -> 400; #rerunWF ConflictException while running -> 409.
    [Fact]
    public async Task Rerun_refuses_an_unknown_task_and_a_running_workflow()
    {
        RegisterSequence("rerun_refused", "step");
        var workflowId = Server.StartWorkflow("rerun_refused");
        using (var running = await PostAsync($"workflow/{workflowId}/rerun", "{}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        }

        await CompleteAsync(await PollTaskAsync("step"));
        using var unknown = await PostAsync($"workflow/{workflowId}/rerun", """{ "reRunFromTaskId": "missing" }""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        AssertError(await ReadJsonAsync(unknown), 400, "Task missing not found");
    }

    // Real server: WorkflowExecutorOps.java#skipTaskFromWorkflow: a SKIPPED task with the request's input and output, then decide.
    [Fact]
    public async Task Skipping_a_step_that_has_not_run_makes_the_workflow_go_past_it()
    {
        RegisterSequence("skipping", "first", "second", "third");
        var workflowId = Server.StartWorkflow("skipping");

        using (var skip = await PutAsync($"workflow/{workflowId}/skiptask/second_ref", """{ "taskOutput": { "skipped": "yes" } }"""))
        {
            Assert.Equal(HttpStatusCode.OK, skip.StatusCode);
        }

        await CompleteAsync(await PollTaskAsync("first"));
        await CompleteAsync(await PollTaskAsync("third"));
        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var skipped = Assert.Single(workflow.Tasks, task => task.ReferenceTaskName == "second_ref");
        Assert.Equal(TaskExecutionStatus.Skipped, skipped.Status);
        Assert.Equal("yes", (string?)skipped.OutputData["skipped"]);
        Assert.Equal(0, Server.GetQueueSize("second"));
    }

    // Real server: WorkflowExecutorOps.java#skipTaskFromWorkflow throws IllegalStateException -> ApplicationExceptionMapper.java 500.
    [Fact]
    public async Task Skipping_a_processed_or_unknown_step_answers_500()
    {
        RegisterSequence("skip_refused", "first", "second");
        var workflowId = Server.StartWorkflow("skip_refused");
        await PollTaskAsync("first");

        using (var processed = await PutAsync($"workflow/{workflowId}/skiptask/first_ref", "{}"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, processed.StatusCode);
            AssertError(await ReadJsonAsync(processed), 500, "The task referenced first_ref has already been processed, cannot be skipped");
        }

        using var unknown = await PutAsync($"workflow/{workflowId}/skiptask/nowhere", "{}");
        Assert.Equal(HttpStatusCode.InternalServerError, unknown.StatusCode);
        AssertError(await ReadJsonAsync(unknown), 500, "The task referenced by nowhere does not exist in the WorkflowDefinition skip_refused");
    }

    // Real server: WorkflowResource.java#delete -> ExecutionService.java#removeWorkflow: the workflow and its tasks are gone.
    [Fact]
    public async Task Remove_deletes_the_workflow_and_its_tasks()
    {
        RegisterSequence("removing", "step");
        var workflowId = Server.StartWorkflow("removing");

        using (var remove = await Http.DeleteAsync($"workflow/{workflowId}/remove?archiveWorkflow=false"))
        {
            Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        }

        using var get = await Http.GetAsync($"workflow/{workflowId}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, Server.GetQueueSize("step"));
    }

    // Real server: WorkflowServiceImpl.java#getRunningWorkflows: version defaults to 1; with startTime and endTime, all runs created in between.
    [Fact]
    public async Task Running_lists_the_ids_of_runs_not_ended()
    {
        RegisterSequence("listing", "step");
        var done = Server.StartWorkflow("listing");
        await CompleteAsync(await PollTaskAsync("step"));
        await Server.WaitForWorkflowAsync(done, Patience);
        var running = Server.StartWorkflow("listing");

        var ids = (await GetJsonAsync("workflow/running/listing")).AsArray().Select(id => (string?)id).ToList();
        Assert.Equal([running], ids);
        Assert.Empty((await GetJsonAsync("workflow/running/listing?version=2")).AsArray());

        var all = (await GetJsonAsync($"workflow/running/listing?version=1&startTime=1&endTime={long.MaxValue}")).AsArray().Select(id => (string?)id).ToList();
        Assert.Equal([done, running], all);
    }

    // Real server: ExecutionService.java#getWorkflowInstances (includeClosed, includeTasks); WorkflowServiceImpl.java#getWorkflows for the POST form.
    [Fact]
    public async Task Correlated_lists_runs_by_correlation_id()
    {
        RegisterSequence("correlating", "step");
        var open = Server.StartWorkflow("correlating", correlationId: "order-1");
        Server.StartWorkflow("correlating", correlationId: "order-2");

        var running = (await GetJsonAsync("workflow/correlating/correlated/order-1")).AsArray();
        Assert.Equal(open, (string?)Assert.Single(running)!["workflowId"]);
        Assert.Empty(running[0]!["tasks"]!.AsArray());

        var withTasks = (await GetJsonAsync("workflow/correlating/correlated/order-1?includeTasks=true")).AsArray();
        Assert.Single(withTasks[0]!["tasks"]!.AsArray());

        using var batch = await PostAsync("workflow/correlating/correlated?includeClosed=true", """["order-1","order-2","none"]""");
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var byId = await ReadJsonAsync(batch);
        Assert.Single(byId["order-1"]!.AsArray());
        Assert.Single(byId["order-2"]!.AsArray());
        Assert.Empty(byId["none"]!.AsArray());
    }

    // Real server: WorkflowResource.java#search -> WorkflowSummary (times as ISO-8601 text); query syntax of the indexing module (field="v", IN (...), AND).
    [Fact]
    public async Task Search_finds_runs_by_type_status_and_id()
    {
        RegisterSequence("findable", "step");
        RegisterSequence("other", "other_step");
        var first = Server.StartWorkflow("findable", correlationId: "k1");
        var second = Server.StartWorkflow("findable");
        Server.StartWorkflow("other");

        var byType = await GetJsonAsync("workflow/search?query=" + Uri.EscapeDataString("workflowType=\"findable\" AND status IN (RUNNING,PAUSED)") + "&sort=startTime:ASC");
        Assert.Equal(2, (int)byType["totalHits"]!);
        Assert.Equal([first, second], byType["results"]!.AsArray().Select(hit => (string?)hit!["workflowId"]));
        var hit = byType["results"]![0]!;
        Assert.Equal("findable", (string?)hit["workflowType"]);
        Assert.Equal("k1", (string?)hit["correlationId"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)hit["startTime"]);
        Assert.Equal("{}", (string?)hit["input"]);

        var byId = await GetJsonAsync($"workflow/search?start=0&size=10&freeText=*&query=" + Uri.EscapeDataString($"workflowId=\"{second}\""));
        Assert.Equal(second, (string?)Assert.Single(byId["results"]!.AsArray())!["workflowId"]);

        var page = await GetJsonAsync("workflow/search?start=1&size=1&sort=startTime:ASC");
        Assert.Equal(3, (int)page["totalHits"]!);
        Assert.Equal(second, (string?)Assert.Single(page["results"]!.AsArray())!["workflowId"]);

        var v2 = await GetJsonAsync("workflow/search-v2?query=" + Uri.EscapeDataString("correlationId=k1"));
        Assert.Equal(first, (string?)Assert.Single(v2["results"]!.AsArray())!["workflowId"]);
    }

    // Test server only: the indexing module's parser refuses a query it cannot read; the message says why.
    [Fact]
    public async Task Search_with_an_unreadable_query_answers_400_naming_it()
    {
        using var response = await Http.GetAsync("workflow/search?query=" + Uri.EscapeDataString("status IN RUNNING"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid search query 'status IN RUNNING': IN for 'status' needs a list in parentheses", (string?)(await ReadJsonAsync(response))["message"]);
    }

    // Real server: WorkflowResource.java#executeWorkflow -> WorkflowSignalResponder.java#awaitSignalResponse; NotificationResult.java#toResponse (TARGET_WORKFLOW: a WorkflowRun).
    [Fact]
    public async Task Execute_answers_with_the_run_once_it_has_ended()
    {
        RegisterSequence("executing", "step");
        var worker = Task.Run(async () => await CompleteAsyncReturning(await PollTaskAsync("step"), """{ "done": true }"""));

        using var response = await PostAsync("workflow/execute/executing/1?requestId=r-1&waitForSeconds=20", """{ "input": { "a": 1 } }""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await worker;
        var run = await ReadJsonAsync(response);
        Assert.Equal("TARGET_WORKFLOW", (string?)run["responseType"]);
        Assert.Equal("r-1", (string?)run["requestId"]);
        Assert.Equal("COMPLETED", (string?)run["status"]);
        Assert.Equal("COMPLETED", (string?)run["targetWorkflowStatus"]);
        Assert.Equal((string?)run["workflowId"], (string?)run["targetWorkflowId"]);
        Assert.True((bool)run["output"]!["done"]!);
        Assert.Equal(1, (int)run["input"]!["a"]!);
        Assert.False((bool)run["signalTimeout"]!);
        Assert.Single(run["tasks"]!.AsArray());
    }

    // Real server: WorkflowSignalResponder.java#awaitSignalResponse answers with the current state and signalTimeout=true after waitForSeconds.
    [Fact]
    public async Task Execute_answers_with_the_running_workflow_after_its_wait()
    {
        RegisterSequence("slow_execute", "never_polled");

        using var response = await PostAsync("workflow/execute/slow_execute/0?waitForSeconds=1", "{}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await ReadJsonAsync(response);
        Assert.Equal("RUNNING", (string?)run["status"]);
        Assert.True((bool)run["signalTimeout"]!);
    }

    // Real server: WorkflowResource.java#getExecutionStatusTaskList: SearchResult of a page (start, count) of the tasks, filtered by status.
    [Fact]
    public async Task Tasks_of_a_workflow_come_in_pages()
    {
        RegisterSequence("paged", "first", "second");
        var workflowId = Server.StartWorkflow("paged");
        await CompleteAsync(await PollTaskAsync("first"));
        await PollTaskAsync("second");

        var all = await GetJsonAsync($"workflow/{workflowId}/tasks");
        Assert.Equal(2, (int)all["totalHits"]!);
        var inProgress = await GetJsonAsync($"workflow/{workflowId}/tasks?status=IN_PROGRESS&start=0&count=5");
        Assert.Equal("second_ref", (string?)Assert.Single(inProgress["results"]!.AsArray())!["referenceTaskName"]);
    }

    private async Task<bool> CompleteAsyncReturning(JsonNode task, string output)
    {
        await CompleteAsync(task, output);
        return true;
    }
    // Real server: WorkflowResource.java#testWorkflow -> WorkflowTestService.java#testWorkflow: tasks in a random domain, completed by the mocks.
    [Fact]
    public async Task Test_runs_a_workflow_on_mock_results()
    {
        RegisterSequence("mocked", "first", "second");

        using var response = await PostAsync("workflow/test", """
            {
              "name": "mocked",
              "input": { "a": 1 },
              "taskRefToMockOutput": {
                "first_ref": [ { "status": "FAILED", "output": { "try": 1 } }, { "status": "COMPLETED", "output": { "try": 2 } } ],
                "second_ref": [ { "status": "COMPLETED", "output": { "message": "mocked" } } ]
              }
            }
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var workflow = await ReadJsonAsync(response);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        Assert.Equal("mocked", (string?)workflow["output"]!["message"]);
        var tasks = workflow["tasks"]!.AsArray();
        Assert.Equal(["FAILED", "COMPLETED", "COMPLETED"], tasks.Select(task => (string?)task!["status"]));
        Assert.Equal(0, Server.GetQueueSize("first"));
    }

    // Real server: WorkflowTestService.java#testWorkflow stops at a pending task without a mock and answers the run as it is.
    [Fact]
    public async Task Test_stops_at_a_task_without_mock()
    {
        RegisterSequence("half_mocked", "first", "second");

        using var response = await PostAsync("workflow/test", """
            { "name": "half_mocked", "taskRefToMockOutput": { "first_ref": [ { "status": "COMPLETED", "output": {} } ] } }
            """);
        var workflow = await ReadJsonAsync(response);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal("SCHEDULED", (string?)workflow["tasks"]![1]!["status"]);
        Assert.NotNull((string?)workflow["tasks"]![1]!["domain"]);
    }
}
