using System.Text.Json.Nodes;
using Conductor.Generated.Hosting.Tests.Infrastructure;
using Conductor.Generated.Testing;
using Conductor.Generated.Workflows;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static Conductor.Generated.Hosting.Tests.Infrastructure.TestHosts;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>
/// The host registers the project's <c>*.workflow.json</c> files at start
/// (<see cref="ConductorWorkerOptions.RegisterWorkflowFiles"/>), each checked against its workers
/// first, against the in-process Conductor server.
/// </summary>
public sealed class WorkflowFileTests : IDisposable
{
    // A SWITCH with a case, which the client's WorkflowDefinition model has no field for: the file
    // is sent as written (MetadataResource#update, PUT /api/metadata/workflow).
    private const string Greeting = """
        {
          "name": "file_greeting",
          "version": 2,
          "tasks": [
            {
              "name": "choose",
              "taskReferenceName": "choose",
              "type": "SWITCH",
              "evaluatorType": "value-param",
              "expression": "kind",
              "inputParameters": { "kind": "${workflow.input.kind}" },
              "decisionCases": {
                "greet": [
                  { "name": "hosting_greet", "taskReferenceName": "greet", "inputParameters": { "name": "${workflow.input.name}" } }
                ]
              }
            }
          ],
          "outputParameters": { "message": "${greet.output.message}" }
        }
        """;

