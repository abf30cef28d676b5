using System.Diagnostics;
using Conductor.Generated.Client;

namespace Conductor.Generated.Diagnostics;

/// <summary>Traces: one activity per task execution, from the worker call to the result report.</summary>
internal static class WorkerActivitySource
{
    public const string ExecuteActivityName = "conductor.task.execute";
    public const string TaskIdTag = "conductor.task.id";
    public const string TaskTypeTag = "conductor.task.type";
    public const string WorkflowIdTag = "conductor.workflow.id";
    public const string StatusTag = "conductor.task.status";

    private static readonly ActivitySource Source = new(ConductorDiagnostics.ActivitySourceName, typeof(WorkerActivitySource).Assembly.GetName().Version?.ToString());

    public static Activity? StartExecution(ConductorTask task, string taskType)
    {
        var activity = Source.StartActivity(ExecuteActivityName, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.DisplayName = $"execute {taskType}";
        activity.SetTag(TaskIdTag, task.TaskId);
        activity.SetTag(TaskTypeTag, taskType);
        activity.SetTag(WorkflowIdTag, task.WorkflowInstanceId);
        return activity;
    }

    public static void RecordOutcome(Activity? activity, TaskResult result)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(StatusTag, WorkerMetrics.StatusName(result.Status));
        if (result.Status is TaskResultStatus.Failed or TaskResultStatus.FailedWithTerminalError)
        {
            activity.SetStatus(ActivityStatusCode.Error, result.ReasonForIncompletion);
        }
    }
}
