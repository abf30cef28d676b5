using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>When a queue was last polled, and by whom (the real server's PollData).</summary>
internal sealed class PollData
{
    public string? QueueName { get; set; }
    public string? Domain { get; set; }
    public string? WorkerId { get; set; }
    public long LastPollTime { get; set; }

    public PollData Clone() => new() { QueueName = QueueName, Domain = Domain, WorkerId = WorkerId, LastPollTime = LastPollTime };
}

/// <summary>The answer of <c>GET /api/workflow/{workflowId}/status</c> (org.conductoross.conductor.model.WorkflowStatus).</summary>
internal sealed class WorkflowStatusSummary
{
    public string? WorkflowId { get; set; }
    public string? CorrelationId { get; set; }
    public JsonObject? Output { get; set; }
    public JsonObject? Variables { get; set; }
    public WorkflowStatus Status { get; set; }
}

/// <summary>The body of <c>POST /api/workflow/{workflowId}/rerun</c> (RerunWorkflowRequest).</summary>
internal sealed class RerunWorkflowRequest
{
    public string? ReRunFromWorkflowId { get; set; }
    public JsonObject? WorkflowInput { get; set; }
    public string? ReRunFromTaskId { get; set; }
    public JsonObject? TaskInput { get; set; }
    public string? CorrelationId { get; set; }
}

/// <summary>The body of <c>PUT /api/workflow/{workflowId}/skiptask/{taskReferenceName}</c> (SkipTaskRequest).</summary>
internal sealed class SkipTaskRequest
{
    public JsonObject? TaskInput { get; set; }
    public JsonObject? TaskOutput { get; set; }
}

/// <summary>One page of search hits (SearchResult).</summary>
internal sealed class SearchResult<T>
{
    public long TotalHits { get; set; }
    public List<T> Results { get; set; } = [];
}

/// <summary>A workflow as search lists it (WorkflowSummary): times as ISO-8601 text, input and output as JSON text.</summary>
internal sealed class WorkflowSummary
{
    public string? WorkflowType { get; set; }
    public int Version { get; set; }
    public string? WorkflowId { get; set; }
    public string? CorrelationId { get; set; }
    public string? StartTime { get; set; }
    public string? UpdateTime { get; set; }
    public string? EndTime { get; set; }
    public WorkflowStatus Status { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public string? ReasonForIncompletion { get; set; }
    public long ExecutionTime { get; set; }
    public string FailedReferenceTaskNames { get; set; } = "";
    public int Priority { get; set; }
    public List<string> FailedTaskNames { get; set; } = [];
    public Dictionary<string, string> TaskToDomain { get; set; } = [];
    public string ParentWorkflowId { get; set; } = "";
}

/// <summary>A task as search lists it (TaskSummary).</summary>
internal sealed class TaskSummary
{
    public string? WorkflowId { get; set; }
    public string? WorkflowType { get; set; }
    public string? CorrelationId { get; set; }
    public string? ScheduledTime { get; set; }
    public string? StartTime { get; set; }
    public string? UpdateTime { get; set; }
    public string? EndTime { get; set; }
    public TaskExecutionStatus Status { get; set; }
    public string? ReasonForIncompletion { get; set; }
    public long ExecutionTime { get; set; }
    public long QueueWaitTime { get; set; }
    public string? TaskDefName { get; set; }
    public string? TaskType { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public string? TaskId { get; set; }
    public int WorkflowPriority { get; set; }
    public string? Domain { get; set; }
}

/// <summary>One version of a workflow definition in <c>GET /api/metadata/workflow/names-and-versions</c> (WorkflowDefSummary).</summary>
internal sealed class WorkflowDefSummary
{
    public string? Name { get; set; }
    public int Version { get; set; }
    public long? CreateTime { get; set; }
    public long? UpdateTime { get; set; }
}

/// <summary>
/// The answer of the synchronous execute and signal routes for the TARGET_WORKFLOW and
/// BLOCKING_WORKFLOW strategies (SignalResponse as WorkflowRun), and for BLOCKING_TASK and
/// BLOCKING_TASK_INPUT (TaskRun): one class with the fields of both, nulls left out.
/// </summary>
internal sealed class SignalResponse
{
    public string? ResponseType { get; set; }
    public string? TargetWorkflowId { get; set; }
    public string? TargetWorkflowStatus { get; set; }
    public string? RequestId { get; set; }
    public string? WorkflowId { get; set; }
    public string? CorrelationId { get; set; }
    public JsonObject? Input { get; set; }
    public JsonObject? Output { get; set; }
    public bool SignalTimeout { get; set; }

    // WorkflowRun
    public int? Priority { get; set; }
    public JsonObject? Variables { get; set; }
    public List<TaskExecution>? Tasks { get; set; }
    public long? CreateTime { get; set; }
    public long? UpdateTime { get; set; }
    public string? Status { get; set; }

    // TaskRun
    public string? TaskType { get; set; }
    public string? TaskId { get; set; }
    public string? ReferenceTaskName { get; set; }
    public int? RetryCount { get; set; }
    public string? TaskDefName { get; set; }
    public string? RetriedTaskId { get; set; }
    public string? WorkflowType { get; set; }
    public string? ReasonForIncompletion { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>
/// The body of <c>POST /api/workflow/test</c> (WorkflowTestRequest, which extends
/// StartWorkflowRequest on the real server too): a start request with mock results per task reference name.
/// </summary>
internal sealed class WorkflowTestRequest : StartWorkflowRequest
{
    public Dictionary<string, List<TaskMock>>? TaskRefToMockOutput { get; set; }
    public Dictionary<string, WorkflowTestRequest>? SubWorkflowTestRequest { get; set; }
}

/// <summary>One mocked result of a task (WorkflowTestRequest.TaskMock).</summary>
internal sealed class TaskMock
{
    public TaskResultStatus Status { get; set; } = TaskResultStatus.Completed;
    public JsonObject? Output { get; set; }
    public long ExecutionTime { get; set; }
    public long QueueWaitTime { get; set; }
}
