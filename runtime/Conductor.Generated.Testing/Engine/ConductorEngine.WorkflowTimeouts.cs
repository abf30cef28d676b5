using System.Globalization;

namespace Conductor.Generated.Testing;

/// <summary>
/// The workflow's own time limit (DeciderService#checkWorkflowTimeout) and the sweep's part in
/// the system tasks: WAITs and delayed starts whose time has come, decisions left to go on.
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>
    /// DeciderService#checkWorkflowTimeout: past timeoutSeconds, TIME_OUT_WF ends the run as
    /// TIMED_OUT; ALERT_ONLY only logs (the real server's metric). True when the run ended.
    /// </summary>
    private bool CheckWorkflowTimeout(WorkflowState workflow)
    {
        var definition = workflow.Definition;
        if (workflow.IsEnded || definition.TimeoutSeconds <= 0)
        {
            return false;
        }

        // From the start, or from the last retry or resume (WorkflowModel#lastRetriedTime).
        var lastRetried = workflow.Execution.LastRetriedTime;
        var start = lastRetried > 0 ? lastRetried : workflow.TimeoutStart;
        var elapsed = Now - start;
        if (elapsed < definition.TimeoutSeconds * 1000)
        {
            // The clock checks again exactly when the limit passes (so a virtual clock can skip to
            // it); registered once per limit, not on every decision (a retry or resume moves it).
            var key = "timeout:" + workflow.Execution.WorkflowId;
            var limitAt = start + (definition.TimeoutSeconds * 1000);
            if (!_dueActions.TryGetValue(key, out var scheduled) || scheduled.AtMilliseconds != limitAt)
            {
                ScheduleAt(key, limitAt, $"the timeout of workflow {workflow.Execution.WorkflowId}", () => CheckWorkflowTimeout(workflow));
            }

            return false;
        }

        var policy = definition.TimeoutPolicy ?? "TIME_OUT_WF";
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"Workflow timed out after {elapsed / 1000} seconds. Timeout configured as {definition.TimeoutSeconds} seconds. Timeout policy configured to {policy}");
        if (policy == "ALERT_ONLY")
        {
            if (!workflow.TimeoutAlerted)
            {
                workflow.TimeoutAlerted = true;
                ServerLog.WorkflowTimeoutAlert(_logger, workflow.Execution.WorkflowId, reason);
            }

            return false;
        }

        FailWorkflow(workflow, WorkflowStatus.TimedOut, reason, failedTask: null);
        return true;
    }

    /// <summary>The sweep's workflow part: time limits (also while PAUSED), due system tasks, unfinished decisions.</summary>
    private void SweepWorkflows()
    {
        foreach (var workflow in _workflows.Values.Where(workflow => !workflow.IsEnded && workflow.Definition.TimeoutSeconds > 0).ToList())
        {
            CheckWorkflowTimeout(workflow);
        }

        var now = Now;
        foreach (var taskId in _dueTaskIds.ToList())
        {
            if (!_tasks.TryGetValue(taskId, out var state) || state.Workflow.IsEnded || state.Task.Status.IsTerminal() || state.DueAt == 0)
            {
                _dueTaskIds.Remove(taskId);
                continue;
            }

            if (state.DueAt <= now)
            {
                Decide(state.Workflow);
            }
        }

        foreach (var workflowId in _undecidedWorkflowIds.ToList())
        {
            if (_workflows.TryGetValue(workflowId, out var workflow))
            {
                Decide(workflow);
            }
        }
    }
}
