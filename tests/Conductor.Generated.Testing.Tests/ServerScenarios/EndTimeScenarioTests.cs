using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenario of e2e EndTimeIssueTests (workflow/EndTimeIssueTests.java), over HTTP. Real
/// server: ParametersUtils#getTaskInput reads <c>${ref.endTime}</c> from the task's own fields
/// (the task as a document: endTime in epoch milliseconds, set when its result was recorded).
/// </summary>
public sealed class EndTimeScenarioTests : WorkflowOperationScenarioBase
{
    // e2e EndTimeIssueTests#endTimeIsReplacedCorrectly: after the first task completes, the INLINE
    // task and the two SIMPLE tasks after it read its end time, the real one, not 0.
    [Fact]
    public async Task A_tasks_end_time_is_read_by_the_tasks_after_it()
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await RegisterTaskNamesAsync("end_time_simple", "end_time_simple_2", "end_time_simple_3");
        await UpdateWorkflowDefAsync("""
            {"name":"end_time_issue_wf","version":1,"schemaVersion":2,"tasks":[
              {"name":"end_time_simple","taskReferenceName":"simple_ref","type":"SIMPLE","inputParameters":{}},
              {"name":"inline","taskReferenceName":"inline_ref","type":"INLINE","inputParameters":{"expression":"$.endTime","evaluatorType":"graaljs","endTime":"${simple_ref.endTime}"}},
              {"name":"end_time_simple_2","taskReferenceName":"simple_2_ref","type":"SIMPLE","inputParameters":{"endTime":"${simple_ref.endTime}"}},
              {"name":"end_time_simple_3","taskReferenceName":"simple_ref_3","type":"SIMPLE","inputParameters":{"endTime":"${simple_ref.endTime}"}}]}
            """);
        var workflowId = await StartAsync("end_time_issue_wf");

        var first = await PollTaskAsync("end_time_simple", workerId: "end-time-worker");
        Assert.Equal(workflowId, (string?)first["workflowInstanceId"]);
        Assert.Equal("simple_ref", (string?)first["referenceTaskName"]);
        Assert.Equal("IN_PROGRESS", (string?)first["status"]);
        await CompleteAsync(first);

        var endTime = (long)(await GetJsonAsync($"tasks/{(string)first["taskId"]!}"))["endTime"]!;
        Assert.True(endTime >= start, $"endTime {endTime} is before the test started ({start})");
        foreach (var taskType in new[] { "end_time_simple_2", "end_time_simple_3" })
        {
            var task = await PollTaskAsync(taskType, workerId: "end-time-worker");
            Assert.Equal(workflowId, (string?)task["workflowInstanceId"]);
            Assert.Equal("IN_PROGRESS", (string?)task["status"]);
            Assert.Equal(endTime, (long)task["inputData"]!["endTime"]!);
            await CompleteAsync(task);
        }

        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var inline = Tasks(workflow).Single(task => (string?)task!["referenceTaskName"] == "inline_ref")!;
        Assert.Equal(endTime, (long)inline["outputData"]!["result"]!);
    }
}
