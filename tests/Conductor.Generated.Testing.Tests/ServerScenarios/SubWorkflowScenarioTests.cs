using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenarios of the real server's e2e <c>control/SubWorkflowTests</c>: a workflow of many task
/// types with sub-workflows by version (none, 1, 0) and inline ones nested in a FORK, served by
/// workers with and without task domains, completed and then restarted twice on the latest
/// definitions. The parent and every child carry the parent's taskToDomain (SubWorkflow#start
/// passes the parent's on), and a child without an explicit version runs the latest
/// (MetadataMapperService#populateVersionForSubWorkflow, SubWorkflow#start);
/// WorkflowExecutorOps#restart runs it all again.
/// </summary>
public sealed class SubWorkflowScenarioTests : SubWorkflowScenarioBase
{
    private static readonly string[] Workers = ["sw_worker_0", "sw_worker_1", "sw_worker_2", "sw_worker_4"];

    private const string ChildName = "sw_population";

    private static string Child(int version) => $$$"""
        {"name":"{{{ChildName}}}","version":{{{version}}},"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
         "outputParameters":{"data":"${get_random_fact.output.response.body.fact}"},
         "tasks":[{"name":"sw_worker_4","taskReferenceName":"sw_worker_4","type":"SIMPLE","inputParameters":{"name":"Orkes"}}]}
        """;

    private const string LengthSwitch = """
        {"name":"fact_length","taskReferenceName":"fact_length","type":"SWITCH","evaluatorType":"javascript","expression":"$.number < 15 ? 'LONG':'LONG'",
         "inputParameters":{"number":"${get_data.output.number}"},
         "decisionCases":{"LONG":[{"name":"sw_worker_1","taskReferenceName":"simple_task_1","type":"SIMPLE"}],
                          "SHORT":[{"name":"too_short","taskReferenceName":"too_short","type":"TERMINATE","inputParameters":{"terminationReason":"value too short","terminationStatus":"FAILED"}}]}}
        """;

    private const string SubFlowTaskDefinition = """
        "taskDefinition":{"name":"sub_flow_inline","retryCount":0,"timeoutSeconds":3000,"timeoutPolicy":"TIME_OUT_WF","retryLogic":"FIXED","retryDelaySeconds":60,"responseTimeoutSeconds":20}
        """;

    private static readonly string Parent = $$$"""
        {"name":"sw_scenario","version":1,"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"restartable":true,"tasks":[
          {"name":"sw_worker_0","taskReferenceName":"simple_task_0","type":"SIMPLE"},
          {"name":"jq","taskReferenceName":"jq","type":"JSON_JQ_TRANSFORM",
           "inputParameters":{"key1":{"value1":["a","b"]},"value2":["d","e"],"queryExpression":"{ key3: (.key1.value1 + .key2.value2) }"}},
          {"name":"wait","taskReferenceName":"wait","type":"WAIT","inputParameters":{"duration":"1 s"}},
          {"name":"set_state","taskReferenceName":"set_state","type":"SET_VARIABLE","inputParameters":{"call_made":true,"number":"${simple_task_0.output.number}"}},
          {"name":"sub_flow","taskReferenceName":"sub_flow","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"{{{ChildName}}}"}},
          {"name":"sub_flow_v1","taskReferenceName":"sub_flow_v1","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"{{{ChildName}}}","version":1}},
          {"name":"dynamic_fork","taskReferenceName":"dynamic_fork","type":"FORK_JOIN_DYNAMIC","dynamicForkTasksParam":"forkedTasks","dynamicForkTasksInputParamName":"forkedTasksInputs",
           "inputParameters":{"forkTaskName":"sw_worker_0","forkTaskInputs":[1,2,3]}},
          {"name":"dynamic_fork_join","taskReferenceName":"dynamic_fork_join","type":"JOIN"},
          {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
            [
              {"name":"loop_until_success","taskReferenceName":"loop_until_success","type":"DO_WHILE","optional":true,"inputParameters":{"loop_count":2},
               "loopCondition":"if ( $.loop_count['iteration'] < $.loop_until_success ) { true; } else { false; }",
               "loopOver":[{{{LengthSwitch}}}]},
              {"name":"sub_flow_inline","taskReferenceName":"sub_flow_inline","type":"SUB_WORKFLOW",{{{SubFlowTaskDefinition}}},
               "subWorkflowParam":{"name":"inline_sub","version":1,"workflowDefinition":{"name":"inline_sub","version":1,"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
                 {"name":"sw_worker_2","taskReferenceName":"simple_task_0","type":"SIMPLE"},
                 {{{LengthSwitch.Replace("fact_length", "fact_length2", StringComparison.Ordinal)}}},
                 {"name":"sub_flow_inline_lvl2","taskReferenceName":"sub_flow_inline_lvl2","type":"SUB_WORKFLOW",{{{SubFlowTaskDefinition}}},
                  "subWorkflowParam":{"name":"inline_sub","version":1,"workflowDefinition":{"name":"inline_sub","version":1,"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,"tasks":[
                    {"name":"sw_worker_2","taskReferenceName":"simple_task_0","type":"SIMPLE"}]} } }]} } }
            ],
            [
              {"name":"sw_worker_2","taskReferenceName":"simple_task_2","type":"SIMPLE"},
              {"name":"sw_worker_1","taskReferenceName":"simple_task_5","type":"SIMPLE"}
            ]]},
          {"name":"fork_join","taskReferenceName":"fork_join","type":"JOIN","joinOn":["simple_task_5","sub_flow_inline"]},
          {"name":"sub_flow_v0","taskReferenceName":"sub_flow_v0","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"{{{ChildName}}}","version":0}}]}
        """;

