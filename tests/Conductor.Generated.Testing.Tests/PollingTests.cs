using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

public sealed class PollingTests : ServerTestBase
{
    // Real server: TaskResource.java#batchPoll answers ok(List.of()) when nothing was popped.
    [Fact]
    public async Task Batch_poll_without_work_answers_200_with_an_empty_json_array()
    {
        using var response = await Http.GetAsync("tasks/poll/batch/idle?workerid=w&count=5&timeout=0");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    // Real server: TaskResource.java#poll answers noContent() when empty; ExecutionService.java#poll(taskType, workerId, domain) waits POLLING_TIMEOUT_IN_MS (100).
    [Fact]
    public async Task Single_poll_without_work_answers_204_without_body_or_content_type()
    {
        using var response = await Http.GetAsync("tasks/poll/idle?workerid=w");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    // Real server: TaskResource.java#poll; ExecutionService.java#poll(taskType, workerId, domain).
    [Fact]
    public async Task Single_poll_hands_out_one_task()
    {
        RegisterSequence("single", "one");
        var workflowId = Server.StartWorkflow("single");

        using var response = await Http.GetAsync("tasks/poll/one?workerid=solo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = await ReadJsonAsync(response);
        Assert.Equal(workflowId, (string?)task["workflowInstanceId"]);
        Assert.Equal("solo", (string?)task["workerId"]);
        Assert.Equal("IN_PROGRESS", (string?)task["status"]);
    }

    // Real server: ExecutionService.java#poll sets IN_PROGRESS, startTime when 0, callbackAfterSeconds 0, workerId, incrementPollCount.
    [Fact]
    public async Task Handing_out_a_task_marks_it_in_progress_for_the_worker()
    {
        RegisterSequence("handout", "work");
        var workflowId = Server.StartWorkflow("handout");
        Assert.Equal(1, Server.GetQueueSize("work"));

        var tasks = await BatchPollAsync("work", workerId: "worker-7", count: 3);

        var task = Assert.Single(tasks)!;
        Assert.Equal("IN_PROGRESS", (string?)task["status"]);
        Assert.Equal("worker-7", (string?)task["workerId"]);
        Assert.Equal(1, (int)task["pollCount"]!);
        Assert.Equal(0, (int)task["retryCount"]!);
        Assert.Equal(0, (long)task["callbackAfterSeconds"]!);
        Assert.True((long)task["startTime"]! > 0);
        Assert.True((long)task["scheduledTime"]! > 0);
        Assert.Equal("work", (string?)task["taskType"]);
        Assert.Equal("work", (string?)task["taskDefName"]);
        Assert.Equal("work_ref", (string?)task["referenceTaskName"]);
        Assert.Equal("handout", (string?)task["workflowType"]);
        Assert.Equal(workflowId, (string?)task["workflowInstanceId"]);
        Assert.Equal(3600, (long)task["responseTimeoutSeconds"]!);
        Assert.Equal(0, Server.GetQueueSize("work"));
        Assert.Empty(await BatchPollAsync("work"));
    }

    // Real server: ExecutionService.java#poll throws IllegalArgumentException above MAX_POLL_TIMEOUT_MS; ApplicationExceptionMapper.java#handleAll makes it a 400.
    [Fact]
    public async Task Poll_timeout_above_five_seconds_is_rejected()
    {
        using var response = await Http.GetAsync("tasks/poll/batch/any?count=1&timeout=5001");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 400, "Long Poll Timeout value cannot be more than 5 seconds");
    }

    // Real server: ExecutionService.java#poll passes the timeout to QueueDAO.java#pop, which returns once messages are there.
    [Fact]
    public async Task Long_poll_returns_as_soon_as_a_task_is_queued()
    {
        RegisterSequence("wake", "late");
        var poll = Http.GetStringAsync("tasks/poll/batch/late?workerid=w&count=1&timeout=5000");
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);

        var workflowId = Server.StartWorkflow("wake");

        var tasks = JsonNode.Parse(await poll)!.AsArray();
        Assert.Equal(workflowId, (string?)Assert.Single(tasks)!["workflowInstanceId"]);
    }

    // Real server: ExecutionService.java#poll -> QueueDAO.java#pop(queueName, count, timeout).
    [Fact]
    public async Task Long_poll_without_work_waits_for_its_timeout()
    {
        var stopwatch = Stopwatch.StartNew();
        var tasks = await BatchPollAsync("nothing", timeoutMs: 1000);
        stopwatch.Stop();

        Assert.Empty(tasks);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"returned after {stopwatch.Elapsed}");
    }

    // Real server: WorkflowExecutorOps.java#setTaskDomains; ExecutionService.java#poll pops QueueUtils.java#getQueueName(taskType, domain, ...).
    [Fact]
    public async Task Domain_tasks_wait_in_the_domain_queue()
    {
        RegisterSequence("routed", "pick");
        var workflowId = Server.StartWorkflow("routed", taskToDomain: new Dictionary<string, string> { ["pick"] = "blue" });

        Assert.Equal(0, Server.GetQueueSize("pick"));
        Assert.Equal(1, Server.GetQueueSize("pick", "blue"));
        Assert.Equal(1, (int)await GetJsonAsync("tasks/queue/size?taskType=pick&domain=blue"));
        Assert.Equal(0, (int)await GetJsonAsync("tasks/queue/size?taskType=pick"));
        Assert.Empty(await BatchPollAsync("pick"));
        Assert.Empty(await BatchPollAsync("pick", domain: "green"));

        var task = Assert.Single(await BatchPollAsync("pick", domain: "blue"))!;
        Assert.Equal("blue", (string?)task["domain"]);
        Assert.Equal(workflowId, (string?)task["workflowInstanceId"]);
    }

