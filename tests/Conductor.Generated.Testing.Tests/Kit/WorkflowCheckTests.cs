using Conductor.Generated.Client;
using Conductor.Generated.Workflows;

namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary>
/// The workflow analyzer's checks at run time: definitions given as text, built in code, and read
/// from the server, checked against the generated worker table's contracts.
/// </summary>
public sealed class WorkflowCheckTests
{
    // kit_greet reads name (required) and times (a whole number, optional) and writes message;
    // kit_log_and_sum reads a and b (required whole numbers) and writes sum.
    private const string Mismatched = """
        {
          "name": "greet_and_sum",
          "version": 3,
          "tasks": [
            {
              "name": "kit_greet",
              "taskReferenceName": "greet",
              "inputParameters": { "nmae": "${workflow.input.name}", "times": "twice" }
            },
            {
              "name": "kit_log_and_sum",
              "taskReferenceName": "sum",
              "inputParameters": { "a": 1, "b": "${greet.output.mesage}" }
            },
            {
              "name": "kit_elsewhere",
              "taskReferenceName": "elsewhere"
            }
          ],
          "outputParameters": { "total": "${sum.output.sum}", "late": "${nowhere.output.x}" }
        }
        """;

    private static readonly string[] ExpectedFindings =
    [
        "CDG2001 warning: Task 'greet' passes input 'nmae', which worker 'kit_greet' does not read; did you mean 'name'? (workflow 'greet_and_sum', task 'greet', $.tasks[0].inputParameters.nmae)",
        "CDG2003 warning: Input 'times' of task 'greet' is the string \"twice\", but worker 'kit_greet' reads a whole number (workflow 'greet_and_sum', task 'greet', $.tasks[0].inputParameters.times)",
        "CDG2002 warning: Task 'greet' does not pass input 'name', which worker 'kit_greet' requires; 'nmae' is passed instead (workflow 'greet_and_sum', task 'greet', $.tasks[0].inputParameters)",
        "CDG2004 warning: 'sum' reads output 'mesage' of task 'greet', which worker 'kit_greet' does not write; did you mean 'message'? (workflow 'greet_and_sum', task 'sum', $.tasks[1].inputParameters.b)",
        "CDG2006 info: No worker of this project serves task 'kit_elsewhere' (workflow 'greet_and_sum', task 'elsewhere', $.tasks[2].name)",
        "CDG2005 warning: 'workflow output' refers to task 'nowhere', which is no task reference name of this workflow (workflow 'greet_and_sum', $.outputParameters.late)",
    ];

