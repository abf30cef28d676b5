using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

// Test server only: the page at / and its snapshot (the real server's UI is a separate
// application). Poll data as the real server keeps it: ExecutionService#poll notes every poll
// through ExecutionDAOFacade#updateTaskLastPoll, whether or not it hands out work; PollData has
// queueName, domain, workerId and lastPollTime. The browser test is in
// tests/Conductor.Generated.Testing.BrowserTests.

/// <summary>The page's files and the JSON snapshot it draws from, over plain HTTP.</summary>
public sealed class PageTests() : ServerTestBase(useFakeClock: true)
{
    private HttpClient Root => new() { BaseAddress = Server.PageUrl, Timeout = Patience };

    [Fact]
    public async Task The_page_and_its_files_are_served_at_the_root()
    {
        Assert.Equal(new Uri(Server.ApiUrl, "/"), Server.PageUrl);
        using var root = Root;
        foreach (var (path, contentType, marker) in new[]
        {
            ("/", "text/html", "<title>Conductor test server</title>"),
            ("/ui/page.js", "text/javascript", "/ui/api/snapshot"),
            ("/ui/page.css", "text/css", ".timeline"),
        })
        {
            using var response = await root.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_snapshot_holds_workflows_with_tasks_and_logs_queues_and_poll_data()
    {
        RegisterSequence("page_flow", "first", "second");
        var workflowId = Server.StartWorkflow("page_flow", new JsonObject { ["orderId"] = "o-1" }, correlationId: "corr-1");
        var task = await PollTaskAsync("first", workerId: "worker-a");
        using (var response = await ReportAsync(task, "COMPLETED", """{"done": true}""", "\"logs\": [{\"log\": \"did it\", \"createdTime\": 5}]"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await BatchPollAsync("nothing_here", workerId: "worker-b", domain: "blue");

        var snapshot = await SnapshotAsync();
        Assert.Equal(Clock!.GetUtcNow().ToUnixTimeMilliseconds(), (long)snapshot["serverTime"]!);
        Assert.Equal(1, (int)snapshot["workflowCount"]!);
        var workflow = snapshot["workflows"]![0]!;
        Assert.Equal(workflowId, (string?)workflow["workflowId"]);
        Assert.Equal("page_flow", (string?)workflow["workflowName"]);
        Assert.Equal("RUNNING", (string?)workflow["status"]);
        Assert.Equal("corr-1", (string?)workflow["correlationId"]);
        Assert.Equal("o-1", (string?)workflow["input"]!["orderId"]);
        var tasks = workflow["tasks"]!.AsArray();
        Assert.Equal(["first_ref:COMPLETED", "second_ref:SCHEDULED"], tasks.Select(t => $"{t!["referenceTaskName"]}:{t["status"]}"));
        Assert.Equal("worker-1", (string?)tasks[0]!["workerId"]); // the worker that reported last
        Assert.True((bool)tasks[0]!["outputData"]!["done"]!);
        Assert.Equal("did it", (string?)tasks[0]!["logs"]![0]!["log"]);
        Assert.Equal(1, (int)tasks[0]!["pollCount"]!);

        Assert.Equal(
            ["blue:nothing_here (nothing_here in blue): 0", "first (first in ): 0", "second (second in ): 1"],
            snapshot["queues"]!.AsArray().Select(q => $"{q!["queueName"]} ({q["taskType"]} in {q["domain"]}): {q["size"]}"));
        var polls = snapshot["pollData"]!.AsArray();
        Assert.Equal(
            ["first//worker-a", "nothing_here/blue/worker-b"],
            polls.Select(p => $"{p!["queueName"]}/{p["domain"]}/{p["workerId"]}"));
        Assert.All(polls, poll => Assert.Equal(Clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)poll!["lastPollTime"]!));
    }

    [Fact]
    public async Task A_poll_is_noted_per_worker_at_its_end_and_a_refused_poll_is_not_noted()
    {
        await BatchPollAsync("typed", workerId: "worker-a");
        var firstPoll = Clock!.GetUtcNow().ToUnixTimeMilliseconds();
        Clock.Advance(TimeSpan.FromSeconds(30));
        using (var refused = await Http.GetAsync("tasks/poll/batch/typed?workerid=worker-a&timeout=6000"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var single = await Http.GetAsync("tasks/poll/other?workerid=worker-c"))
        {
            Assert.True(single.IsSuccessStatusCode);
        }

        var polls = (await SnapshotAsync())["pollData"]!.AsArray();
        Assert.Equal(
            [("other", "worker-c", firstPoll + 30_000), ("typed", "worker-a", firstPoll)],
            polls.Select(p => ((string)p!["queueName"]!, (string)p["workerId"]!, (long)p["lastPollTime"]!)));
    }

    [Fact]
    public async Task The_snapshot_lists_the_newest_workflows_first_up_to_the_limit()
    {
        RegisterSequence("page_flow", "first");
        var older = Server.StartWorkflow("page_flow");
        Clock!.Advance(TimeSpan.FromSeconds(1));
        var newer = Server.StartWorkflow("page_flow");

        var all = await SnapshotAsync();
        Assert.Equal([newer, older], all["workflows"]!.AsArray().Select(w => (string?)w!["workflowId"]));
        var one = await SnapshotAsync("?limit=1");
        Assert.Equal(2, (int)one["workflowCount"]!);
        Assert.Equal([newer], one["workflows"]!.AsArray().Select(w => (string?)w!["workflowId"]));

        using var root = Root;
        foreach (var limit in new[] { "abc", "-1", "1001" })
        {
            using var response = await root.GetAsync($"/ui/api/snapshot?limit={limit}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(
                $"Invalid value '{limit}' for query parameter 'limit': a number of workflows from 0 to 1000",
                await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_page_is_not_counted_and_not_hit_by_faults()
    {
        Server.Faults.SetErrorRate("*", 1.0);
        using var root = Root;
        var before = Server.GetRequestCount("*");
        foreach (var path in new[] { "/", "/ui/page.js", "/ui/page.css", "/ui/api/snapshot" })
        {
            using var response = await root.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(before, Server.GetRequestCount("*"));
    }

    private async Task<JsonNode> SnapshotAsync(string query = "")
    {
        using var root = Root;
        using var response = await root.GetAsync("/ui/api/snapshot" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await ReadJsonAsync(response);
    }
}

/// <summary>With tokens required for the API, the page still opens without one.</summary>
public sealed class PageWithAuthTests : ServerTestBase
{
    protected override void Configure(ConductorTestServerOptions options) =>
        options.Auth = new TestServerAuthOptions().AddKey("key-1", "secret-1");

    [Fact]
    public async Task The_page_asks_for_no_token()
    {
        using var root = new HttpClient { BaseAddress = Server.PageUrl, Timeout = Patience };
        using var page = await root.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var snapshot = await root.GetAsync("/ui/api/snapshot");
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        using var api = await root.GetAsync("/api/metadata/taskdefs");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