    private const string Typo = """
        {
          "name": "file_typo",
          "tasks": [
            { "name": "hosting_greet", "taskReferenceName": "greet", "inputParameters": { "nmae": "${workflow.input.name}" } }
          ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("conductor-workflow-files-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_workflow_files_are_registered_at_start_and_run()
    {
        Write("flows/greeting.workflow.json", Greeting);
        Write("flows/notes.json", "not a workflow file: ignored");
        await using var server = await StartServerAsync("hosting_greet");
        using var logs = new CapturedLogs();
        using var host = Build(server, logs, options => options.RegisterWorkflowFiles = true);

        await host.StartAsync();
        await EventuallyAsync(() => logs.Entries.Any(entry => entry.Message == "Registered 1 workflow definition(s) from files with the server: file_greeting v2"), "the workflow files registered");
        var workflowId = server.StartWorkflow("file_greeting", new JsonObject { ["kind"] = "greet", ["name"] = "Ada" });
        var workflow = await server.WaitForWorkflowAsync(workflowId, TestTimeout);
        await host.StopAsync();

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(2, workflow.WorkflowVersion);
        Assert.Equal("Hello, Ada!", (string?)workflow.Output["message"]);
    }

    // The server's transient answer (500, "retryable": true) is tried again after a backoff, as
    // for the task definitions (one retry loop for both, ConductorWorkerHost.RegisterWithRetriesAsync).
    [Fact]
    public async Task A_registration_the_server_answers_with_a_transient_error_is_tried_again()
    {
        const string Route = "PUT /api/metadata/workflow";
        Write("flows/greeting.workflow.json", Greeting);
        await using var server = await StartServerAsync("hosting_greet");
        server.Faults.SetErrorRate(Route, 1);
        using var logs = new CapturedLogs();
        using var host = Build(server, logs, options => options.RegisterWorkflowFiles = true);

        await host.StartAsync();
        await EventuallyAsync(() => logs.Entries.Any(entry => entry.Message.StartsWith("Registering the workflow definitions failed (attempt 1)", StringComparison.Ordinal)), "a failed attempt");
        server.Faults.SetErrorRate(Route, 0);
        await EventuallyAsync(() => logs.Entries.Any(entry => entry.Message == "Registered 1 workflow definition(s) from files with the server: file_greeting v2"), "the workflow files registered on a later attempt");
        await host.StopAsync();

        var workflowId = server.StartWorkflow("file_greeting", new JsonObject { ["kind"] = "none" });
        Assert.Equal(2, server.GetWorkflow(workflowId)!.WorkflowVersion);
    }

    [Fact]
    public async Task A_file_that_does_not_match_the_workers_stops_the_start_naming_the_file_and_the_finding()
    {
        Write("greeting.workflow.json", Greeting);
        Write("flows/typo.workflow.json", Typo);
        await using var server = await StartServerAsync("hosting_greet");
        using var logs = new CapturedLogs();
        using var host = Build(server, logs, options => options.RegisterWorkflowFiles = true);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal(
            "2 findings: the workflow files do not match the workers (set ConductorWorkerOptions.OnWorkflowCheckFailure to Warn to register them anyway):\n"
            + $"  flows{Path.DirectorySeparatorChar}typo.workflow.json: CDG2001 warning: Task 'greet' passes input 'nmae', which worker 'hosting_greet' does not read; did you mean 'name'? (workflow 'file_typo', task 'greet', $.tasks[0].inputParameters.nmae)\n"
            + $"  flows{Path.DirectorySeparatorChar}typo.workflow.json: CDG2002 warning: Task 'greet' does not pass input 'name', which worker 'hosting_greet' requires; 'nmae' is passed instead (workflow 'file_typo', task 'greet', $.tasks[0].inputParameters)",
            refused.Message);
        Assert.Equal(0, server.GetRequestCount("PUT /api/metadata/workflow"));
    }

    [Fact]
    public async Task Set_to_warn_the_findings_are_logged_and_the_files_registered_anyway()
    {
        Write("typo.workflow.json", Typo);
        await using var server = await StartServerAsync("hosting_greet");
        using var logs = new CapturedLogs();
        using var host = Build(server, logs, options =>
        {
            options.RegisterWorkflowFiles = true;
            options.OnWorkflowCheckFailure = WorkflowCheckFailure.Warn;
        });

        await host.StartAsync();
        await EventuallyAsync(() => logs.Entries.Any(entry => entry.Message.StartsWith("Registered 1 workflow definition(s)", StringComparison.Ordinal)), "the workflow files registered");
        await host.StopAsync();

        var warnings = logs.Entries.Where(entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith("Workflow file typo.workflow.json does not match the workers: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("CDG2001 warning: Task 'greet' passes input 'nmae'", warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_json_stops_the_start_even_set_to_warn()
    {
        Write("broken.workflow.json", """{ "name": "broken", """);
        await using var server = await StartServerAsync("hosting_greet");
        using var host = Build(server, null, options =>
        {
            options.RegisterWorkflowFiles = true;
            options.OnWorkflowCheckFailure = WorkflowCheckFailure.Warn;
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith($"Workflow file {Path.Combine(_directory, "broken.workflow.json")} cannot be registered: broken.workflow.json: CDG2009 error: Workflow file 'broken.workflow.json' is not valid JSON: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_that_does_not_exist_is_named_in_the_error()
    {
        await using var server = await StartServerAsync("hosting_greet");
        var missing = Path.Combine(_directory, "nowhere");
        using var host = Build(server, null, options => options.RegisterWorkflowFiles = true, missing);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal($"ConductorWorkerOptions.RegisterWorkflowFiles is set, but the workflow files directory '{missing}' does not exist.", refused.Message);
    }

    [Fact]
    public async Task A_workflow_file_setting_without_RegisterWorkflowFiles_is_an_error_not_ignored()
    {
        await using var server = await StartServerAsync("hosting_greet");
        using var host = Build(server, null, options => options.OnWorkflowCheckFailure = WorkflowCheckFailure.Warn);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal("WorkflowFilesDirectory is set but RegisterWorkflowFiles is not: set RegisterWorkflowFiles = true to register the workflow files, or leave the setting out.", refused.Message);
    }

    private IHost Build(ConductorTestServer server, CapturedLogs? logs, Action<ConductorWorkerOptions> configure, string? directory = null)
    {
        var builder = CreateBuilder([new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri)], logs);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.Greet], options =>
        {
            configure(options);
            options.WorkflowFilesDirectory = directory ?? _directory;
        });
        return builder.Build();
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