    [Fact]
    public void A_definition_as_text_gets_the_analyzer_findings_with_task_reference_and_json_path()
    {
        var findings = WorkflowDefinitionCheck.Check(Mismatched, ConductorWorkers.All);

        Assert.Equal(ExpectedFindings, findings.Select(finding => finding.ToString()));
        var unknown = findings[0];
        Assert.Equal("CDG2001", unknown.Id);
        Assert.Equal(WorkflowFindingSeverity.Warning, unknown.Severity);
        Assert.Equal("greet_and_sum", unknown.WorkflowName);
        Assert.Equal("greet", unknown.TaskReferenceName);
        Assert.Equal("$.tasks[0].inputParameters.nmae", unknown.JsonPath);
        Assert.Null(unknown.Source);
        Assert.EndsWith("/docs/diagnostics/CDG2001.md", unknown.HelpLink.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matching_definition_has_no_findings_and_a_worker_built_by_hand_accepts_any_key()
    {
        const string matching = """
            {"name":"ok","tasks":[
              {"name":"kit_greet","taskReferenceName":"greet","inputParameters":{"name":"Ada","times":2}},
              {"name":"by_hand","taskReferenceName":"hand","inputParameters":{"anything":"${greet.output.message}"}},
              {"name":"kit_log_and_sum","taskReferenceName":"sum","inputParameters":{"a":"${hand.output.whatever}","b":"2"}}]}
            """;
        WorkerDefinition byHand = new("by_hand", (_, _) => ValueTask.FromResult(WorkerResult.CompletedEmpty()));

        Assert.Empty(WorkflowDefinitionCheck.Check(matching, [.. ConductorWorkers.All, byHand]));
    }

    [Fact]
    public void Text_that_is_not_json_is_one_finding_naming_the_source_and_a_list_of_definitions_is_checked_whole()
    {
        var broken = Assert.Single(WorkflowDefinitionCheck.Check("{\"name\": ", ConductorWorkers.All, "flows/order.workflow.json"));
        Assert.Equal("CDG2009", broken.Id);
        Assert.Equal(WorkflowFindingSeverity.Error, broken.Severity);
        Assert.StartsWith("Workflow file 'order.workflow.json' is not valid JSON: ", broken.Message, StringComparison.Ordinal);
        Assert.Equal("flows/order.workflow.json", broken.Source);

        var list = WorkflowDefinitionCheck.Check(
            """[{"name":"a","tasks":[{"name":"kit_greet","taskReferenceName":"g","inputParameters":{"name":"x"}}]},{"name":"b","tasks":[{"name":"kit_greet","taskReferenceName":"g","inputParameters":{"name":1.5}}]}]""",
            ConductorWorkers.All);
        var wrong = Assert.Single(list);
        Assert.Equal(("CDG2003", "b", "$[1].tasks[0].inputParameters.name"), (wrong.Id, wrong.WorkflowName, wrong.JsonPath));
    }

    [Fact]
    public void A_definition_built_with_the_client_model_is_checked()
    {
        var definition = new WorkflowDefinition
        {
            Name = "built_in_code",
            Tasks =
            {
                new Client.WorkflowStep { Name = "kit_log_and_sum", TaskReferenceName = "sum", InputParameters = new() { ["a"] = 1, ["c"] = 2 } },
            },
        };

        var findings = WorkflowDefinitionCheck.Check(definition, ConductorWorkers.All);

        Assert.Equal(
            [
                "CDG2001 warning: Task 'sum' passes input 'c', which worker 'kit_log_and_sum' does not read; did you mean 'b'? (workflow 'built_in_code', task 'sum', $.tasks[0].inputParameters.c)",
                "CDG2002 warning: Task 'sum' does not pass input 'b', which worker 'kit_log_and_sum' requires; 'c' is passed instead (workflow 'built_in_code', task 'sum', $.tasks[0].inputParameters)",
            ],
            findings.Select(finding => finding.ToString()));
    }

    [Fact]
    public async Task The_client_checks_a_definition_read_from_the_server_and_the_latest_version_of_each()
    {
        await using var server = await ConductorTestServer.StartAsync();
        server.RegisterWorkflowDef(WorkflowDefJson.Parse(Mismatched));
        server.RegisterWorkflowDef(WorkflowDefJson.Parse("""{"name":"fine","version":1,"tasks":[{"name":"kit_greet","taskReferenceName":"g","inputParameters":{"name":"Ada"}}]}"""));
        server.RegisterWorkflowDef(WorkflowDefJson.Parse("""{"name":"fine","version":2,"tasks":[{"name":"kit_greet","taskReferenceName":"g","inputParameters":{"name":true}}]}"""));
        using var client = new ConductorClient(server.ApiUrl);

        // MetadataResource#get: the latest version unless one is asked for.
        var one = await client.CheckWorkflowAsync("greet_and_sum", null, ConductorWorkers.All);
        Assert.Equal(ExpectedFindings.Select(line => "greet_and_sum v3: " + line), one.Select(finding => finding.ToString()));
        Assert.Empty(await client.CheckWorkflowAsync("fine", 1, ConductorWorkers.All));

        // MetadataResource#getAllWorkflowsWithLatestVersions: version 2 of "fine", not version 1.
        var all = await client.CheckWorkflowsAsync(ConductorWorkers.All);
        Assert.Equal(ExpectedFindings.Length + 1, all.Count);
        var fine = Assert.Single(all, finding => finding.WorkflowName == "fine");
        Assert.Equal(("CDG2003", "fine v2", "$.tasks[0].inputParameters.name"), (fine.Id, fine.Source, fine.JsonPath));

        var missing = await Assert.ThrowsAsync<Conductor.Generated.Client.ConductorApiException>(() => client.CheckWorkflowAsync("no_such_workflow", null, ConductorWorkers.All));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_environment_checks_a_definition_against_its_workers_and_asserts_it_matches()
    {
        await using var conductor = await ConductorTestEnvironment.StartAsync([ConductorWorkers.Greet, ConductorWorkers.LogAndSum]);

        Assert.Equal(ExpectedFindings, conductor.CheckWorkflow(WorkflowDefJson.Parse(Mismatched)).Select(finding => finding.ToString()));

        var failure = Assert.Throws<WorkflowAssertionException>(() => conductor.AssertWorkflowMatchesWorkers(WorkflowDefJson.Parse(Mismatched)));
        Assert.StartsWith("workflow 'greet_and_sum' does not match the workers (5 findings):\n  CDG2001 warning: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CDG2006", failure.Message, StringComparison.Ordinal);

        // A task served by no worker here is only an Info finding: a stub may serve it.
        conductor.AssertWorkflowMatchesWorkers(WorkflowDefJson.Parse(
            """{"name":"ok","tasks":[{"name":"kit_greet","taskReferenceName":"g","inputParameters":{"name":"Ada"}},{"name":"stubbed","taskReferenceName":"s"}]}"""));
    }
}
