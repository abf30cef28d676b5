namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/HTTPTaskTests#HTTPAsyncCompleteTest (disabled there: it needs an httpbin service; here
/// the call goes to the test server's own API): an HTTP task with asyncComplete makes its call,
/// keeps the response in its output and waits for a task update; the update completes the
/// workflow. Real server: HttpTask#start (asyncComplete: IN_PROGRESS after a 2xx answer; the e2e
/// test expects SCHEDULED, which the open-source HttpTask never sets), WorkflowExecutorOps#updateTask.
/// </summary>
public sealed class HttpTaskScenarioTests : ScenarioTestBase
{
    [Fact]
    public async Task An_async_complete_http_task_keeps_its_response_until_updated()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "listed_task" });
        await UpdateWorkflowDefAsync($$"""
            {"name":"http_async_complete","version":1,"tasks":[
              {"name":"http","taskReferenceName":"http_ref","type":"HTTP","asyncComplete":true,
               "inputParameters":{"http_request":{"uri":"{{Server.ApiUrl}}metadata/taskdefs/listed_task","method":"GET"} } }]}
            """);
        var workflowId = await StartWorkflowAsync("""{"name":"http_async_complete","version":1}""");

        var running = await UntilAsync(workflowId, workflow => Tasks(workflow).Count == 1 && Tasks(workflow)[0]!["outputData"]?["response"] is not null, "the HTTP response");
        var task = Tasks(running)[0]!;
        Assert.Equal("IN_PROGRESS", Status(task));
        Assert.Equal("RUNNING", Status(running));

        // The e2e test sends back TaskResult(task), which carries the task's output.
        await CompleteAsync(task, task["outputData"]!.ToJsonString());
        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var response = Tasks(workflow)[0]!["outputData"]!["response"]!;
        Assert.Equal(200, (int)response["statusCode"]!);
        Assert.Equal("listed_task", (string?)response["body"]!["name"]);
    }
}
