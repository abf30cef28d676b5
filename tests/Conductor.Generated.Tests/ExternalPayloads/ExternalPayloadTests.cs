using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using TestServerModel = Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.ExternalPayloads;

/// <summary>
/// Payloads over the thresholds, end to end against the test server configured with external
/// payload storage as a real one is (ExternalPayloadStorageUtils#verifyAndUpload,
/// TaskResource#getExternalStorageLocation), with authentication on, so that the token would
/// show if it went to the storage's addresses.
/// </summary>
public sealed class ExternalPayloadTests
{
    private const string KeyId = "xp-key";
    private const string KeySecret = "xp-secret";

    [Fact]
    public async Task A_worker_with_defaults_receives_the_input_the_server_kept_in_external_storage_not_its_defaults()
    {
        await using var server = await StartServerAsync("xp_greet", inputThresholdKb: 1);
        var name = new string('n', 3000); // over the 1 KB threshold
        var workflowId = server.StartWorkflow("xp_greet_workflow", new JsonObject { ["name"] = name, ["times"] = 3 });
        await using var host = await StartHostAsync(server, "xp_greet");

        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.Completed, task.Status);
        Assert.Equal("3000x3:nnnnnnnn", (string?)task.OutputData["text"]);
        Assert.Equal(true, (bool?)task.OutputData["inputWasExternal"]);
        Assert.Single(server.PayloadStorage.Paths); // the input was moved there, not sent inline
        Assert.True(server.PayloadStorage.Reads >= 1);
        Assert.Equal(0, server.PayloadStorage.RequestsWithCredentials);
    }

    [Fact]
    public async Task An_input_small_enough_stays_inline_and_the_worker_sees_it_was_not_external()
    {
        await using var server = await StartServerAsync("xp_greet", inputThresholdKb: 1);
        var workflowId = server.StartWorkflow("xp_greet_workflow", new JsonObject { ["name"] = "ada", ["times"] = 2 });
        await using var host = await StartHostAsync(server, "xp_greet");

        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        var task = Assert.Single(workflow.Tasks);
        Assert.Equal("3x2:ada", (string?)task.OutputData["text"]);
        Assert.Equal(false, (bool?)task.OutputData["inputWasExternal"]);
        Assert.Empty(server.PayloadStorage.Paths);
    }

    [Fact]
    public async Task When_the_storage_fails_the_worker_does_not_run_and_the_task_fails_retryable_naming_the_path()
    {
        await using var server = await StartServerAsync("xp_greet", inputThresholdKb: 1);
        server.Faults.SetErrorRate("GET /external-payloads/{**path}", 1);
        var workflowId = server.StartWorkflow("xp_greet_workflow", new JsonObject { ["name"] = new string('n', 3000) });
        await using var host = await StartHostAsync(server, "xp_greet");

        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.Failed, task.Status); // retryable, not FAILED_WITH_TERMINAL_ERROR
        var path = Assert.Single(server.PayloadStorage.Paths);
        Assert.Contains(path, task.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Contains("500", task.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Empty(task.OutputData); // the worker never ran with its defaults
    }

    [Fact]
    public async Task An_output_over_the_threshold_is_uploaded_and_the_workflow_sees_it_whole()
    {
        await using var server = await StartServerAsync("xp_produce");
        var workflowId = server.StartWorkflow("xp_produce_workflow", new JsonObject { ["length"] = 5000 });
        await using var host = await StartHostAsync(server, "xp_produce", outputThresholdKb: 1, outputMaxKb: 8);

        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        var task = Assert.Single(workflow.Tasks);
        Assert.True(workflow.Status == TestServerModel.WorkflowStatus.Completed, task.ReasonForIncompletion);
        Assert.Equal(5000, ((string?)task.OutputData["text"])?.Length);
        Assert.Equal(1, server.PayloadStorage.Writes);
        Assert.Equal(5000, ((string?)workflow.Output["text"])?.Length);
        Assert.Equal(0, server.PayloadStorage.RequestsWithCredentials);
    }

    [Fact]
    public async Task An_output_over_the_hard_limit_fails_the_task_for_good_naming_size_and_limit()
    {
        await using var server = await StartServerAsync("xp_produce");
        var workflowId = server.StartWorkflow("xp_produce_workflow", new JsonObject { ["length"] = 5000 });
        await using var host = await StartHostAsync(server, "xp_produce", outputThresholdKb: 1, outputMaxKb: 2);

        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.FailedWithTerminalError, task.Status);
        Assert.Contains("5025 bytes", task.ReasonForIncompletion, StringComparison.Ordinal); // {"text":"o…o","length":5000}
        Assert.Contains("2048 bytes", task.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Empty(task.OutputData);
        Assert.Equal(0, server.PayloadStorage.Writes);
    }

    [Fact]
    public async Task The_test_server_fails_a_task_whose_input_is_over_its_hard_limit_without_handing_it_out()
    {
        // ExternalPayloadStorageUtils#verifyAndUpload and #failTask: FAILED_WITH_TERMINAL_ERROR, input emptied.
        await using var server = await StartServerAsync("xp_greet", inputThresholdKb: 1, maxInputKb: 2);
        var workflowId = server.StartWorkflow("xp_greet_workflow", new JsonObject { ["name"] = new string('n', 5000) });
        await using var host = await StartHostAsync(server, "xp_greet");

        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.FailedWithTerminalError, task.Status);
        Assert.Contains("is greater than the permissible limit: 2048 bytes", task.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Equal(0, task.PollCount);
    }

    private static async Task<ConductorTestServer> StartServerAsync(string taskType, int inputThresholdKb = 3072, int maxInputKb = 10240)
    {
        var server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions
        {
            Auth = new TestServerAuthOptions().AddKey(KeyId, KeySecret),
            ExternalPayloadStorage = new TestServerPayloadStorageOptions
            {
                TaskInputThresholdKilobytes = inputThresholdKb,
                MaxTaskInputKilobytes = maxInputKb,
            },
        });
        server.RegisterTaskDefs(new TestServerModel.TaskDef
        {
            Name = taskType,
            RetryCount = 0,
            ResponseTimeoutSeconds = 30,
            TimeoutSeconds = 60,
            OwnerEmail = "tests@example.com",
        });
        var input = new JsonObject();
        foreach (var name in new[] { "name", "times", "length" })
        {
            input[name] = "${workflow.input." + name + "}";
        }

        server.RegisterWorkflowDef(new TestServerModel.WorkflowDef
        {
            Name = taskType + "_workflow",
            Version = 1,
            OwnerEmail = "tests@example.com",
            Tasks = [new TestServerModel.WorkflowTask { Name = taskType, TaskReferenceName = "step", InputParameters = input }],
            OutputParameters = new JsonObject { ["text"] = "${step.output.text}" },
        });
        return server;
    }

    private static async Task<ConductorWorkerHost> StartHostAsync(ConductorTestServer server, string taskType, int? outputThresholdKb = null, int? outputMaxKb = null)
    {
        var workers = ConductorWorkers.All
            .Where(worker => worker.TaskName == taskType)
            .Select(worker => worker.WithSettings(worker.Settings with { PollInterval = TimeSpan.FromMilliseconds(50), PollTimeout = TimeSpan.FromMilliseconds(200) }));
        var host = new ConductorWorkerHost(
            new ConductorWorkerOptions
            {
                ServerUrl = server.ApiUrl,
                KeyId = KeyId,
                KeySecret = KeySecret,
                WorkerId = "xp-worker",
                InitialRetryDelay = TimeSpan.FromMilliseconds(20),
                MaxRetryDelay = TimeSpan.FromMilliseconds(100),
                TaskOutputPayloadThresholdKilobytes = outputThresholdKb,
                TaskOutputMaxPayloadKilobytes = outputMaxKb,
            },
            workers);
        await host.StartAsync(CancellationToken.None);
        return host;
    }
}
