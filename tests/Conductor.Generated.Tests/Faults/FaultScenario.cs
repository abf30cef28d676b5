using System.Text.Json.Nodes;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.Faults;

/// <summary>Definitions, workflows and checks the fault-injection tests share.</summary>
internal static class FaultScenario
{
    /// <summary>
    /// Task definitions for a run under faults: a short response timeout, so a task whose poll
    /// answer was lost goes back to the queue within seconds, and enough retries (right away) for
    /// the timeouts that causes.
    /// </summary>
    public static void RegisterTaskDefs(ConductorTestServer server, int responseTimeoutSeconds, params string[] names) =>
        server.RegisterTaskDefs([.. names.Select(name => new TaskDef
        {
            Name = name,
            RetryCount = 20,
            RetryDelaySeconds = 0,
            ResponseTimeoutSeconds = responseTimeoutSeconds,
            OwnerEmail = "tests@example.com",
        })]);

    public static WorkflowDef Workflow(string name, params WorkflowTask[] tasks) => new()
    {
        Name = name,
        Version = 1,
        Tasks = [.. tasks],
        OwnerEmail = "tests@example.com",
    };

    public static WorkflowTask Simple(string taskName, string referenceName, JsonObject input) => new()
    {
        Name = taskName,
        TaskReferenceName = referenceName,
        InputParameters = input,
    };

    /// <summary>A host running only the named workers from the generated table.</summary>
    public static ConductorWorkerHost Host(ConductorWorkerOptions options, IReadOnlyCollection<string> taskNames, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null) =>
        new(options, ConductorWorkers.All.Where(worker => taskNames.Contains(worker.TaskName)), loggerFactory);

    /// <summary>Checks that a completed task's output is exactly <see cref="FaultWorkers.EchoOf"/> of its input.</summary>
    public static void AssertOutputIsTheWorkersAnswer(TaskExecution task)
    {
        var n = (int)task.InputData["n"]!;
        var label = (string)task.InputData["label"]!;
        var expected = FaultWorkers.EchoOf(n, label);
        Assert.True(
            task.OutputData.Count == 3
                && (int?)task.OutputData["n"] == expected.N
                && (int?)task.OutputData["next"] == expected.Next
                && (string?)task.OutputData["label"] == expected.Label,
            $"Task {task.TaskId} ({task.ReferenceTaskName}) has output {task.OutputData.ToJsonString()}, not the worker's answer for n={n}, label={label}");
    }

    /// <summary>
    /// Checks a finished workflow: COMPLETED, every task either COMPLETED with the worker's
    /// answer or TIMED_OUT by the server because its worker never answered (a poll answer lost
    /// on the way) and then retried; none FAILED or reported with any other status.
    /// </summary>
    public static void AssertCompletedWithTheWorkersAnswers(WorkflowExecution workflow)
    {
        Assert.True(workflow.Status == WorkflowStatus.Completed, $"Workflow {workflow.WorkflowId} ended {workflow.Status}: {workflow.ReasonForIncompletion}");
        foreach (var task in workflow.Tasks)
        {
            if (task.Status == TaskExecutionStatus.TimedOut)
            {
                Assert.StartsWith("responseTimeout", task.ReasonForIncompletion, StringComparison.Ordinal);
                Assert.True(task.OutputData.Count == 0, $"Timed-out task {task.TaskId} has output {task.OutputData.ToJsonString()}");
                continue;
            }

            Assert.True(task.Status == TaskExecutionStatus.Completed, $"Task {task.TaskId} ({task.ReferenceTaskName}) ended {task.Status}: {task.ReasonForIncompletion}");
            AssertOutputIsTheWorkersAnswer(task);
        }
    }
}
