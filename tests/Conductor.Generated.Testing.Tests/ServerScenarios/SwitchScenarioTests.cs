using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

// The scenarios of the real server's e2e suite, control/SwitchTests.java, over HTTP.
// The e2e tests build the workflow with the Java SDK (a SWITCH as the SDK's Switch task writes
// it: evaluatorType value-param on an input `switchCaseValue`) and start it with its definition
// in the start request (ConductorWorkflow#executeDynamic); annotated workers poll and answer, a
// returned object becoming the output, a returned string the output `result`.
// Real server (core/src/main/java/com/netflix/conductor/core/execution/):
//   mapper/SwitchTaskMapper#getMappedTasks, tasks/Switch#execute, evaluators/ValueParamEvaluator,
//   DeciderService#getNextTask (after a case's last task, the task after the SWITCH),
//   StartWorkflowOperation (a start request carrying its workflowDef)
public sealed class SwitchScenarioTests : ScenarioTestBase
{
    private const string NotificationWorkflowJson = """
        {"name":"sdk_switch_test","version":1,"ownerEmail":"test@conductor.io","tasks":[
          {"name":"get_user_details","taskReferenceName":"get_user_details","type":"SIMPLE","inputParameters":{"userId":"${workflow.input.name}"}},
          {"name":"emailorsms","taskReferenceName":"emailorsms","type":"SWITCH","evaluatorType":"value-param","expression":"switchCaseValue",
           "inputParameters":{"switchCaseValue":"${workflow.input.notificationPreference}"},
           "decisionCases":{
             "EMAIL":[{"name":"send_email","taskReferenceName":"send_email","type":"SIMPLE","inputParameters":{"email":"${get_user_details.output.email}"}}],
             "SMS":[
               {"name":"send_sms","taskReferenceName":"send_sms","type":"SIMPLE","inputParameters":{"phoneNumber":"${get_user_details.output.phoneNumber}"}},
               {"name":"send_push","taskReferenceName":"send_push","type":"SIMPLE","inputParameters":{"userId":"${workflow.input.name}","email":"${get_user_details.output.email}","phoneNumber":"${get_user_details.output.phoneNumber}"}}]},
           "defaultCase":[
             {"name":"default_switch_case","taskReferenceName":"default_switch_case","type":"SIMPLE","inputParameters":{"userId":"${workflow.input.name}","email":"${get_user_details.output.email}","phoneNumber":"${get_user_details.output.phoneNumber}"}}]}]}
        """;

    // e2e SwitchTests#testSwitchHappySms: the SMS case runs both its tasks, in order, with the
    // first task's output; Switch#execute records the case taken.
    [Fact]
    public async Task The_sms_case_runs_its_two_tasks()
    {
        var workflowId = await StartDynamicAsync("SMS");
        await AnswerWorkersAsync(workflowId);

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var tasks = Tasks(workflow);
        Assert.Equal(["get_user_details", "emailorsms", "send_sms", "send_push"], tasks.Select(task => (string)task["referenceTaskName"]!));
        Assert.Equal(
            "Sending push for  userA[Email: userA@gmail.com][PhoneNumber: 9999999999]",
            (string?)tasks[3]["outputData"]!["result"]);
        Assert.Equal("SMS: 9999999999", (string?)tasks[2]["outputData"]!["result"]);
        Assert.Equal("SMS", (string?)tasks[1]["outputData"]!["evaluationResult"]![0]);
        Assert.Equal("SMS", (string?)tasks[1]["outputData"]!["selectedCase"]);
    }

    // e2e SwitchTests#testSwitchHappyEmail.
    [Fact]
    public async Task The_email_case_runs_its_one_task()
    {
        var workflowId = await StartDynamicAsync("EMAIL");
        await AnswerWorkersAsync(workflowId);

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var tasks = Tasks(workflow);
        Assert.Equal(["get_user_details", "emailorsms", "send_email"], tasks.Select(task => (string)task["referenceTaskName"]!));
        Assert.Equal("EMAIL: userA@gmail.com", (string?)tasks[2]["outputData"]!["result"]);
    }

    // e2e SwitchTests#testSwitchNegetive (disabled there for the SDK's timing, not for the
    // server): a value no case names runs the default case; evaluationResult holds the value.
    [Fact]
    public async Task A_value_no_case_names_runs_the_default_case()
    {
        var workflowId = await StartDynamicAsync("Whatsapp");
        await AnswerWorkersAsync(workflowId);

        var workflow = await EndedAsync(workflowId);
        Assert.Equal("COMPLETED", (string?)workflow["status"]);
        var tasks = Tasks(workflow);
        Assert.Equal(["get_user_details", "emailorsms", "default_switch_case"], tasks.Select(task => (string)task["referenceTaskName"]!));
        var evaluationResult = tasks[1]["outputData"]!["evaluationResult"]!.AsArray();
        Assert.Equal(["Whatsapp"], evaluationResult.Select(value => (string?)value));
        Assert.Equal(
            "No activity found for  userA[Email: userA@gmail.com][PhoneNumber: 9999999999]",
            (string?)tasks[2]["outputData"]!["result"]);
    }

    /// <summary>Starts the workflow with its definition in the request, as ConductorWorkflow#executeDynamic does.</summary>
    private async Task<string> StartDynamicAsync(string preference)
    {
        using var response = await PostAsync(
            "workflow",
            $$"""{"name":"sdk_switch_test","version":1,"input":{"name":"userA","notificationPreference":"{{preference}}"},"workflowDef":{{NotificationWorkflowJson}}}""");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    /// <summary>The e2e test's annotated workers: each pending task is polled by its type and answered.</summary>
    private async Task AnswerWorkersAsync(string workflowId)
    {
        while (true)
        {
            var workflow = await WorkflowAsync(workflowId);
            if ((string?)workflow["status"] != "RUNNING")
            {
                return;
            }

            var pending = Tasks(workflow).FirstOrDefault(task => (string?)task["taskType"] != "SWITCH" && Status(task) == "SCHEDULED");
            if (pending is null)
            {
                await Task.Delay(20);
                continue;
            }

            var task = await PollTaskAsync((string)pending["taskType"]!);
            var input = task["inputData"]!;
            string Text(string key) => (string?)input[key] ?? "null";
            var output = (string)task["taskType"]! switch
            {
                "get_user_details" => new JsonObject { ["phoneNumber"] = "9999999999", ["email"] = Text("userId") + "@gmail.com" },
                "send_email" => new JsonObject { ["result"] = "EMAIL: " + Text("email") },
                "send_sms" => new JsonObject { ["result"] = "SMS: " + Text("phoneNumber") },
                "send_push" => new JsonObject { ["result"] = $"Sending push for  {Text("userId")}[Email: {Text("email")}][PhoneNumber: {Text("phoneNumber")}]" },
                "default_switch_case" => new JsonObject { ["result"] = $"No activity found for  {Text("userId")}[Email: {Text("email")}][PhoneNumber: {Text("phoneNumber")}]" },
                var other => throw new InvalidOperationException($"No worker for {other}"),
            };
            await CompleteAsync(task, output.ToJsonString());
        }
    }
}
