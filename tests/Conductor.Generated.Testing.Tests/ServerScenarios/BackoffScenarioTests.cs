using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e task/BackoffTests#testRetryLogic: one task per retryLogic (FIXED, EXPONENTIAL_BACKOFF,
/// LINEAR_BACKOFF; retryDelaySeconds 2, backoffScaleFactor 2, retryCount 3), a worker failing
/// the first two attempts. Real server: DeciderService#retry (the delay of each retryLogic),
/// WorkflowExecutorOps#addTaskToQueue (the retry is queued that long), ExecutionService#poll
/// (startTime at the poll). On the fake clock, so a retry's startTime - scheduledTime is the delay exactly.
/// </summary>
public sealed class BackoffScenarioTests() : ScenarioTestBase(useFakeClock: true)
{
    [Fact]
    public async Task Each_retry_logic_holds_retries_back_by_its_delay()
    {
        string[] logics = ["FIXED", "EXPONENTIAL_BACKOFF", "LINEAR_BACKOFF"];
        var taskDefs = string.Join(",", logics.Select((logic, index) =>
            $$"""{"name":"retry_{{index}}","ownerEmail":"test@conductor.io","retryLogic":"{{logic}}","backoffScaleFactor":2,"retryDelaySeconds":2,"retryCount":3}"""));
        await RegisterTaskDefsAsync($"[{taskDefs}]");
        var steps = string.Join(",", logics.Select((_, index) => $$"""{"name":"retry_{{index}}","taskReferenceName":"retry_{{index}}","type":"SIMPLE"}"""));
        await UpdateWorkflowDefAsync($$"""{"name":"retry_logic_test","version":1,"tasks":[{{steps}}]}""");
        var workflowId = await StartWorkflowAsync("""{"name":"retry_logic_test","version":1,"input":{}}""");

        // The e2e worker: FAILED while the attempt's retryCount is below 2, else COMPLETED with number 42.
        for (var index = 0; index < logics.Length; index++)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var (task, _) = await PollAdvancingAsync($"retry_{index}", 0, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));
                if ((int)task["retryCount"]! < 2)
                {
                    using var failed = await ReportAsync(task, "FAILED", """{"number":42}""");
                }
                else
                {
                    await CompleteAsync(task, """{"number":42}""");
                }
            }
        }

        var workflow = await UntilStatusAsync(workflowId, "COMPLETED");
        var tasks = Tasks(workflow);
        Assert.Equal(9, tasks.Count);

        // Expected delay of attempt n (retryCount n) in ms: FIXED 2000 from the first retry on;
        // EXPONENTIAL_BACKOFF 2000 × 2^(n-1); LINEAR_BACKOFF 2000 × 2 × n; the first attempt none.
        long[][] expected = [[0, 2000, 2000], [0, 2000, 4000], [0, 4000, 8000]];
        for (var index = 0; index < tasks.Count; index++)
        {
            var task = tasks[index]!;
            Assert.Equal($"retry_{index / 3}", (string?)task["referenceTaskName"]);
            Assert.Equal(index % 3, (int)task["retryCount"]!);
            Assert.Equal(index % 3 < 2 ? "FAILED" : "COMPLETED", Status(task));
            Assert.Equal(42, (int)task["outputData"]!["number"]!);
            var waited = (long)task["startTime"]! - (long)task["scheduledTime"]!;
            Assert.Equal(expected[index / 3][index % 3], waited);
        }
    }
}