    private async Task RegisterAsync()
    {
        await UpdateWorkflowDefsAsync(Parent, Child(3), Child(1));
    }

    /// <summary>Workers of every task name, polling with the domains given and without any, each completing with <c>number: 42</c>.</summary>
    private async Task ServeAsync(Dictionary<string, string> domains, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var name in Workers)
            {
                foreach (var domain in domains.TryGetValue(name, out var own) ? [own, null] : new string?[] { null })
                {
                    foreach (var task in await BatchPollAsync(name, count: 10, domain: domain))
                    {
                        await CompleteAsync(task!, """{"number":42}""");
                    }
                }
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private async Task RunAndCheckAsync(string workflowId, Dictionary<string, string> domains, bool restart)
    {
        using var stop = new CancellationTokenSource();
        var workers = ServeAsync(domains, stop.Token);
        try
        {
            if (restart)
            {
                using var response = await PostAsync($"workflow/{workflowId}/restart?useLatestDefinitions=true", "");
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }

            var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
            await CheckAsync(workflow, domains);
        }
        finally
        {
            await stop.CancelAsync();
            await workers;
        }
    }

    private async Task CheckAsync(JsonNode workflow, Dictionary<string, string> domains)
    {
        AssertDomains(domains, workflow);
        var subs = Tasks(workflow).Where(task => (string?)task!["taskType"] == "SUB_WORKFLOW").ToList();
        Assert.Equal(4, subs.Count);
        foreach (var sub in subs)
        {
            var child = await WorkflowAsync((string)sub!["subWorkflowId"]!);
            Assert.Equal("COMPLETED", (string?)child["status"]);
            AssertDomains(domains, child);

            var param = sub["workflowTask"]!["subWorkflowParam"]!;
            if (param["workflowDefinition"] is null)
            {
                var version = (int?)param["version"];
                Assert.Equal(version is null or 0 ? 3 : version, (int)child["workflowVersion"]!);
            }
        }

        Assert.Equal(3, (int)(await WorkflowAsync((string)TaskByRef(workflow, "sub_flow")["subWorkflowId"]!))["workflowVersion"]!);
        Assert.Equal(1, (int)(await WorkflowAsync((string)TaskByRef(workflow, "sub_flow_v1")["subWorkflowId"]!))["workflowVersion"]!);
        Assert.Equal(3, (int)(await WorkflowAsync((string)TaskByRef(workflow, "sub_flow_v0")["subWorkflowId"]!))["workflowVersion"]!);
    }

    private static void AssertDomains(Dictionary<string, string> expected, JsonNode workflow)
    {
        var actual = workflow["taskToDomain"]!.AsObject();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (name, domain) in actual)
        {
            Assert.Equal(expected[name], (string?)domain);
        }
    }

    // e2e SubWorkflowTests#testSubWorkflowWithDomain
    [Fact]
    public async Task With_domains_the_parent_and_every_child_carry_them_through_two_restarts()
    {
        await RegisterAsync();
        var domains = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sw_worker_0"] = "sw_domain_a",
            ["sw_worker_1"] = "sw_domain_b",
            ["sw_worker_2"] = "sw_domain_c",
            ["sw_worker_4"] = "sw_domain_d",
            ["SUB_WORKFLOW"] = "sw_domain_e",
            ["SET_VARIABLE"] = "sw_domain_f",
            ["TERMINATE"] = "sw_domain_g",
        };
        var request = new JsonObject { ["name"] = "sw_scenario", ["taskToDomain"] = new JsonObject(domains.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))) };
        var workflowId = await StartWorkflowAsync(request.ToJsonString());

        await RunAndCheckAsync(workflowId, domains, restart: false);
        await RunAndCheckAsync(workflowId, domains, restart: true);
        await RunAndCheckAsync(workflowId, domains, restart: true);
    }

    // e2e SubWorkflowTests#testSubworkflowExecutionWithOutDomains: no taskToDomain given: the
    // parent and every child show an empty one.
    [Fact]
    public async Task Without_domains_the_parent_and_every_child_have_none_through_two_restarts()
    {
        await RegisterAsync();
        var workflowId = await StartWorkflowAsync("""{"name":"sw_scenario"}""");
        var none = new Dictionary<string, string>(StringComparer.Ordinal);

        await RunAndCheckAsync(workflowId, none, restart: false);
        await RunAndCheckAsync(workflowId, none, restart: true);
        await RunAndCheckAsync(workflowId, none, restart: true);
    }
}
