using System.Text.Json.Nodes;
using Conductor.Generated.Interop.Tests.JavaScriptWorker;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Interop.Tests;

/// <summary>
/// The same workers against a test server that answers like one from before v3.21.12: no
/// update-v2 (404) and 204 on an empty batch poll. The JavaScript SDK must fall back to
/// <c>POST /api/tasks</c> and read a 204 as "no work".
/// </summary>
[Collection(JavaScriptSdkTestGroup.Name)]
public sealed class JavaScriptSdkLegacyServerTests() : InteropTestBase(ServerCompatibility.Legacy)
{
    [Fact]
    public async Task Against_an_older_server_the_JavaScript_SDK_falls_back_to_POST_tasks_and_workflows_still_complete()
    {
        RegisterChainWorkflow();
        await StartJavaScriptWorkerAsync();

        string[] texts = ["old server one", "old server two", "old server three"];
        var ids = texts.Select(text => Server.StartWorkflow("interop_chain", new JsonObject { ["text"] = text })).ToList();
        var workflows = await Task.WhenAll(ids.Select(RunAsync));

        Assert.All(workflows.Zip(texts), pair =>
        {
            var (workflow, text) = pair;
            Assert.Equal(WorkflowStatus.Completed, workflow.Status);
            Assert.Equal(text.ToUpperInvariant() + "! -- signed by js-interop-worker", (string?)workflow.Output["result"]);
            Assert.Equal([JavaScriptWorkerId, DotNetWorkerId, JavaScriptWorkerId], workflow.Tasks.Select(task => task.WorkerId));
        });

        var output = JavaScriptWorker!.Output;
        Assert.Contains("update-v2 not available (HTTP 404), falling back to legacy /api/tasks endpoint", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Error polling for tasks", output, StringComparison.Ordinal);

        var requests = RequestLog.Requests;
        Assert.All(requests.Where(request => request.Path == "/api/tasks/update-v2"), update => Assert.Equal(404, update.StatusCode));
        Assert.Contains(requests, request => request is { Method: "POST", Path: "/api/tasks", StatusCode: 200 });

        // Idle task types (js_flaky, js_slow, ...) poll an empty queue the whole time.
        var emptyPolls = requests
            .Where(request => request.Query.Contains("workerid=" + JavaScriptWorkerId, StringComparison.Ordinal) && request.StatusCode == 204)
            .ToList();
        Assert.NotEmpty(emptyPolls);
        Assert.All(emptyPolls, poll => Assert.Null(poll.ContentType));
    }
}