    // Real server: WorkflowExecutorOps.java#setTaskDomains reads taskToDomain.get("*").
    [Fact]
    public async Task Start_request_task_to_domain_applies_the_wildcard()
    {
        RegisterSequence("wildcard", "anything");
        using var start = await PostAsync("workflow", """
            { "name": "wildcard", "input": {}, "taskToDomain": { "*": "night" } }
            """);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);

        Assert.Empty(await BatchPollAsync("anything"));
        var task = Assert.Single(await BatchPollAsync("anything", domain: "night"))!;
        Assert.Equal("night", (string?)task["domain"]);
    }

    // Real server: TaskResource.java#batchPoll -> ExecutionService.java#poll -> QueueDAO.java#pop(queueName, count, timeout).
    [Fact]
    public async Task Batch_poll_hands_out_up_to_count_tasks_in_order()
    {
        RegisterSequence("many", "bulk");
        var ids = Enumerable.Range(0, 5).Select(_ => Server.StartWorkflow("many")).ToList();

        var first = await BatchPollAsync("bulk", count: 3);
        var second = await BatchPollAsync("bulk", count: 3);

        Assert.Equal(ids[..3], first.Select(task => (string?)task!["workflowInstanceId"]));
        Assert.Equal(ids[3..], second.Select(task => (string?)task!["workflowInstanceId"]));
    }

    // Real server: ExecutionService.java#poll: QueueDAO.java#pop hands a message to one poller (it stays unacked, invisible to others).
    [Fact]
    public async Task Concurrent_pollers_never_receive_the_same_task()
    {
        const int workflowCount = 60;
        RegisterSequence("crowd", "shared");
        for (var index = 0; index < workflowCount; index++)
        {
            Server.StartWorkflow("crowd");
        }

        var received = new ConcurrentBag<string>();
        async Task PollerAsync(int poller)
        {
            using var client = new HttpClient { BaseAddress = Server.ApiUrl, Timeout = Patience };
            while (received.Count < workflowCount)
            {
                var body = await client.GetStringAsync($"tasks/poll/batch/shared?workerid=p{poller}&count=4&timeout=200");
                foreach (var task in JsonNode.Parse(body)!.AsArray())
                {
                    received.Add((string)task!["taskId"]!);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(PollerAsync)).WaitAsync(Patience);

        Assert.Equal(workflowCount, received.Count);
        Assert.Equal(workflowCount, received.Distinct().Count());
    }

    // Real server: TaskResource.java#size -> TaskServiceImpl.java#getTaskQueueSizes.
    [Fact]
    public async Task Queue_sizes_reports_each_requested_task_type()
    {
        RegisterSequence("sizes", "a_type");
        Server.StartWorkflow("sizes");
        Server.StartWorkflow("sizes");

        var sizes = await GetJsonAsync("tasks/queue/sizes?taskType=a_type&taskType=b_type");
        Assert.Equal(2, (int)sizes["a_type"]!);
        Assert.Equal(0, (int)sizes["b_type"]!);
    }

    // Real server: TaskResource.java#size binds List<String> taskType (one value split at commas and trimmed, several
    // values as they are); ExecutionService.java#getTaskQueueSizes looks each name up as a queue name, so a domain's
    // queue is asked for as "domain:taskType" (QueueUtils.java#getQueueName).
    [Fact]
    public async Task Queue_sizes_reads_domain_queues_by_their_queue_name_and_splits_one_value_at_commas()
    {
        RegisterSequence("sizes_domain", "d_type");
        Server.StartWorkflow("sizes_domain", taskToDomain: new Dictionary<string, string> { ["d_type"] = "eu" });
        Server.StartWorkflow("sizes_domain");

        var byName = await GetJsonAsync("tasks/queue/sizes?taskType=eu:d_type&taskType=d_type");
        Assert.Equal(1, (int)byName["eu:d_type"]!);
        Assert.Equal(1, (int)byName["d_type"]!);

        var split = await GetJsonAsync("tasks/queue/sizes?taskType=eu:d_type,%20d_type");
        Assert.Equal(["d_type", "eu:d_type"], split.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal));

        var unsplit = await GetJsonAsync("tasks/queue/sizes?taskType=eu:d_type,d_type&taskType=d_type");
        Assert.Equal(["d_type", "eu:d_type,d_type"], unsplit.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, (int)unsplit["eu:d_type,d_type"]!);
    }

    // Real server: without taskType, TaskResource.java#size passes a null list on and
    // ExecutionService.java#getTaskQueueSizes fails on it; ApplicationExceptionMapper.java#handleAll answers 500.
    [Fact]
    public async Task Queue_sizes_without_a_task_type_fails_with_500()
    {
        using var response = await Http.GetAsync("tasks/queue/sizes");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("taskType", (string?)(await ReadJsonAsync(response))["message"], StringComparison.Ordinal);
    }

    // Real server: TaskResource.java#taskDepth (@RequestParam("taskType") is required); the MissingServletRequestParameterException
    // is not in ApplicationExceptionMapper.java's table, so #handleAll answers 500.
    [Fact]
    public async Task Queue_size_requires_a_task_type()
    {
        using var response = await Http.GetAsync("tasks/queue/size");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Required request parameter 'taskType' for method parameter type String is not present", (string?)(await ReadJsonAsync(response))["message"]);
    }
}
