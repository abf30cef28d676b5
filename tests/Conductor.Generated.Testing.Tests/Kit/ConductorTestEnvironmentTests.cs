using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>The server and a worker host started in one line, running tasks and workflows to their end.</summary>
public sealed class ConductorTestEnvironmentTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_single_task_runs_through_the_worker_and_ends_completed_with_its_output()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(ConductorWorkers.All);

        var run = await conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Ada","times":2}""", Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal("Hello Ada! Hello Ada!", (string?)run.Output["message"]);
        Assert.Null(run.ReasonForIncompletion);
        Assert.Single(run.Attempts);
        Assert.Equal(ConductorTestEnvironment.DefaultWorkerId, run.Task.WorkerId);
        Assert.Equal(WorkflowStatus.Completed, run.Workflow.Status);
        Assert.Equal("Hello Ada! Hello Ada!", (string?)run.Workflow.Output["message"]);
    }

    [Fact]
    public async Task Log_lines_of_the_worker_are_stored_by_the_server()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.LogAndSum]);

        var run = await conductor.RunTaskAsync("kit_log_and_sum", new JsonObject { ["a"] = 20, ["b"] = 22 }, Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal(42, (int?)run.Output["sum"]);
        Assert.Equal(["adding 20 and 22", $"task {run.Task.TaskId} of workflow {run.Workflow.WorkflowId}, attempt 0"], run.Logs);
    }

    [Fact]
    public async Task Bad_input_ends_the_task_failed_with_terminal_error_and_no_retry()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            ConductorWorkers.All,
            new ConductorTestEnvironmentOptions { ConfigureTaskDef = taskDef => taskDef.RetryCount = 3 });

        var run = await conductor.RunTaskAsync(ConductorWorkers.Greet, """{"times":2}""", Generous);

        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, run.Status);
        Assert.Contains("name", run.ReasonForIncompletion, StringComparison.Ordinal);
        Assert.Single(run.Attempts);
        Assert.Equal(WorkflowStatus.Failed, run.Workflow.Status);
    }

    [Fact]
    public async Task An_exception_fails_the_task_once_by_default_with_the_stack_trace_in_its_logs()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Throw]);

        var run = await conductor.RunTaskAsync(ConductorWorkers.Throw, """{"message":"disk full"}""", Generous);

        Assert.Equal(TaskExecutionStatus.Failed, run.Status);
        Assert.Equal("disk full", run.ReasonForIncompletion);
        Assert.Single(run.Attempts);
        Assert.Equal("about to fail", run.Logs[0]);
        Assert.StartsWith("System.InvalidOperationException: disk full", run.Logs[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_retries_configured_a_failed_attempt_is_retried_at_once()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Flaky],
            new ConductorTestEnvironmentOptions { ConfigureTaskDef = taskDef => taskDef.RetryCount = 2 });

        var run = await conductor.RunTaskAsync(ConductorWorkers.Flaky, timeout: Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal(1, (int?)run.Output["attempt"]);
        Assert.Equal(2, run.Attempts.Count);
        Assert.Equal(TaskExecutionStatus.Failed, run.Attempts[0].Status);
        Assert.Equal("the payment service did not answer", run.Attempts[0].ReasonForIncompletion);
        Assert.Contains(conductor.Server.GetTaskLogs(run.Attempts[0].TaskId), line => line.Log!.StartsWith("System.TimeoutException", StringComparison.Ordinal));
        Assert.Empty(run.Logs);
    }

    [Fact]
    public async Task A_callback_hands_the_task_out_again_until_it_completes()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.CallbackOnce]);

        var run = await conductor.RunTaskAsync(ConductorWorkers.CallbackOnce, timeout: Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal(2, (int?)run.Output["polls"]);
        Assert.Single(run.Attempts);
    }

    [Fact]
    public async Task Input_is_handed_to_the_worker_literally_with_expressions_left_unresolved()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Echo]);
        var input = new JsonObject
        {
            ["template"] = "${workflow.input.secret}",
            ["escaped"] = "$${kept}",
            ["nested"] = new JsonObject { ["list"] = new JsonArray("${x}", 1, true, null) },
        };

        var run = await conductor.RunTaskAsync(ConductorWorkers.Echo, input, Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.True(JsonNode.DeepEquals(input, run.Output), run.Output.ToJsonString());
        Assert.True(JsonNode.DeepEquals(input, run.Task.InputData), run.Task.InputData.ToJsonString());
    }

    [Fact]
    public async Task A_task_of_a_worker_that_polls_a_domain_is_sent_to_that_domain()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.DomainGreet]);

        var run = await conductor.RunTaskAsync(ConductorWorkers.DomainGreet, """{"name":"Ada"}""", Generous);

        Assert.Equal(TaskExecutionStatus.Completed, run.Status);
        Assert.Equal("kit_domain", run.Task.Domain);
        Assert.Equal("Hello Ada from a domain!", (string?)run.Output["message"]);
    }

    [Fact]
    public async Task A_workflow_definition_is_registered_run_and_returned_ended()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(ConductorWorkers.All);
        var definition = new WorkflowDef
        {
            Name = "kit_sum_then_greet",
            Tasks =
            [
                new WorkflowTask
                {
                    Name = "kit_log_and_sum",
                    TaskReferenceName = "sum",
                    InputParameters = new JsonObject { ["a"] = "${workflow.input.a}", ["b"] = "${workflow.input.b}" },
                },
                new WorkflowTask
                {
                    Name = "kit_greet",
                    TaskReferenceName = "greet",
                    InputParameters = new JsonObject { ["name"] = "${workflow.input.name}", ["times"] = "${sum.output.sum}" },
                },
            ],
        };

        var workflow = await conductor.RunWorkflowAsync(definition, new JsonObject { ["a"] = 1, ["b"] = 1, ["name"] = "Ada" }, Generous);

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal("Hello Ada! Hello Ada!", (string?)workflow.Output["message"]);
        Assert.Equal(["sum", "greet"], workflow.Path);
    }

    [Fact]
    public async Task A_registered_workflow_runs_by_name_and_a_failing_step_fails_it()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(ConductorWorkers.All);
        conductor.Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "kit_reject_flow",
            Tasks = [new WorkflowTask { Name = "kit_reject", TaskReferenceName = "reject", InputParameters = new JsonObject { ["message"] = "no" } }],
        });

        var workflow = await conductor.RunWorkflowAsync("kit_reject_flow", timeout: Generous, correlationId: "order-1");

        Assert.Equal(WorkflowStatus.Failed, workflow.Status);
        Assert.Equal("order-1", workflow.CorrelationId);
        Assert.Equal(TaskExecutionStatus.FailedWithTerminalError, workflow.Step("reject").Status);
        Assert.Equal("no", workflow.Step("reject").ReasonForIncompletion);
    }

    [Fact]
    public async Task Each_worker_gets_a_test_friendly_task_definition_unless_configured()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet, ConductorWorkers.LogAndSum],
            new ConductorTestEnvironmentOptions { ConfigureTaskDef = taskDef => taskDef.ResponseTimeoutSeconds = taskDef.Name == "kit_greet" ? 20 : taskDef.ResponseTimeoutSeconds });

        var greet = await conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Ada"}""", Generous);
        var sum = await conductor.RunTaskAsync(ConductorWorkers.LogAndSum, """{"a":1,"b":2}""", Generous);

        Assert.Equal(20, greet.Task.TaskDefinition!.ResponseTimeoutSeconds);
        Assert.Equal(10, sum.Task.TaskDefinition!.ResponseTimeoutSeconds);
        Assert.Equal(0, sum.Task.TaskDefinition.RetryCount);
        Assert.Equal(0, sum.Task.TaskDefinition.RetryDelaySeconds);
    }

    [Fact]
    public async Task A_task_no_worker_of_the_environment_polls_for_is_refused_at_once()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet]);

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => conductor.RunTaskAsync("kit_log_and_sum", """{"a":1,"b":2}"""));

        Assert.Contains("kit_greet", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_that_does_not_end_in_time_throws_saying_where_it_stood()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions { ConfigureWorkerHost = host => host.WorkerSettingsOverrides["kit_greet"] = new WorkerSettings { Paused = true } });

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Ada"}""", TimeSpan.FromMilliseconds(300)));

        Assert.Contains("kit_greet", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SCHEDULED", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_without_workers_or_with_authentication_but_no_key_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ConductorTestEnvironment.StartAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet, ConductorWorkers.Greet]));
        var noKey = await Assert.ThrowsAsync<ArgumentException>(() => ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions { Server = new ConductorTestServerOptions { Auth = new TestServerAuthOptions() } }));
        Assert.Contains("AddKey", noKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_authentication_the_workers_use_the_servers_first_key_and_every_request_carries_a_token()
    {
        var auth = new TestServerAuthOptions().AddKey("kit-key", "kit-secret").AddKey("other-key", "other-secret");
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions { Server = new ConductorTestServerOptions { Auth = auth } });

        var result = await conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Ada"}""");

        Assert.Equal(TaskExecutionStatus.Completed, result.Status);
        Assert.Equal("Hello Ada!", (string?)result.Output["message"]);
        Assert.True(conductor.Server.Auth.TokensIssued >= 1);
        Assert.Equal(0, conductor.Server.Auth.RefusedCredentials);
    }

    [Fact]
    public async Task With_authentication_a_wrong_key_set_for_the_host_is_refused_by_the_server()
    {
        var auth = new TestServerAuthOptions().AddKey("kit-key", "kit-secret");
        await using var conductor = await ConductorTestEnvironment.StartAsync(
            [ConductorWorkers.Greet],
            new ConductorTestEnvironmentOptions
            {
                Server = new ConductorTestServerOptions { Auth = auth },
                ConfigureWorkerHost = host => (host.KeyId, host.KeySecret) = ("kit-key", "wrong-secret"),
            });

        await WaitUntilAsync(() => conductor.Server.Auth.RefusedCredentials > 0);
        Assert.Equal(0, conductor.Server.Auth.TokensIssued);
    }

    [Fact]
    public async Task Disposing_stops_the_workers_and_the_server()
    {
        var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet]);
        using var client = new HttpClient { BaseAddress = conductor.Server.ApiUrl };

        await conductor.DisposeAsync();
        await conductor.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("metadata/taskdefs", UriKind.Relative)));
    }

    [Fact]
    public async Task Disposing_cancels_a_task_still_running_and_reports_it_failed()
    {
        var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.WaitForCancellation]);
        var server = conductor.Server;
        var startedBefore = KitWorkers.WaitForCancellationStarted;
        var task = server.EnqueueTask("kit_wait_for_cancellation");
        // Running in the worker, not only handed out: a poll answer still on its way is dropped
        // when the grace period ends at once, and the task then waits for its response timeout.
        await WaitUntilAsync(() => KitWorkers.WaitForCancellationStarted > startedBefore);

        var stopping = conductor.WorkerHost.StopAsync(new CancellationToken(canceled: true));
        await stopping.WaitAsync(Generous);

        var ended = server.GetTask(task.TaskId)!;
        Assert.Equal(TaskExecutionStatus.Failed, ended.Status);
        Assert.Equal("worker stopped before finishing", ended.ReasonForIncompletion);
        await conductor.DisposeAsync();
    }

    [Fact]
    public void Every_server_option_is_known_to_the_environment_which_copies_them()
    {
        // ConductorTestEnvironment.StartAsync copies the server options one by one: a new option
        // must be copied there too, then added to this list.
        var known = new[] { "Auth", "Compatibility", "ExternalPayloadStorage", "FaultSeed", "LoggerFactory", "Port", "TimeProvider" };

        var actual = typeof(ConductorTestServerOptions).GetProperties().Select(property => property.Name).Order(StringComparer.Ordinal);

        Assert.Equal(known, actual);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }
}
