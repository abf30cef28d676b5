using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Testing.Tests;

/// <summary>
/// The test server configured with external payload storage, over HTTP as any client sees it
/// (ExternalPayloadStorageUtils#verifyAndUpload, #downloadPayload, #failTask;
/// TaskResource#getExternalStorageLocation; ExecutionService#getExternalStorageLocation).
/// </summary>
public sealed class ExternalPayloadStorageTests : ServerTestBase
{
    protected override void Configure(ConductorTestServerOptions options) =>
        options.ExternalPayloadStorage = new TestServerPayloadStorageOptions { TaskInputThresholdKilobytes = 1, TaskOutputThresholdKilobytes = 1, MaxTaskOutputKilobytes = 2 };

    [Fact]
    public async Task An_input_over_the_threshold_is_handed_out_by_path_and_read_through_the_location_it_names()
    {
        RegisterSequence("xp_flow", "xp_step");
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "xp_flow",
            Version = 2,
            Tasks = [new WorkflowTask { Name = "xp_step", TaskReferenceName = "xp_step_ref", InputParameters = new JsonObject { ["text"] = "${workflow.input.text}" } }],
        });
        var text = new string('t', 2000);
        Server.StartWorkflow("xp_flow", new JsonObject { ["text"] = text }, version: 2);

        var task = await PollTaskAsync("xp_step");
        Assert.Empty(task["inputData"]!.AsObject()); // ExternalPayloadStorageUtils#verifyAndUpload
        var path = (string)task["externalInputPayloadStoragePath"]!;
        var location = await GetJsonAsync($"tasks/externalstoragelocation?path={Uri.EscapeDataString(path)}&operation=READ&payloadType=TASK_INPUT");
        Assert.Equal(path, (string?)location["path"]);

        using var storage = new HttpClient(); // no token, as a presigned URL wants none
        var stored = JsonNode.Parse(await storage.GetStringAsync((string)location["uri"]!))!;
        Assert.Equal(text, (string?)stored["text"]);
    }

    [Fact]
    public async Task An_output_written_to_a_write_location_and_reported_by_path_becomes_the_tasks_output()
    {
        RegisterSequence("xp_out_flow", "xp_out");
        var workflowId = Server.StartWorkflow("xp_out_flow");
        var task = await PollTaskAsync("xp_out");

        var location = await GetJsonAsync("tasks/externalstoragelocation?path=&operation=WRITE&payloadType=TASK_OUTPUT");
        using var storage = new HttpClient();
        using (var put = await storage.PutAsync((string)location["uri"]!, new StringContent("""{"big":"value"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var report = await ReportAsync(task, "COMPLETED", "{}", $$"""
            "externalOutputPayloadStoragePath": "{{location["path"]}}"
            """);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("value", (string?)Server.GetWorkflow(workflowId)!.Tasks[0].OutputData["big"]);
    }

    [Fact]
    public async Task A_result_naming_a_path_with_nothing_there_is_refused_naming_the_path()
    {
        RegisterSequence("xp_missing_flow", "xp_missing");
        Server.StartWorkflow("xp_missing_flow");
        var task = await PollTaskAsync("xp_missing");

        using var report = await ReportAsync(task, "COMPLETED", "{}", "\"externalOutputPayloadStoragePath\": \"nowhere.json\"");

        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        AssertError(await ReadJsonAsync(report), 400, "Unable to download payload from external storage path: nowhere.json");
    }

    [Fact]
    public async Task An_inline_output_over_the_hard_limit_fails_the_task_for_good_with_the_real_servers_reason()
    {
        RegisterSequence("xp_big_flow", "xp_big");
        var workflowId = Server.StartWorkflow("xp_big_flow");
        var task = await PollTaskAsync("xp_big");

        await CompleteAsync(task, $$"""{"text":"{{new string('x', 3000)}}"}""");

        var stored = Server.GetWorkflow(workflowId)!.Tasks[0];
        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, stored.Status);
        Assert.Equal($"The payload size: 3011 of task: {stored.TaskId} in workflow: {workflowId}  is greater than the permissible limit: 2048 bytes", stored.ReasonForIncompletion);
        Assert.Empty(stored.OutputData);
    }

    [Theory]
    [InlineData("operation=DELETE&payloadType=TASK_INPUT", "Invalid input - Operation: DELETE, PayloadType: TASK_INPUT")]
    [InlineData("operation=READ&payloadType=TASK", "Invalid input - Operation: READ, PayloadType: TASK")]
    [InlineData("operation=READ&payloadType=WORKFLOW_INPUT", "This test server keeps only task payloads in external storage, not WORKFLOW_INPUT.")]
    public async Task Locations_the_server_cannot_give_are_refused_naming_what(string query, string message)
    {
        using var response = await Http.GetAsync("tasks/externalstoragelocation?path=x&" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 400, message);
    }

    [Fact]
    public async Task Writing_to_a_path_the_server_did_not_hand_out_for_writing_is_forbidden()
    {
        using var storage = new HttpClient();
        using var put = await storage.PutAsync(new Uri(Server.ApiUrl, "/external-payloads/task/output/made-up.json"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Empty(Server.PayloadStorage.Paths);
    }
}

/// <summary>Without the option the location route says storage is not configured.</summary>
public sealed class NoExternalPayloadStorageTests : ServerTestBase
{
    [Fact]
    public async Task The_location_route_refuses_naming_the_option()
    {
        using var response = await Http.GetAsync("tasks/externalstoragelocation?path=x&operation=READ&payloadType=TASK_INPUT");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 400, "External payload storage is not configured on this test server (set ConductorTestServerOptions.ExternalPayloadStorage).");
        Assert.False(Server.PayloadStorage.IsEnabled);
    }
}
