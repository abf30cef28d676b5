using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

/// <summary>
/// Tens of thousands of tasks through the server over HTTP, with many concurrent workers
/// batch-polling and reporting through both result routes: nothing is lost or handed out twice.
/// </summary>
public sealed class SustainedLoadTests : ServerTestBase
{
    private const int WorkflowCount = 20_000;
    private const int PollerCount = 24;
    private const int BatchSize = 50;

    /// <summary>Every tenth task fails its first attempt, so retries run under load too.</summary>
    private static bool FailsFirstAttempt(int n) => n % 10 == 0;

    // Real server: ExecutionService.java#poll (a popped task goes to one worker only);
    // WorkflowExecutorOps.java#updateTask; DeciderService.java#retry; TaskResource.java#updateTaskV2.
    [Fact]
    public async Task Every_task_is_handed_out_exactly_once_per_attempt_and_every_result_is_recorded()
    {
        Server.RegisterTaskDefs(new TaskDef { Name = "load", RetryCount = 1, RetryDelaySeconds = 0 });
        Server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "load_flow",
            Tasks = [new WorkflowTask { Name = "load", TaskReferenceName = "load_ref", InputParameters = new JsonObject { ["n"] = "${workflow.input.n}" } }],
        });
        var workflowIds = new string[WorkflowCount];
        for (var n = 0; n < WorkflowCount; n++)
        {
            workflowIds[n] = Server.StartWorkflow("load_flow", new JsonObject { ["n"] = n });
        }

        var expectedAttempts = WorkflowCount + Enumerable.Range(0, WorkflowCount).Count(FailsFirstAttempt);
        var handOuts = new ConcurrentDictionary<string, int>();
        var completions = 0;
        using var everythingDone = new CancellationTokenSource();
        using var client = new HttpClient { BaseAddress = Server.ApiUrl, Timeout = Patience };

        // Works one task and whatever update-v2 hands back in its place.
        async Task WorkAsync(JsonNode? task, string workerId, bool useUpdateV2)
        {
            while (task is not null)
            {
                var taskId = (string)task["taskId"]!;
                handOuts.AddOrUpdate(taskId, 1, (_, count) => count + 1);
                var n = (int)task["inputData"]!["n"]!;
                var fails = FailsFirstAttempt(n) && (int)task["retryCount"]! == 0;
                var result = new JsonObject
                {
                    ["workflowInstanceId"] = (string?)task["workflowInstanceId"],
                    ["taskId"] = taskId,
                    ["workerId"] = workerId,
                    ["status"] = fails ? "FAILED" : "COMPLETED",
                    ["reasonForIncompletion"] = fails ? "first attempt fails" : null,
                    ["outputData"] = new JsonObject { ["doubled"] = n * 2, ["by"] = workerId },
                };

                using var response = await client.PostAsync(useUpdateV2 ? "tasks/update-v2" : "tasks", Json(result.ToJsonString()));
                Assert.True(response.IsSuccessStatusCode, $"reporting {taskId} answered {response.StatusCode}");
                if (!fails && Interlocked.Increment(ref completions) == WorkflowCount)
                {
                    await everythingDone.CancelAsync();
                }

                task = useUpdateV2 && response.StatusCode == HttpStatusCode.OK ? await ReadJsonAsync(response) : null;
            }
        }

        async Task PollAsync(int poller)
        {
            var workerId = $"worker-{poller}";
            var useUpdateV2 = poller % 2 == 0;
            while (!everythingDone.IsCancellationRequested)
            {
                string body;
                try
                {
                    body = await client.GetStringAsync($"tasks/poll/batch/load?workerid={workerId}&count={BatchSize}&timeout=500", everythingDone.Token);
                }
                catch (OperationCanceledException) when (everythingDone.IsCancellationRequested)
                {
                    return;
                }

                foreach (var task in JsonNode.Parse(body)!.AsArray())
                {
                    await WorkAsync(task, workerId, useUpdateV2);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, PollerCount).Select(PollAsync)).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(expectedAttempts, handOuts.Count);
        Assert.All(handOuts, pair => Assert.True(pair.Value == 1, $"task {pair.Key} was handed out {pair.Value} times"));
        Assert.Equal(0, Server.GetQueueSize("load"));
        for (var n = 0; n < WorkflowCount; n++)
        {
            var workflow = Server.GetWorkflow(workflowIds[n])!;
            Assert.Equal(WorkflowStatus.Completed, workflow.Status);
            var attempts = workflow.Tasks;
            Assert.Equal(FailsFirstAttempt(n) ? 2 : 1, attempts.Count);
            Assert.All(attempts, attempt => Assert.True(handOuts.ContainsKey(attempt.TaskId), $"{attempt.TaskId} was never handed out"));
            if (FailsFirstAttempt(n))
            {
                Assert.Equal(TaskExecutionStatus.Failed, attempts[0].Status);
                Assert.Equal("first attempt fails", attempts[0].ReasonForIncompletion);
            }

            var last = attempts[^1];
            Assert.Equal(TaskExecutionStatus.Completed, last.Status);
            Assert.Equal(1, last.PollCount);
            Assert.Equal(n * 2, (int)last.OutputData["doubled"]!);
            Assert.Equal(last.WorkerId, (string?)last.OutputData["by"]);
            Assert.Equal(n * 2, (int)workflow.Output["doubled"]!);
        }
    }
}
