using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/RetryPolicyTests: maxRetryDelaySeconds, backoffJitterMs and totalTimeoutSeconds of a
/// task definition, and the response timeout after a poll. Real server: DeciderService#retry
/// (delay by retryLogic, #applyMaxRetryDelayCap, jitter in [0, backoffJitterMs] ms into
/// TaskModel#callbackAfterMs, the total-timeout guard), WorkflowExecutorOps#addTaskToQueue (the
/// queue delay in milliseconds), DeciderService#checkTotalTimeout, #isResponseTimedOut.
/// On the fake clock, so delays are measured exactly rather than against the wall clock.
/// </summary>
public sealed class RetryPolicyScenarioTests() : ScenarioTestBase(useFakeClock: true)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(10);

    /// <summary>The e2e suite's task definition (600 s timeouts, 5 retries) plus the fields of the scenario, and a workflow of one such task.</summary>
    private async Task RegisterAsync(string taskType, string fieldsJson, bool baseFields = true)
    {
        var basics = baseFields ? "\"timeoutSeconds\":600,\"responseTimeoutSeconds\":600,\"retryCount\":5," : "";
        await RegisterTaskDefsAsync($$"""[{"name":"{{taskType}}","ownerEmail":"test@conductor.io",{{basics}}{{fieldsJson}}}]""");
        await UpdateWorkflowDefAsync($$"""
            {"name":"{{taskType}}_wf","version":1,"timeoutSeconds":600,"timeoutPolicy":"ALERT_ONLY",
             "tasks":[{"name":"{{taskType}}","taskReferenceName":"{{taskType}}_ref","type":"SIMPLE"}]}
            """);
    }

    private Task<string> StartAsync(string taskType) => StartWorkflowAsync($$"""{"name":"{{taskType}}_wf","version":1,"input":{} }""");

    private async Task<JsonNode> PollAsync(string taskType) => (await PollAdvancingAsync(taskType, Now, Step, Ceiling)).Task;

    private long Now => Clock!.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The e2e suite's awaitScheduledRetry: the SCHEDULED task once the workflow has that many tasks.</summary>
    private async Task<JsonNode> ScheduledRetryAsync(string workflowId, int taskCount)
    {
        var workflow = await UntilAsync(workflowId, run => Tasks(run).Count >= taskCount, $"{taskCount} tasks");
        Assert.Equal(taskCount, Tasks(workflow).Count);
        return Tasks(workflow).Single(task => Status(task) == "SCHEDULED")!;
    }

    /// <summary>Fails the attempt handed out next, then returns the retry it left SCHEDULED.</summary>
    private async Task<JsonNode> FailAndReadRetryAsync(string taskType, string workflowId, int taskCount)
    {
        await FailAsync(await PollAsync(taskType), "e2e retry policy test");
        return await ScheduledRetryAsync(workflowId, taskCount);
    }

    private async Task CompleteAndEndAsync(string taskType, string workflowId)
    {
        await CompleteAsync(await PollAsync(taskType));
        await UntilStatusAsync(workflowId, "COMPLETED");
    }

    private static long CallbackAfterSeconds(JsonNode task) => (long)task["callbackAfterSeconds"]!;

    // e2e RetryPolicyTests#testMaxRetryDelaySeconds_exponential, #testMaxRetryDelaySeconds_linear,
    // #testMaxRetryDelaySeconds_zeroMeansNoCapApplied, #testMaxRetryDelaySeconds_capLessThanBaseDelay,
    // #testMaxRetryDelaySeconds_capEqualsBase, #testTotalTimeoutSeconds_withMaxRetryDelayCap: the retry's callbackAfterSeconds is the delay of
    // retryLogic (FIXED: base; LINEAR_BACKOFF: base × backoffScaleFactor × (retryCount + 1);
    // EXPONENTIAL_BACKOFF: base × 2^retryCount) capped by maxRetryDelaySeconds when above 0
    // (DeciderService#retry, #applyMaxRetryDelayCap).
    [Theory]
    [InlineData("exp_cap", """ "retryDelaySeconds":1,"retryLogic":"EXPONENTIAL_BACKOFF","maxRetryDelaySeconds":3 """, new long[] { 1, 2, 3 })]
    [InlineData("lin_cap", """ "retryDelaySeconds":1,"retryLogic":"LINEAR_BACKOFF","backoffScaleFactor":2,"maxRetryDelaySeconds":3 """, new long[] { 2, 3 })]
    [InlineData("no_cap", """ "retryDelaySeconds":1,"retryLogic":"EXPONENTIAL_BACKOFF","maxRetryDelaySeconds":0 """, new long[] { 1, 2, 4 })]
    [InlineData("cap_below_base", """ "retryDelaySeconds":5,"retryLogic":"FIXED","maxRetryDelaySeconds":2 """, new long[] { 2, 2 })]
    [InlineData("cap_equals_base", """ "retryDelaySeconds":2,"retryLogic":"LINEAR_BACKOFF","backoffScaleFactor":2,"maxRetryDelaySeconds":2 """, new long[] { 2, 2 })]
    [InlineData("total_and_cap", """ "retryCount":5,"retryDelaySeconds":1,"retryLogic":"EXPONENTIAL_BACKOFF","maxRetryDelaySeconds":2,"totalTimeoutSeconds":60,"timeoutSeconds":0,"responseTimeoutSeconds":1 """, new long[] { 1, 2 })]
    public Task The_retry_delay_follows_the_retry_logic_capped_by_max_retry_delay(string taskType, string fieldsJson, long[] expectedDelays) =>
        RunRetriesAsync(taskType, fieldsJson, expectedDelays, jitterMs: 0);

    // e2e RetryPolicyTests#testBackoffJitterMs_fixed, #testBackoffJitterMs_exponential, #testBackoffJitterMs_linear,
    // #testBackoffJitterMs_zero, #testBackoffJitterMs_minimumOnems, #testMaxRetryDelaySeconds_withJitter,
    // #testTotalTimeoutSeconds_withJitter: callbackAfterSeconds stays the (capped) delay; the queue
    // holds the retry back for that delay plus a random [0, backoffJitterMs] ms (DeciderService#retry
    // sets callbackAfterMs, WorkflowExecutorOps#addTaskToQueue pushes with it).
    [Theory]
    [InlineData("jitter_fixed", """ "retryDelaySeconds":2,"retryLogic":"FIXED","backoffJitterMs":1000 """, new long[] { 2 }, 1000)]
    [InlineData("jitter_exp", """ "retryDelaySeconds":1,"retryLogic":"EXPONENTIAL_BACKOFF","backoffJitterMs":500 """, new long[] { 1, 2 }, 500)]
    [InlineData("jitter_lin", """ "retryDelaySeconds":1,"retryLogic":"LINEAR_BACKOFF","backoffScaleFactor":2,"backoffJitterMs":500 """, new long[] { 2 }, 500)]
    [InlineData("jitter_zero", """ "retryDelaySeconds":2,"retryLogic":"FIXED","backoffJitterMs":0 """, new long[] { 2 }, 0)]
    [InlineData("jitter_one", """ "retryDelaySeconds":2,"retryLogic":"FIXED","backoffJitterMs":1 """, new long[] { 2 }, 1)]
    [InlineData("jitter_cap", """ "retryDelaySeconds":1,"retryLogic":"EXPONENTIAL_BACKOFF","maxRetryDelaySeconds":3,"backoffJitterMs":500 """, new long[] { 1, 2, 3 }, 500)]
    [InlineData("jitter_total", """ "retryDelaySeconds":1,"retryLogic":"FIXED","backoffJitterMs":500,"totalTimeoutSeconds":60,"timeoutSeconds":0,"responseTimeoutSeconds":1,"retryCount":5 """, new long[] { 1 }, 500)]
    public Task Jitter_adds_up_to_backoff_jitter_ms_to_the_queue_delay_only(string taskType, string fieldsJson, long[] expectedDelays, int jitterMs) =>
        RunRetriesAsync(taskType, fieldsJson, expectedDelays, jitterMs);

    /// <summary>
    /// Fails the task once per expected delay; each retry shows the delay as callbackAfterSeconds
    /// and is handed out that long after it was scheduled (plus at most the jitter), then the last completes.
    /// </summary>
    private async Task RunRetriesAsync(string taskType, string fieldsJson, long[] expectedDelays, int jitterMs)
    {
        await RegisterAsync(taskType, fieldsJson, baseFields: !fieldsJson.Contains("totalTimeoutSeconds", StringComparison.Ordinal));
        var workflowId = await StartAsync(taskType);

        var handedOut = await PollAsync(taskType);
        for (var attempt = 0; attempt < expectedDelays.Length; attempt++)
        {
            await FailAsync(handedOut, "e2e retry policy test");
            var retry = await ScheduledRetryAsync(workflowId, attempt + 2);
            Assert.Equal(expectedDelays[attempt], CallbackAfterSeconds(retry));
            Assert.Equal(attempt + 1, (int)retry["retryCount"]!);
            Assert.Equal((string?)handedOut["taskId"], (string?)retry["retriedTaskId"]);

            var (task, waited) = await PollAdvancingAsync(taskType, (long)retry["scheduledTime"]!, Step, Ceiling);
            handedOut = task;
            if (jitterMs == 0)
            {
                Assert.Equal(expectedDelays[attempt] * 1000, waited);
            }
            else
            {
                // Due at delay + jitter; seen at the first 10 ms step of the fake clock at or after it.
                Assert.InRange(waited, expectedDelays[attempt] * 1000, (expectedDelays[attempt] * 1000) + jitterMs + Step.Milliseconds - 1);
            }
        }

        await CompleteAsync(handedOut);
        await UntilStatusAsync(workflowId, "COMPLETED");
    }

    // e2e RetryPolicyTests#testConcurrentRetries_jitterSpreadsRetryTimes: retries failed at the same
    // instant come due at different times, within [delay, delay + backoffJitterMs] (DeciderService#retry
    // draws the jitter per retry).
    [Fact]
    public async Task Jitter_spreads_retries_that_failed_together()
    {
        const string taskType = "jitter_spread";
        const int runs = 5;
        await RegisterAsync(taskType, """ "retryDelaySeconds":1,"retryLogic":"FIXED","backoffJitterMs":3000 """);
        var workflowIds = new List<string>();
        for (var run = 0; run < runs; run++)
        {
            workflowIds.Add(await StartAsync(taskType));
        }

        for (var run = 0; run < runs; run++)
        {
            await FailAsync(await PollAsync(taskType));
        }

        var failedAt = Now;
        var waits = new List<long>();
        while (waits.Count < runs)
        {
            var (task, waited) = await PollAdvancingAsync(taskType, failedAt, Step, Ceiling);
            waits.Add(waited);
            await CompleteAsync(task);
        }

        Assert.All(waits, waited => Assert.InRange(waited, 1000, 4000 + Step.Milliseconds - 1));
        Assert.True(waits.Distinct().Count() >= 2, $"Every retry came due at the same instant: {string.Join(", ", waits)}");
        foreach (var workflowId in workflowIds)
        {
            await UntilStatusAsync(workflowId, "COMPLETED");
        }
    }

    // e2e RetryPolicyTests#testConcurrentRetries_capAndJitter_allWorkflowsComplete: every run's retry
    // has callbackAfterSeconds at most the cap, and every run completes.
    [Fact]
    public async Task Runs_with_cap_and_jitter_all_complete()
    {
        const string taskType = "cap_jitter_runs";
        await RegisterAsync(taskType, """ "retryDelaySeconds":1,"retryLogic":"EXPONENTIAL_BACKOFF","maxRetryDelaySeconds":2,"backoffJitterMs":500 """);
        var workflowIds = new List<string>();
        for (var run = 0; run < 4; run++)
        {
            workflowIds.Add(await StartAsync(taskType));
        }

        for (var run = 0; run < 4; run++)
        {
            await FailAsync(await PollAsync(taskType));
        }

        foreach (var workflowId in workflowIds)
        {
            Assert.True(CallbackAfterSeconds(await ScheduledRetryAsync(workflowId, 2)) <= 2);
        }

        for (var run = 0; run < 4; run++)
        {
            await CompleteAsync(await PollAsync(taskType));
        }

        foreach (var workflowId in workflowIds)
        {
            Assert.Equal("COMPLETED", Status(await UntilStatusAsync(workflowId, "COMPLETED")));
        }
    }

    // e2e RetryPolicyTests#testPollGapFix_responseTimeoutDetectedBeforePollTimeout: once polled, the
    // task times out after responseTimeoutSeconds (3), not pollTimeoutSeconds (30); no retry left, so
    // the workflow is TIMED_OUT (DeciderService#isResponseTimedOut, #timeoutTask, #retry).
    [Fact]
    public async Task The_response_timeout_applies_as_soon_as_the_task_is_polled()
    {
        const string taskType = "poll_gap";
        await RegisterAsync(taskType, """ "retryLogic":"FIXED","pollTimeoutSeconds":30,"responseTimeoutSeconds":3,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","retryCount":0 """, baseFields: false);
        var workflowId = await StartAsync(taskType);
        var task = await PollAsync(taskType);

        Clock!.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("IN_PROGRESS", Status(Tasks(await WorkflowAsync(workflowId))[0]));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var workflow = await UntilStatusAsync(workflowId, "TIMED_OUT");
        var timedOut = Tasks(workflow)[0]!;
        Assert.Equal((string?)task["taskId"], (string?)timedOut["taskId"]);
        Assert.Equal("TIMED_OUT", Status(timedOut));
        Assert.Equal($"responseTimeout: 3 exceeded for the taskId: {task["taskId"]} with Task Definition: {taskType}", (string?)timedOut["reasonForIncompletion"]);
    }

    // e2e RetryPolicyTests#testTotalTimeoutSeconds_zero_disabled, #testTotalTimeoutSeconds_notExceeded_workflowCompletes,
    // #testTotalTimeoutSeconds_firstScheduledTimePreservedAcrossRetries,
    // #testTotalTimeoutSeconds_concurrentWorkflows_eachInstanceIndependent: within the budget (or
    // with none) retries go on as usual and the run completes; the budget is per run.
    [Theory]
    [InlineData("total_zero", 0, 2)]
    [InlineData("total_ok", 60, 2)]
    [InlineData("total_preserved", 60, 3)]
    public async Task Within_the_total_timeout_retries_go_on(string taskType, int totalSeconds, int failures)
    {
        await RegisterAsync(taskType, $$""""
            "retryCount":10,"retryDelaySeconds":0,"retryLogic":"FIXED","totalTimeoutSeconds":{{totalSeconds}},"timeoutSeconds":0,"responseTimeoutSeconds":1
            """", baseFields: false);
        string[] workflowIds = [await StartAsync(taskType), await StartAsync(taskType)];

        // A worker that fails each run's first attempts and completes the next, whichever run it gets.
        var attempts = workflowIds.ToDictionary(id => id, _ => 0);
        while (attempts.Values.Any(count => count <= failures))
        {
            var task = await PollAsync(taskType);
            var workflowId = (string)task["workflowInstanceId"]!;
            if (attempts[workflowId]++ < failures)
            {
                await FailAsync(task);
            }
            else
            {
                await CompleteAsync(task);
            }
        }

        foreach (var workflowId in workflowIds)
        {
            var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
            var tasks = Tasks(workflow);
            Assert.Equal(failures + 1, tasks.Count);
            Assert.All(tasks.Take(failures), task => Assert.Equal("FAILED", Status(task)));
            Assert.Equal(failures, (int)tasks[^1]!["retryCount"]!);
        }
    }

    // e2e RetryPolicyTests#testTotalTimeoutSeconds_exceeded_workflowTerminates: a worker that always
    // fails, no retry delay, 100 retries, totalTimeoutSeconds 4, TIME_OUT_WF. The run ends long before
    // the retries run out: the sweep finds the pending retry past the budget (DeciderService#checkTotalTimeout,
    // TIME_OUT_WF: TIMED_OUT) or the failure that would be retried finds it spent (DeciderService#retry: FAILED).
    [Fact]
    public async Task Past_the_total_timeout_the_run_ends_before_the_retries_run_out()
    {
        const string taskType = "total_exceeded";
        await RegisterAsync(taskType, """ "retryCount":100,"retryDelaySeconds":0,"retryLogic":"FIXED","totalTimeoutSeconds":4,"timeoutSeconds":0,"responseTimeoutSeconds":1,"timeoutPolicy":"TIME_OUT_WF" """, baseFields: false);
        var workflowId = await StartAsync(taskType);

        var workflow = await FailUntilEndedAsync(taskType, workflowId);
        Assert.Contains(Status(workflow), new[] { "FAILED", "TIMED_OUT" });
        Assert.True(Tasks(workflow).Count < 100, $"{Tasks(workflow).Count} attempts");
        Assert.Contains("exceeded total timeout of 4 seconds", (string?)workflow["reasonForIncompletion"], StringComparison.Ordinal);
    }

    // e2e RetryPolicyTests#testTotalTimeoutSeconds_alertOnlyPolicy_terminatesOnWorkerFailure: with
    // ALERT_ONLY the sweep leaves the pending task alone, but the next failure is not retried once
    // the budget is spent: the workflow FAILS with DeciderService#retry's reason.
    [Fact]
    public async Task With_alert_only_the_first_failure_past_the_total_timeout_fails_the_run()
    {
        const string taskType = "total_alert_only";
        await RegisterAsync(taskType, """ "retryCount":100,"retryDelaySeconds":0,"retryLogic":"FIXED","totalTimeoutSeconds":4,"timeoutSeconds":0,"responseTimeoutSeconds":1,"timeoutPolicy":"ALERT_ONLY" """, baseFields: false);
        var workflowId = await StartAsync(taskType);

        var workflow = await FailUntilEndedAsync(taskType, workflowId);
        Assert.Equal("FAILED", Status(workflow));
        var tasks = Tasks(workflow);
        Assert.True(tasks.Count < 100, $"{tasks.Count} attempts");
        var last = tasks[^1]!;
        Assert.Equal("FAILED", Status(last));
        Assert.Equal(
            $"Task {last["taskId"]}/{taskType} exceeded total timeout of 4 seconds (elapsed 4 seconds across all attempts). No further retries will be attempted.",
            (string?)workflow["reasonForIncompletion"]);
    }

    // TaskDef: maxRetryDelaySeconds, backoffJitterMs and totalTimeoutSeconds are @Min(0); a negative
    // one is a 400 naming it (MetadataServiceImpl#registerTaskDef, ValidationExceptionMapper).
    [Theory]
    [InlineData("maxRetryDelaySeconds")]
    [InlineData("backoffJitterMs")]
    [InlineData("totalTimeoutSeconds")]
    public async Task A_negative_retry_policy_field_is_refused(string field)
    {
        using var response = await PostAsync("metadata/taskdefs", $$"""[{"name":"negative","{{field}}":-1}]""");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Contains($"TaskDef {field}: -1 must be >= 0", body["validationErrors"]!.AsArray().Select(error => (string?)error!["message"]));
    }

    // The fields come back as registered (TaskDef#getBackoffJitterMs and the others).
    [Fact]
    public async Task The_retry_policy_fields_are_read_back()
    {
        await RegisterTaskDefsAsync("""[{"name":"policy","maxRetryDelaySeconds":3,"backoffJitterMs":250,"totalTimeoutSeconds":60,"timeoutSeconds":0}]""");
        var stored = await GetJsonAsync("metadata/taskdefs/policy");
        Assert.Equal(3, (int)stored["maxRetryDelaySeconds"]!);
        Assert.Equal(250, (int)stored["backoffJitterMs"]!);
        Assert.Equal(60, (int)stored["totalTimeoutSeconds"]!);
    }

    /// <summary>The e2e suite's always-failing worker: each attempt fails half a second of the clock after it was scheduled.</summary>
    private async Task<JsonNode> FailUntilEndedAsync(string taskType, string workflowId)
    {
        for (var round = 0; round < 100; round++)
        {
            var workflow = await WorkflowAsync(workflowId);
            if (Status(workflow) != "RUNNING")
            {
                return workflow;
            }

            Clock!.Advance(TimeSpan.FromMilliseconds(500));
            if (await PollNowAsync(taskType) is { } task)
            {
                await FailAsync(task, "e2e totalTimeout stress test");
            }
        }

        throw new TimeoutException("The run did not end");
    }
}
