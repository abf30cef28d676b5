using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

public sealed class TaskResultTests : ServerTestBase
{
    // Real server: TaskResource.java#updateTask(TaskResult) returns taskResult.getTaskId() as text/plain; WorkflowExecutorOps.java#updateTask then decides; DeciderService.java#getNextTask.
    [Fact]
    public async Task Completing_a_task_answers_its_id_as_text_and_schedules_the_next()
    {
        RegisterSequence("pair", "first", "second");
        var workflowId = Server.StartWorkflow("pair");
        var first = await PollTaskAsync("first");

        using var response = await ReportAsync(first, "COMPLETED", """{ "value": 1 }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((string?)first["taskId"], await response.Content.ReadAsStringAsync());
        var stored = Server.GetTask((string)first["taskId"]!)!;
        Assert.Equal(TaskExecutionStatus.Completed, stored.Status);
        Assert.Equal(1, (int)stored.OutputData["value"]!);
        Assert.True(stored.EndTime > 0);
        Assert.Equal(1, Server.GetQueueSize("second"));
        Assert.Equal(WorkflowStatus.Running, Server.GetWorkflow(workflowId)!.Status);
    }

    // Real server: WorkflowExecutorOps.java#updateTask returns the task unchanged when task.getStatus().isTerminal().
    [Fact]
    public async Task A_result_for_a_task_that_already_ended_changes_nothing()
    {
        RegisterSequence("once", "step", "after");
        var workflowId = Server.StartWorkflow("once");
        var task = await PollTaskAsync("step");
        await CompleteAsync(task, """{ "attempt": 1 }""");

        using var again = await ReportAsync(task, "COMPLETED", """{ "attempt": 2 }""");
        using var failedLate = await ReportAsync(task, "FAILED", """{ "attempt": 3 }""");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((string?)task["taskId"], await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, failedLate.StatusCode);
        var stored = Server.GetTask((string)task["taskId"]!)!;
        Assert.Equal(TaskExecutionStatus.Completed, stored.Status);
        Assert.Equal(1, (int)stored.OutputData["attempt"]!);
        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(2, workflow.Tasks.Count); // the next step was scheduled once
    }

    // Real server: DeciderService.java#retry (new task id, retryCount + 1, retriedTaskId; workflow FAILED when retries run out).
    [Fact]
    public async Task Failed_tasks_are_retried_as_new_tasks_until_retries_run_out()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "flaky", RetryCount = 2, RetryDelaySeconds = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "retrying", Tasks = [new WorkflowTask { Name = "flaky", TaskReferenceName = "flaky_ref" }] });
        var workflowId = Server.StartWorkflow("retrying");

        var attempts = new List<JsonNode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var task = await PollTaskAsync("flaky");
            attempts.Add(task);
            using var response = await ReportAsync(task, "FAILED", "{}", $$"""
                "reasonForIncompletion": "boom {{attempt}}"
                """);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal([0, 1, 2], attempts.Select(task => (int)task["retryCount"]!));
        Assert.Equal(3, attempts.Select(task => (string?)task["taskId"]).Distinct().Count());
        Assert.Null(attempts[0]["retriedTaskId"]);
        Assert.Equal((string?)attempts[0]["taskId"], (string?)attempts[1]["retriedTaskId"]);
        Assert.Equal((string?)attempts[1]["taskId"], (string?)attempts[2]["retriedTaskId"]);
        Assert.Equal("boom 0", (string?)attempts[1]["reasonForIncompletion"]);
        Assert.All(attempts, task => Assert.Equal(1, (int)task["pollCount"]!));

        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.Failed, workflow.Status);
        Assert.Equal($"Task {attempts[2]["taskId"]} failed with status: FAILED and reason: 'boom 2'", workflow.ReasonForIncompletion);
        Assert.Equal(["flaky_ref"], workflow.FailedReferenceTaskNames);
        Assert.Equal(3, workflow.Tasks.Count);
        Assert.True(workflow.Tasks[0].Retried);
        Assert.True(workflow.Tasks[1].Retried);
        Assert.False(workflow.Tasks[2].Retried);
        Assert.Empty(await BatchPollAsync("flaky"));
    }

    // Real server: WorkflowExecutorOps#completeWorkflow lists every task FAILED or
    // FAILED_WITH_TERMINAL_ERROR, so a failure a retry made good is named on a completed run.
    [Fact]
    public async Task A_completed_run_names_the_failed_attempts_its_retries_made_good()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "flaky_once", RetryCount = 1, RetryDelaySeconds = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "recovers", Tasks = [new WorkflowTask { Name = "flaky_once", TaskReferenceName = "flaky_once_ref" }] });
        var workflowId = Server.StartWorkflow("recovers");

        using (var failed = await ReportAsync(await PollTaskAsync("flaky_once"), "FAILED", "{}", "\"reasonForIncompletion\": \"first try\""))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using (var completed = await ReportAsync(await PollTaskAsync("flaky_once"), "COMPLETED"))
        {
            Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        }

        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(["flaky_once_ref"], workflow.FailedReferenceTaskNames);
        Assert.Equal(["flaky_once"], workflow.FailedTaskNames);
        Assert.Null(workflow.FailedTaskId);
    }

    // Real server: DeciderService.java#retry uses workflowTask.getRetryCount() when set, else taskDef.getRetryCount().
    [Fact]
    public async Task Workflow_task_retry_count_overrides_the_task_definition()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "strict", RetryCount = 5, RetryDelaySeconds = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "no_retries",
            Tasks = [new WorkflowTask { Name = "strict", TaskReferenceName = "strict_ref", RetryCount = 0 }],
        });
        var workflowId = Server.StartWorkflow("no_retries");

        using var response = await ReportAsync(await PollTaskAsync("strict"), "FAILED");

        Assert.Equal(WorkflowStatus.Failed, Server.GetWorkflow(workflowId)!.Status);
    }

    // Real server: Task.java Status.FAILED_WITH_TERMINAL_ERROR isRetriable() false; DeciderService.java#retry.
    [Fact]
    public async Task Terminal_error_fails_the_workflow_without_retrying()
    {
        RegisterSequence("fragile", "breaks", "never");
        var workflowId = Server.StartWorkflow("fragile");
        var task = await PollTaskAsync("breaks");

        using var response = await ReportAsync(task, "FAILED_WITH_TERMINAL_ERROR", "{}", """
            "reasonForIncompletion": "bad input"
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Failed, workflow.Status);
        Assert.Equal($"Task {task["taskId"]} failed with status: FAILED and reason: 'bad input'", workflow.ReasonForIncompletion);
        var only = Assert.Single(workflow.Tasks);
        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, only.Status);
        Assert.Equal(0, Server.GetQueueSize("breaks"));
        Assert.Equal(0, Server.GetQueueSize("never"));
    }

    // Real server: DeciderService.java#retry formats the reason with String.format, so a task that
    // failed for good without a reason gives 'null'; WorkflowExecutorOps.java#terminate copies it.
    [Fact]
    public async Task A_terminal_error_without_a_reason_reads_null_in_the_workflow_reason()
    {
        RegisterSequence("silent", "mute");
        var workflowId = Server.StartWorkflow("silent");
        var task = await PollTaskAsync("mute");

        using var response = await ReportAsync(task, "FAILED_WITH_TERMINAL_ERROR");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var workflow = Server.GetWorkflow(workflowId)!;
        Assert.Equal(WorkflowStatus.Failed, workflow.Status);
        Assert.Equal($"Task {task["taskId"]} failed with status: FAILED and reason: 'null'", workflow.ReasonForIncompletion);
        Assert.Equal((string?)task["taskId"], workflow.FailedTaskId);
    }

    // Real server: DeciderService.java#retry sets COMPLETED_WITH_ERRORS for an optional workflow task.
    [Fact]
    public async Task An_optional_task_that_fails_lets_the_workflow_go_on()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "maybe", RetryCount = 0 }, new TaskDef { Name = "then" });
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "lenient",
            Tasks =
            [
                new WorkflowTask { Name = "maybe", TaskReferenceName = "maybe_ref", Optional = true },
                new WorkflowTask { Name = "then", TaskReferenceName = "then_ref" },
            ],
        });
        var workflowId = Server.StartWorkflow("lenient");

        using var failed = await ReportAsync(await PollTaskAsync("maybe"), "FAILED");
        await CompleteAsync(await PollTaskAsync("then"));

        var workflow = await Server.WaitForWorkflowAsync(workflowId, Patience);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(TaskExecutionStatus.CompletedWithErrors, workflow.Tasks[0].Status);
    }

    // Real server: TaskResource.java#updateTaskV2 polls updatedTask's taskType and domain for taskResult.getWorkerId().
    [Fact]
    public async Task Update_v2_returns_the_next_task_of_the_same_type_for_the_worker()
    {
        RegisterSequence("chain", "repeat");
        var firstWorkflow = Server.StartWorkflow("chain");
        var secondWorkflow = Server.StartWorkflow("chain");
        var first = await PollTaskAsync("repeat");
        Assert.Equal(firstWorkflow, (string?)first["workflowInstanceId"]);

        using var next = await PostAsync("tasks/update-v2", $$"""
            { "workflowInstanceId": "{{firstWorkflow}}", "taskId": "{{first["taskId"]}}", "workerId": "v2-worker", "status": "COMPLETED" }
            """);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var handed = await ReadJsonAsync(next);
        Assert.Equal(secondWorkflow, (string?)handed["workflowInstanceId"]);
        Assert.Equal("IN_PROGRESS", (string?)handed["status"]);
        Assert.Equal("v2-worker", (string?)handed["workerId"]);
        Assert.Equal(1, (int)handed["pollCount"]!);

        using var last = await PostAsync("tasks/update-v2", $$"""
            { "workflowInstanceId": "{{secondWorkflow}}", "taskId": "{{handed["taskId"]}}", "workerId": "v2-worker", "status": "COMPLETED" }
            """);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.Null(last.Content.Headers.ContentType);
        Assert.Equal(WorkflowStatus.Completed, Server.GetWorkflow(secondWorkflow)!.Status);
    }

    // Real server: TaskResource.java#updateTaskV2 answers noContent() when the updated task is not terminal.
    [Fact]
    public async Task Update_v2_with_a_task_still_in_progress_answers_204()
    {
        RegisterSequence("progress_v2", "long", "other");
        Server.StartWorkflow("progress_v2");
        Server.StartWorkflow("progress_v2");
        var task = await PollTaskAsync("long");

        using var response = await PostAsync("tasks/update-v2", $$"""
            { "workflowInstanceId": "{{task["workflowInstanceId"]}}", "taskId": "{{task["taskId"]}}", "workerId": "w", "status": "IN_PROGRESS", "callbackAfterSeconds": 60 }
            """);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2, Server.GetQueueSize("long")); // the other workflow's task was not handed out
    }

    // Real server: TaskResult.java @NotEmpty on workflowInstanceId and taskId; ValidationExceptionMapper.java.
    [Fact]
    public async Task Result_without_ids_is_a_validation_error_naming_both_fields()
    {
        using var response = await PostAsync("tasks", """{ "status": "COMPLETED" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadJsonAsync(response);
        AssertError(error, 400, "Validation failed, check below errors for detail.");
        var messages = error["validationErrors"]!.AsArray().Select(item => (string?)item!["message"]).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("Workflow Id cannot be null or empty", messages);
        Assert.Contains("Task ID cannot be null or empty", messages);

        using var v2 = await PostAsync("tasks/update-v2", """{ "taskId": "t" }""");
        Assert.Equal(HttpStatusCode.BadRequest, v2.StatusCode);
        var v2Error = await ReadJsonAsync(v2);
        Assert.Equal("updateTask.arg0.workflowInstanceId", (string?)Assert.Single(v2Error["validationErrors"]!.AsArray())!["path"]);
    }

    // Real server: ExecutionDAOFacade.java#getWorkflowModel (No such workflow found by id); WorkflowExecutorOps.java#updateTask (No such task found by id).
    [Fact]
    public async Task Result_for_an_unknown_task_or_workflow_is_404()
    {
        RegisterSequence("known", "k");
        var workflowId = Server.StartWorkflow("known");

        using var unknownTask = await PostAsync("tasks", $$"""{ "workflowInstanceId": "{{workflowId}}", "taskId": "t-404", "status": "COMPLETED" }""");
        Assert.Equal(HttpStatusCode.NotFound, unknownTask.StatusCode);
        AssertError(await ReadJsonAsync(unknownTask), 404, "No such task found by id: t-404");

        using var unknownWorkflow = await PostAsync("tasks", """{ "workflowInstanceId": "w-404", "taskId": "t-404", "status": "COMPLETED" }""");
        Assert.Equal(HttpStatusCode.NotFound, unknownWorkflow.StatusCode);
        AssertError(await ReadJsonAsync(unknownWorkflow), 404, "No such workflow found by id: w-404");
    }

    // Real server: Spring's HttpMessageNotReadableException is not in ApplicationExceptionMapper.java's table: #handleAll answers 500.
    [Fact]
    public async Task Unreadable_json_answers_500_as_the_real_server()
    {
        using var response = await PostAsync("tasks", "{ not json");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal(500, (int)error["status"]!);
        Assert.StartsWith("JSON parse error: ", (string?)error["message"]);

        using var badStatus = await PostAsync("tasks", """{ "workflowInstanceId": "w", "taskId": "t", "status": "DONE" }""");
        Assert.Equal(HttpStatusCode.InternalServerError, badStatus.StatusCode);
    }

    // Real server: TaskResult.java#setReasonForIncompletion and Task.java#setReasonForIncompletion (substring 0..500).
    [Fact]
    public async Task Reason_for_incompletion_is_cut_to_500_characters()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "verbose", RetryCount = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "talkative", Tasks = [new WorkflowTask { Name = "verbose", TaskReferenceName = "v" }] });
        Server.StartWorkflow("talkative");
        var task = await PollTaskAsync("verbose");

        using var response = await ReportAsync(task, "FAILED", "{}", $$"""
            "reasonForIncompletion": "{{new string('x', 600)}}"
            """);

        Assert.Equal(500, Server.GetTask((string)task["taskId"]!)!.ReasonForIncompletion!.Length);
    }

    // Real server: WorkflowExecutorOps.java#updateTask adds taskResult.getLogs(); TaskResource.java#log and #getTaskLogs (noContent when none); ExecutionService.java#log.
    [Fact]
    public async Task Logs_from_results_and_the_log_endpoint_are_kept_in_order()
    {
        RegisterSequence("logged", "chatty");
        Server.StartWorkflow("logged");
        var task = await PollTaskAsync("chatty");
        var taskId = (string)task["taskId"]!;

        using (var noLogs = await Http.GetAsync($"tasks/{taskId}/log"))
        {
            Assert.Equal(HttpStatusCode.NoContent, noLogs.StatusCode);
            Assert.Null(noLogs.Content.Headers.ContentType);
        }

        using var logged = await PostAsync($"tasks/{taskId}/log", "\"first line\"");
        Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        using var result = await ReportAsync(task, "COMPLETED", "{}", """
            "logs": [ { "log": "second line", "createdTime": 1700000000000 } ]
            """);

        var logs = (await GetJsonAsync($"tasks/{taskId}/log")).AsArray();
        Assert.Equal(["first line", "second line"], logs.Select(log => (string?)log!["log"]));
        Assert.All(logs, log => Assert.Equal(taskId, (string?)log!["taskId"]));
        Assert.Equal(1700000000000, (long)logs[1]!["createdTime"]!);
        Assert.Equal(2, Server.GetTaskLogs(taskId).Count);
    }

    // Real server: TaskResource.java#getTask (NotFoundException "Task not found for taskId: %s").
    [Fact]
    public async Task Get_task_returns_it_or_404()
    {
        RegisterSequence("lookup", "seen");
        var workflowId = Server.StartWorkflow("lookup");
        var taskId = Server.GetWorkflow(workflowId)!.Tasks.Single().TaskId;

        var task = await GetJsonAsync($"tasks/{taskId}");
        Assert.Equal("SCHEDULED", (string?)task["status"]);
        Assert.Equal(0, (int)task["pollCount"]!);

        using var missing = await Http.GetAsync("tasks/test999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertError(await ReadJsonAsync(missing), 404, "Task not found for taskId: test999");
    }

    // Real server: TaskResource.java#updateTask(workflowId, taskRefName, status) -> TaskServiceImpl.java#updateTask (null without a pending task).
    [Fact]
    public async Task A_pending_task_can_be_updated_by_workflow_and_reference_name()
    {
        RegisterSequence("by_name", "manual", "after_manual");
        var workflowId = Server.StartWorkflow("by_name");

        using var response = await PostAsync($"tasks/{workflowId}/manual_ref/COMPLETED?workerid=operator", """{ "approved": true }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = Server.GetWorkflow(workflowId)!.Tasks[0];
        Assert.Equal(task.TaskId, await response.Content.ReadAsStringAsync());
        Assert.Equal(TaskExecutionStatus.Completed, task.Status);
        Assert.Equal("operator", task.WorkerId);
        Assert.True((bool)task.OutputData["approved"]!);
        Assert.Equal(1, Server.GetQueueSize("after_manual"));

        using var none = await PostAsync($"tasks/{workflowId}/manual_ref/COMPLETED", "{}");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Empty(await none.Content.ReadAsStringAsync());

        // A status outside TaskResult.Status fails Spring's path conversion: ApplicationExceptionMapper.java answers 500.
        using var badStatus = await PostAsync($"tasks/{workflowId}/after_manual_ref/DONE", "{}");
        Assert.Equal(HttpStatusCode.InternalServerError, badStatus.StatusCode);
    }

    // Real server: DeciderService.java#retry (FIXED, LINEAR_BACKOFF, EXPONENTIAL_BACKOFF).
    [Theory]
    [InlineData(RetryLogic.Fixed, 0, 10)]
    [InlineData(RetryLogic.Fixed, 3, 10)]
    [InlineData(RetryLogic.LinearBackoff, 0, 20)]
    [InlineData(RetryLogic.LinearBackoff, 2, 60)]
    [InlineData(RetryLogic.ExponentialBackoff, 0, 10)]
    [InlineData(RetryLogic.ExponentialBackoff, 3, 80)]
    public void Retry_delay_follows_the_retry_logic(RetryLogic logic, int retryCount, int expectedSeconds)
    {
        var taskDef = new TaskDef { Name = "t", RetryLogic = logic, RetryDelaySeconds = 10, BackoffScaleFactor = 2 };
        Assert.Equal(expectedSeconds, ConductorEngine.RetryDelaySeconds(taskDef, retryCount));
    }

    // Real server: DeciderService.java#applyMaxRetryDelayCap.
    [Fact]
    public void Retry_delay_is_capped_by_max_retry_delay()
    {
        var taskDef = new TaskDef { Name = "t", RetryLogic = RetryLogic.ExponentialBackoff, RetryDelaySeconds = 10, MaxRetryDelaySeconds = 25 };
        Assert.Equal(25, ConductorEngine.RetryDelaySeconds(taskDef, 5));
    }
}
