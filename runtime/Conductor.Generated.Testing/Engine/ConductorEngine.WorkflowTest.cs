using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Running a workflow on mock results instead of workers (<c>POST /api/workflow/test</c>,
/// WorkflowTestService#testWorkflow).
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>WorkflowTestService's bound on its loop.</summary>
    private const int MaxTestLoops = 20_000;

    /// <summary>Task types WorkflowTestService treats as operators: no mock needed, the decider moves them.</summary>
    private static readonly HashSet<string> TestOperators = new(StringComparer.Ordinal)
    {
        "JOIN", "DO_WHILE", "SET_VARIABLE", "FORK", "INLINE", "TERMINATE", "DECISION", "DYNAMIC", "FORK_JOIN", "FORK_JOIN_DYNAMIC", "SWITCH", "SUB_WORKFLOW",
    };

    /// <summary>
    /// Starts the workflow with every task in a fresh random domain (so no worker takes them), then
    /// applies, round after round, the next mock of each pending task's reference name as its
    /// result, until the run ends, a pending task that is not an operator has no mock, or the mocks
    /// run out. Answers the run as read at the start of the last round, as the real server does.
    /// </summary>
    public WorkflowExecution TestWorkflow(WorkflowTestRequest request, WorkflowDef definition)
    {
        var taskToDomain = request.TaskToDomain is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(request.TaskToDomain, StringComparer.Ordinal);
        taskToDomain["*"] = Guid.NewGuid().ToString();
        var workflowId = StartWorkflow(definition, request.Input, request.CorrelationId, request.Priority ?? 0, taskToDomain);
        return TestWorkflow(request, workflowId);
    }

    private WorkflowExecution TestWorkflow(WorkflowTestRequest request, string workflowId)
    {
        var mocks = request.TaskRefToMockOutput ?? [];
        WorkflowExecution workflow;
        var loops = 0;
        do
        {
            loops++;
            workflow = GetWorkflow(workflowId) ?? throw ConductorApiException.NotFound($"No such workflow found by id: {workflowId}");
            if (loops > MaxTestLoops)
            {
                return workflow;
            }

            if (workflow.Tasks.Exists(task => !TestOperators.Contains(task.TaskType) && !task.Status.IsTerminal() && !mocks.ContainsKey(task.ReferenceTaskName)))
            {
                break;
            }

            foreach (var running in workflow.Tasks.Where(task => !task.Status.IsTerminal()))
            {
                if (running.TaskType == "SUB_WORKFLOW"
                    && running.OutputData["subWorkflowId"] is JsonValue child && child.TryGetValue<string>(out var childId)
                    && request.SubWorkflowTestRequest?.GetValueOrDefault(running.ReferenceTaskName) is { } childRequest)
                {
                    TestWorkflow(childRequest, childId);
                }

                var reference = running.ReferenceTaskName;
                if (!mocks.TryGetValue(reference, out var taskMocks) || taskMocks.Count == 0 || TestOperators.Contains(running.TaskType))
                {
                    mocks.Remove(reference);
                    DecideWorkflow(workflowId);
                    continue;
                }

                var mock = taskMocks[0];
                taskMocks.RemoveAt(0);
                if (mock.ExecutionTime > 0 || mock.QueueWaitTime > 0)
                {
                    ApplyTimedMock(running.TaskId, mock);
                    DecideWorkflow(workflowId);
                    continue;
                }

                var output = CopyObject(running.OutputData);
                foreach (var (key, value) in mock.Output ?? [])
                {
                    output[key] = value?.DeepClone();
                }

                UpdateTask(new TaskResult
                {
                    WorkflowInstanceId = running.WorkflowInstanceId,
                    TaskId = running.TaskId,
                    Status = mock.Status,
                    OutputData = output,
                    WorkerId = running.WorkerId,
                    CallbackAfterSeconds = running.CallbackAfterSeconds,
                    ReasonForIncompletion = running.ReasonForIncompletion,
                });
            }
        }
        while (!workflow.Status.IsTerminal() && mocks.Count > 0);

        return workflow;
    }

    /// <summary>A mock with times: the task's times are set back by them and its status and output set directly.</summary>
    private void ApplyTimedMock(string taskId, TaskMock mock)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out var state))
            {
                return;
            }

            var now = Now;
            var task = state.Task;
            task.ScheduledTime = now - (mock.ExecutionTime + mock.QueueWaitTime);
            task.StartTime = now - mock.ExecutionTime;
            task.Status = mock.Status switch
            {
                TaskResultStatus.InProgress => TaskExecutionStatus.InProgress,
                TaskResultStatus.Failed => TaskExecutionStatus.Failed,
                TaskResultStatus.FailedWithTerminalError => TaskExecutionStatus.FailedWithTerminalError,
                TaskResultStatus.Canceled => TaskExecutionStatus.Canceled,
                _ => TaskExecutionStatus.Completed,
            };
            foreach (var (key, value) in mock.Output ?? [])
            {
                task.OutputData[key] = value?.DeepClone();
            }

            if (task.Status.IsTerminal())
            {
                task.EndTime = now;
                if (_queues.TryGetValue(ConductorNames.QueueName(task.TaskType, task.Domain), out var queue))
                {
                    queue.Remove(task.TaskId);
                }

                if (task.Status != TaskExecutionStatus.Completed)
                {
                    Decide(state.Workflow, task);
                }
                else
                {
                    _activeTaskIds.Remove(task.TaskId);
                }
            }
        }
    }
}
