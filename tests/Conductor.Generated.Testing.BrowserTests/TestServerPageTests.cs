using System.Drawing;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Conductor.Generated.Testing.BrowserTests;

// Test server only: the real server has no page of its own (its UI is a separate application).

/// <summary>
/// The test server's page in headless Chromium: a workflow that completed, one that failed after
/// a retry and one still waiting, each shown with its status; the failed one's tasks drawn on the
/// timeline with sensible geometry; the queues and the workers that polled. The test saves a
/// screenshot (test-server-page.png beside the test assembly), the one in docs/images/.
/// </summary>
public sealed class TestServerPageTests : IAsyncLifetime
{
    private const string WorkerId = "browser-test-worker";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ConductorTestServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ConductorTestServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.ApiUrl, Timeout = Patience };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_page_shows_completed_failed_and_running_workflows_and_draws_the_timeline()
    {
        await RegisterAsync();
        var completed = _server.StartWorkflow("page_order", Order("o-1001", "ada@example.com"), correlationId: "order-1001");
        await WorkAsync("greet", Complete(new JsonObject { ["greeting"] = "Hello, Ada" }, "greeted Ada"));
        await WorkAsync("charge", Complete(new JsonObject { ["chargeId"] = "ch_1001" }, "charged 42.50 EUR"));
        Assert.Equal(WorkflowStatus.Completed, (await _server.WaitForWorkflowAsync(completed, Patience)).Status);

        var failed = _server.StartWorkflow("page_order", Order("o-1002", "bob@example.com"), correlationId: "order-1002");
        await WorkAsync("greet", Complete(new JsonObject { ["greeting"] = "Hello, Bob" }, "greeted Bob"));
        await WorkAsync("charge", Fail("card declined: insufficient funds"));
        await WorkAsync("charge", Fail("card declined: insufficient funds"));
        var failedRun = await _server.WaitForWorkflowAsync(failed, Patience);
        Assert.Equal(WorkflowStatus.Failed, failedRun.Status);

        var waiting = _server.StartWorkflow("page_order", Order("o-1003", "cy@example.com"), correlationId: "order-1003");

        using var chromium = Chromium.Start();
        var browser = chromium.Driver;
        browser.Navigate().GoToUrl(_server.PageUrl);
        WaitUntil(browser, () => browser.FindElements(By.CssSelector("[data-testid=workflow-row]")).Count == 3, "three workflow rows");

        // The page redraws itself every second: each read below is retried when it meets an
        // element that a redraw replaced, and the timeline's geometry is read in one script.

        // The statuses, as data and as the text a reader sees.
        Assert.Equal("COMPLETED", Read(() => RowStatus(browser, completed)));
        Assert.Equal("FAILED", Read(() => RowStatus(browser, failed)));
        Assert.Equal("RUNNING", Read(() => RowStatus(browser, waiting)));
        Assert.Contains("order-1002", Read(() => Row(browser, failed).Text), StringComparison.Ordinal);

        // The failed workflow: its reason, and its three task attempts on the timeline.
        Click(() => Row(browser, failed));
        WaitUntil(browser, () => Detail(browser)?.GetAttribute("data-workflow-id") == failed, "the failed workflow's details");
        Assert.Contains("card declined", Read(() => Detail(browser)!.FindElement(By.CssSelector("[data-testid=workflow-reason]")).Text), StringComparison.Ordinal);
        var lanes = TimelineGeometry(browser);
        Assert.Equal(["greet:COMPLETED", "charge:FAILED", "charge:FAILED"], lanes.Select(lane => $"{lane.Reference}:{lane.Status}"));
        for (var i = 0; i < lanes.Count; i++)
        {
            var (bar, track) = (lanes[i].Bar, lanes[i].Track);
            Assert.True(bar.Width >= 2 && bar.Height >= 8, $"bar {i} is {bar}, too small to see");
            Assert.True(track.Width >= 300, $"track {i} is {track}, too narrow for a timeline");
            Assert.True(bar.Left >= track.Left - 1 && bar.Right <= track.Right + 1, $"bar {i} at {bar} leaves its track {track}");
            Assert.True(bar.Top >= track.Top - 1 && bar.Bottom <= track.Bottom + 1, $"bar {i} at {bar} leaves its track {track}");
            if (i > 0)
            {
                var before = lanes[i - 1].Bar;
                Assert.True(bar.Top >= before.Bottom, $"attempt {i} at {bar} is not in a lane below the one before ({before})");
                Assert.True(bar.Left >= before.Left - 1, $"attempt {i} starts at {bar.Left}, left of the one before it ({before.Left})");
            }
        }

        // The failed attempt is the one shown: reason, worker, attempt, input and logs.
        var task = Read(() =>
        {
            var shown = Detail(browser)!.FindElement(By.CssSelector("[data-testid=task-detail]"));
            return (
                Id: shown.GetAttribute("data-task-id"),
                Text: shown.Text,
                Reason: shown.FindElement(By.CssSelector("[data-testid=task-reason]")).Text,
                Input: shown.FindElement(By.CssSelector("[data-testid=task-input]")).Text,
                Logs: shown.FindElement(By.CssSelector("[data-testid=task-logs]")).Text);
        });
        Assert.Equal(failedRun.Tasks[^1].TaskId, task.Id);
        Assert.Contains("card declined: insufficient funds", task.Reason, StringComparison.Ordinal);
        Assert.Contains(WorkerId, task.Text, StringComparison.Ordinal);
        Assert.Contains("2 of 2", task.Text, StringComparison.Ordinal);
        Assert.Contains("o-1002", task.Input, StringComparison.Ordinal);
        Assert.Contains("declining the card", task.Logs, StringComparison.Ordinal);

        // Clicking the first lane shows the completed greeting with its output.
        Click(() => Detail(browser)!.FindElements(By.CssSelector("[data-testid=timeline-lane]"))[0]);
        WaitUntil(browser, () => Detail(browser)?.FindElement(By.CssSelector("[data-testid=task-detail]")).GetAttribute("data-task-id") == failedRun.Tasks[0].TaskId, "the greet task's details");
        Assert.Contains("Hello, Bob", Read(() => Detail(browser)!.FindElement(By.CssSelector("[data-testid=task-output]")).Text), StringComparison.Ordinal);

        // The waiting workflow's task sits in the greet queue; the worker polled both task types.
        Assert.Equal("1", Read(() => browser.FindElement(By.CssSelector("[data-testid=queue-row][data-queue=greet]")).FindElements(By.TagName("td"))[^1].Text));
        var workers = Read(() => browser.FindElements(By.CssSelector("[data-testid=worker-row]"))
            .Select(row => (TaskType: row.FindElement(By.TagName("td")).Text, Worker: row.GetAttribute("data-worker-id")))
            .ToList());
        Assert.Equal([("charge", WorkerId), ("greet", WorkerId)], workers);

        // The page keeps itself current: a workflow started now shows up without a reload.
        var later = _server.StartWorkflow("page_order", Order("o-1004", "di@example.com"), correlationId: "order-1004");
        WaitUntil(browser, () => browser.FindElements(By.CssSelector($"[data-workflow-id='{later}']")).Count > 0, "the workflow started after the page loaded");

        // The picture for docs/images/test-server-page.png: the failed workflow, its failed attempt.
        Click(() => Row(browser, failed));
        WaitUntil(browser, () => Detail(browser)?.GetAttribute("data-workflow-id") == failed, "the failed workflow's details again");
        Click(() => Detail(browser)!.FindElements(By.CssSelector("[data-testid=timeline-lane]"))[^1]);
        WaitUntil(browser, () => Detail(browser)?.FindElement(By.CssSelector("[data-testid=task-detail]")).GetAttribute("data-task-id") == failedRun.Tasks[^1].TaskId, "the failed attempt's details");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "test-server-page.png");
        browser.GetScreenshot().SaveAsFile(screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
    }

    [Fact]
    public void The_page_says_so_when_no_workflow_has_run_yet()
    {
        using var chromium = Chromium.Start();
        var browser = chromium.Driver;
        browser.Navigate().GoToUrl(_server.PageUrl);
        WaitUntil(browser, () => browser.FindElement(By.TagName("body")).GetAttribute("data-loaded") == "true", "the first snapshot");
        Assert.True(browser.FindElement(By.Id("no-workflows")).Displayed);
        Assert.Empty(browser.FindElements(By.CssSelector("[data-testid=workflow-row]")));
        Assert.False(browser.FindElement(By.CssSelector("[data-testid=error]")).Displayed);
    }

    [Fact]
    public async Task A_press_on_a_row_is_not_lost_to_the_redraw_while_workflows_run()
    {
        await RegisterAsync();
        var first = _server.StartWorkflow("page_order", Order("o-2001", "dee@example.com"));
        var second = _server.StartWorkflow("page_order", Order("o-2002", "eve@example.com"));

        using var chromium = Chromium.Start();
        var browser = chromium.Driver;
        browser.Navigate().GoToUrl(_server.PageUrl);
        WaitUntil(browser, () => browser.FindElements(By.CssSelector("[data-testid=workflow-row]")).Count == 2, "two workflow rows");
        WaitUntil(browser, () => Detail(browser) is not null, "a workflow shown by default");
        var other = Read(() => Detail(browser)!.GetAttribute("data-workflow-id")) == first ? second : first;

        // Running workflows redraw the page every second. A press held across two refreshes keeps
        // the row it landed on (a redraw would replace it and the release would click nothing).
        Read(() =>
        {
            new OpenQA.Selenium.Interactions.Actions(browser).ClickAndHold(Row(browser, other)).Perform();
            return true;
        });

        // The row under the press (a redraw may have come between finding the row and pressing it).
        var row = Row(browser, other);
        var refreshedBefore = browser.FindElement(By.Id("updated")).Text;
        WaitUntil(browser, () => browser.FindElement(By.Id("updated")).Text != refreshedBefore, "a refresh while the press is held");
        var refreshedDuring = browser.FindElement(By.Id("updated")).Text;
        WaitUntil(browser, () => browser.FindElement(By.Id("updated")).Text != refreshedDuring, "a second refresh while the press is held");
        Assert.Equal(other, row.GetAttribute("data-workflow-id")); // throws StaleElementReferenceException if the row was redrawn

        new OpenQA.Selenium.Interactions.Actions(browser).Release().Perform();
        WaitUntil(browser, () => Detail(browser)?.GetAttribute("data-workflow-id") == other, "the pressed workflow's details");
    }

    private async Task RegisterAsync()
    {
        await PostAsync("metadata/taskdefs", """
            [
              {"name": "greet", "retryCount": 0, "responseTimeoutSeconds": 60, "ownerEmail": "page@example.com"},
              {"name": "charge", "retryCount": 1, "retryDelaySeconds": 0, "responseTimeoutSeconds": 60, "ownerEmail": "page@example.com"}
            ]
            """);
        await PostAsync("metadata/workflow", """
            {
              "name": "page_order", "version": 1, "ownerEmail": "page@example.com",
              "tasks": [
                {"name": "greet", "taskReferenceName": "greet", "type": "SIMPLE", "inputParameters": {"email": "${workflow.input.email}"}},
                {"name": "charge", "taskReferenceName": "charge", "type": "SIMPLE", "inputParameters": {"order": "${workflow.input.orderId}", "amount": 42.5}}
              ],
              "outputParameters": {"chargeId": "${charge.output.chargeId}"}
            }
            """);
    }

    private static JsonObject Order(string orderId, string email) => new() { ["orderId"] = orderId, ["email"] = email };

    private static Func<string, JsonObject> Complete(JsonObject output, string log) => taskId => new JsonObject
    {
        ["taskId"] = taskId,
        ["status"] = "COMPLETED",
        ["workerId"] = WorkerId,
        ["outputData"] = output,
        ["logs"] = new JsonArray(new JsonObject { ["taskId"] = taskId, ["log"] = log, ["createdTime"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }),
    };

    private static Func<string, JsonObject> Fail(string reason) => taskId => new JsonObject
    {
        ["taskId"] = taskId,
        ["status"] = "FAILED",
        ["workerId"] = WorkerId,
        ["reasonForIncompletion"] = reason,
        ["logs"] = new JsonArray(new JsonObject { ["taskId"] = taskId, ["log"] = "declining the card", ["createdTime"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }),
    };

    /// <summary>Polls one task of the type as a worker would, and reports the result made for it.</summary>
    private async Task WorkAsync(string taskType, Func<string, JsonObject> result)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var polled = await _http.GetFromJsonAsync<JsonArray>($"tasks/poll/batch/{taskType}?workerid={WorkerId}&count=1&timeout=1000");
            if (polled is [JsonObject task, ..])
            {
                var body = result(task["taskId"]!.GetValue<string>());
                body["workflowInstanceId"] = task["workflowInstanceId"]!.GetValue<string>();
                await PostAsync("tasks", body.ToJsonString());
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {taskType} task to poll within {Patience}");
        }
    }

    private async Task PostAsync(string path, string json)
    {
        using var response = await _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static IWebElement Row(ChromeDriver browser, string workflowId) =>
        browser.FindElement(By.CssSelector($"[data-testid=workflow-row][data-workflow-id='{workflowId}']"));

    private static string RowStatus(ChromeDriver browser, string workflowId)
    {
        var row = Row(browser, workflowId);
        var shown = row.FindElement(By.CssSelector("[data-testid=status]")).Text;
        Assert.Equal(row.GetAttribute("data-status"), shown);
        return shown;
    }

    private static IWebElement? Detail(ChromeDriver browser) =>
        browser.FindElements(By.CssSelector("[data-testid=workflow-detail]")).FirstOrDefault(element => element.Displayed);

    /// <summary>Each timeline lane's task, status, bar and track, read at once by one script (a redraw cannot come between).</summary>
    private static List<(string Reference, string Status, RectangleF Bar, RectangleF Track)> TimelineGeometry(ChromeDriver browser)
    {
        const string Script = """
            const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].join(","); };
            return [...document.querySelectorAll("#detail [data-testid=timeline-lane]")].map(lane => {
              const bar = lane.querySelector("[data-testid=timeline-bar]");
              return [bar.dataset.taskRef, bar.dataset.status, box(bar), box(lane.querySelector("[data-testid=timeline-track]"))].join(";");
            }).join("|");
            """;
        var text = (string)browser.ExecuteScript(Script)!;
        return [.. text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(lane =>
        {
            var parts = lane.Split(';');
            return (parts[0], parts[1], Rect(parts[2]), Rect(parts[3]));
        })];

        static RectangleF Rect(string text)
        {
            var n = text.Split(',').Select(value => float.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return new RectangleF(n[0], n[1], n[2], n[3]);
        }
    }

    /// <summary>Reads from the page, again when a redraw replaced an element between finding and reading it.</summary>
    private static T Read<T>(Func<T> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return read();
            }
            catch (StaleElementReferenceException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>
    /// Finds an element and clicks it, both again when a redraw replaced the element in between
    /// (a click on an element found before the redraw meets a stale reference).
    /// </summary>
    private static void Click(Func<IWebElement> find) =>
        Read(() =>
        {
            find().Click();
            return true;
        });

    /// <summary>Retries while the page catches up (it refreshes every second); fails naming what never came.</summary>
    private static void WaitUntil(ChromeDriver browser, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (WebDriverException)
            {
                // An element replaced by the page's refresh between finding and reading it.
            }

            if (DateTime.UtcNow > deadline)
            {
                var error = browser.FindElements(By.CssSelector("[data-testid=error]")).FirstOrDefault()?.Text;
                Assert.Fail($"The page never showed {what} within {Patience}. Page error: '{error}'. Page text:\n{browser.FindElement(By.TagName("body")).Text}");
            }

            Thread.Sleep(100);
        }
    }
}

/// <summary>
/// Debian's headless Chromium through its chromedriver (CHROMIUM and CHROMEDRIVER override the
/// paths), with a new empty profile, removed afterwards. Missing, the test fails saying how to
/// install them: CI never skips it.
/// </summary>
internal sealed class Chromium : IDisposable
{
    private readonly DirectoryInfo _profile;

    private Chromium(ChromeDriver driver, DirectoryInfo profile)
    {
        Driver = driver;
        _profile = profile;
    }

    public ChromeDriver Driver { get; }

    public static Chromium Start()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } chromiumPath ? chromiumPath : "/usr/bin/chromium";
        var chromedriver = Environment.GetEnvironmentVariable("CHROMEDRIVER") is { Length: > 0 } driverPath ? driverPath : "/usr/bin/chromedriver";
        foreach (var (path, package) in new[] { (chromium, "chromium"), (chromedriver, "chromium-driver") })
        {
            if (!File.Exists(path))
            {
                Assert.Fail($"The browser test needs {path}: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver), as .ci/run does; package {package} is missing.");
            }
        }

        var profile = Directory.CreateTempSubdirectory("test-server-page-chromium-");
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1440,1250", "--user-data-dir=" + profile.FullName);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver)!, Path.GetFileName(chromedriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        try
        {
            return new Chromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)), profile);
        }
        catch
        {
            service.Dispose();
            profile.Delete(recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing into its profile as it exits; the folder is temporary.
        }
    }
}
