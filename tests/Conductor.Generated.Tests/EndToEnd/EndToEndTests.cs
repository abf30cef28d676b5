using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using TestServerModel = Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.EndToEnd;

/// <summary>
/// The whole path at once: [WorkerTask] methods, the generated dispatch table, the polling host
/// over HTTP, and the Conductor-compatible test server running the workflows.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan WorkflowTimeout = TimeSpan.FromSeconds(60);

    private ConductorTestServer _server = null!;
    private ConductorWorkerHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await ConductorTestServer.StartAsync();
        var workers = ConductorWorkers.All.Where(worker => worker.TaskName.StartsWith(EndToEndWorkers.Prefix, StringComparison.Ordinal));
        _host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = _server.ApiUrl, WorkerId = "e2e-worker" }, workers);
        await _host.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_three_task_workflow_completes_with_outputs_bound_and_reported_by_generated_workers()
    {
        RegisterTaskDefs("e2e_normalize", "e2e_quote", "e2e_summary");
        _server.RegisterWorkflowDef(Workflow(
            "e2e_pipeline",
            Simple("e2e_normalize", "normalize", new JsonObject { ["text"] = "${workflow.input.label}", ["upper"] = true }),
            Simple("e2e_quote", "quote", new JsonObject { ["item"] = "${workflow.input.item}" }),
            Simple("e2e_summary", "summary", new JsonObject { ["label"] = "${normalize.output.result}", ["quote"] = "${quote.output}" })));

        var workflowId = _server.StartWorkflow("e2e_pipeline", new JsonObject
        {
            ["label"] = "  weekly order ",
            ["item"] = new JsonObject { ["sku"] = "tea-01", ["quantity"] = 3, ["unitPrice"] = 2.5 },
        });
        var workflow = await _server.WaitForWorkflowAsync(workflowId, WorkflowTimeout);

        Assert.Equal(TestServerModel.WorkflowStatus.Completed, workflow.Status);
        Assert.Equal("WEEKLY ORDER", (string?)workflow.Tasks[0].OutputData["result"]);
        Assert.Equal(7.5m, (decimal?)workflow.Tasks[1].OutputData["total"]);
        Assert.Equal(workflowId, (string?)workflow.Tasks[1].OutputData["workflowId"]);
        Assert.Equal("WEEKLY ORDER: tea-01 costs 7.5", (string?)workflow.Output["summary"]);
        Assert.All(workflow.Tasks, task => Assert.Equal("e2e-worker", task.WorkerId));

        var quoteLogs = _server.GetTaskLogs(workflow.Tasks[1].TaskId);
        Assert.Contains(quoteLogs, log => log.Log == "quoted 3 x tea-01");
    }

    [Fact]
    public async Task An_exception_fails_the_attempt_with_its_message_and_stack_trace_and_Conductor_retries_it()
    {
        RegisterTaskDefs("e2e_flaky");
        _server.RegisterWorkflowDef(Workflow("e2e_retry", Simple("e2e_flaky", "flaky", [])));

        var workflowId = _server.StartWorkflow("e2e_retry");
        var workflow = await _server.WaitForWorkflowAsync(workflowId, WorkflowTimeout);

        Assert.Equal(TestServerModel.WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(2, workflow.Tasks.Count);
        var failed = workflow.Tasks[0];
        Assert.Equal(TestServerModel.TaskExecutionStatus.Failed, failed.Status);
        Assert.Contains("the first attempt always fails", failed.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Contains(_server.GetTaskLogs(failed.TaskId), log => log.Log!.Contains("InvalidOperationException", StringComparison.Ordinal)
            && log.Log.Contains(nameof(EndToEndWorkers.Flaky), StringComparison.Ordinal));

        var retry = workflow.Tasks[1];
        Assert.Equal(TestServerModel.TaskExecutionStatus.Completed, retry.Status);
        Assert.Equal(1, retry.RetryCount);
        Assert.Equal(1, (int?)retry.OutputData["result"]);
    }

    [Fact]
    public async Task A_NonRetryableException_fails_the_workflow_without_retries()
    {
        RegisterTaskDefs("e2e_reject");
        _server.RegisterWorkflowDef(Workflow("e2e_terminal", Simple("e2e_reject", "reject", new JsonObject { ["reason"] = "card expired" })));

        var workflow = await _server.WaitForWorkflowAsync(_server.StartWorkflow("e2e_terminal"), WorkflowTimeout);

        Assert.Equal(TestServerModel.WorkflowStatus.Failed, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.FailedWithTerminalError, task.Status);
        Assert.Equal("rejected: card expired", task.ReasonForIncompletion);
    }

    [Fact]
    public async Task Bad_input_fails_the_task_terminally_with_a_reason_naming_parameter_key_expected_and_actual()
    {
        RegisterTaskDefs("e2e_count");
        _server.RegisterWorkflowDef(Workflow("e2e_bad_input", Simple("e2e_count", "count", new JsonObject { ["count"] = "${workflow.input.count}" })));

        var workflow = await _server.WaitForWorkflowAsync(
            _server.StartWorkflow("e2e_bad_input", new JsonObject { ["count"] = "many" }), WorkflowTimeout);

        Assert.Equal(TestServerModel.WorkflowStatus.Failed, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.FailedWithTerminalError, task.Status);
        Assert.Contains("'count'", task.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Contains("integer", task.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Contains("\"many\"", task.ReasonForIncompletion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_input_fails_the_task_terminally()
    {
        RegisterTaskDefs("e2e_count");
        _server.RegisterWorkflowDef(Workflow("e2e_missing_input", Simple("e2e_count", "count", [])));

        var workflow = await _server.WaitForWorkflowAsync(_server.StartWorkflow("e2e_missing_input"), WorkflowTimeout);

        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(TestServerModel.TaskExecutionStatus.FailedWithTerminalError, task.Status);
        Assert.Contains("'count'", task.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Contains("missing", task.ReasonForIncompletion, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_callback_request_reports_partial_output_in_progress_and_the_task_comes_back_with_a_higher_poll_count()
    {
        RegisterTaskDefs("e2e_callback");
        _server.RegisterWorkflowDef(Workflow("e2e_callback", Simple("e2e_callback", "callback", [])));

        var workflow = await _server.WaitForWorkflowAsync(_server.StartWorkflow("e2e_callback"), WorkflowTimeout);

        Assert.Equal(TestServerModel.WorkflowStatus.Completed, workflow.Status);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(2, task.PollCount);
        Assert.Equal(2, (int?)task.OutputData["pollCount"]);
        Assert.True((bool?)task.OutputData["done"]);
    }

    [Fact]
    public async Task Many_workflows_at_once_all_complete()
    {
        RegisterTaskDefs("e2e_quote");
        _server.RegisterWorkflowDef(Workflow("e2e_many", Simple("e2e_quote", "quote", new JsonObject { ["item"] = "${workflow.input}" })));

        var ids = Enumerable.Range(1, 40)
            .Select(i => _server.StartWorkflow("e2e_many", new JsonObject { ["sku"] = $"sku-{i}", ["quantity"] = i, ["unitPrice"] = 1 }))
            .ToList();
        var workflows = await Task.WhenAll(ids.Select(id => _server.WaitForWorkflowAsync(id, WorkflowTimeout)));

        Assert.All(workflows, workflow => Assert.Equal(TestServerModel.WorkflowStatus.Completed, workflow.Status));
        Assert.Equal(
            Enumerable.Range(1, 40).Select(i => (decimal)i),
            workflows.Select(workflow => (decimal)workflow.Tasks[0].OutputData["total"]!));
    }

    private void RegisterTaskDefs(params string[] names) =>
        _server.RegisterTaskDefs([.. names.Select(name => new TestServerModel.TaskDef
        {
            Name = name,
            RetryCount = 1,
            RetryDelaySeconds = 0,
            ResponseTimeoutSeconds = 30,
            OwnerEmail = "tests@example.com",
        })]);

    private static TestServerModel.WorkflowDef Workflow(string name, params TestServerModel.WorkflowTask[] tasks) => new()
    {
        Name = name,
        Version = 1,
        Tasks = [.. tasks],
        OwnerEmail = "tests@example.com",
    };

    private static TestServerModel.WorkflowTask Simple(string taskName, string referenceName, JsonObject input) => new()
    {
        Name = taskName,
        TaskReferenceName = referenceName,
        InputParameters = input,
    };
}
