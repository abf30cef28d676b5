using System.Globalization;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Searching runs and tasks (ExecutionService#search, #searchV2, #getSearchTasks, #getSearchTasksV2),
/// over what the engine holds instead of an index: every change is visible at once, where the
/// real server's index may lag.
/// </summary>
internal sealed partial class ConductorEngine
{
    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The runs that match, as summaries (<c>GET /api/workflow/search</c>).</summary>
    public SearchResult<WorkflowSummary> SearchWorkflows(int start, int size, string? sort, string? freeText, string? query) =>
        SearchWorkflowRuns(start, size, sort, freeText, query, ToSummary);

    /// <summary>The runs that match, whole, without their tasks (<c>GET /api/workflow/search-v2</c>).</summary>
    public SearchResult<WorkflowExecution> SearchWorkflowsV2(int start, int size, string? sort, string? freeText, string? query) =>
        SearchWorkflowRuns(start, size, sort, freeText, query, execution => CopyWorkflow(execution, includeTasks: false));

    /// <summary>The tasks that match, as summaries (<c>GET /api/tasks/search</c>).</summary>
    public SearchResult<TaskSummary> SearchTasks(int start, int size, string? sort, string? freeText, string? query) =>
        SearchTaskRuns(start, size, sort, freeText, query, ToSummary);

    /// <summary>The tasks that match, whole (<c>GET /api/tasks/search-v2</c>).</summary>
    public SearchResult<TaskExecution> SearchTasksV2(int start, int size, string? sort, string? freeText, string? query) =>
        SearchTaskRuns(start, size, sort, freeText, query, task => Copy(task, ServerJsonContext.Default.TaskExecution));

    private SearchResult<T> SearchWorkflowRuns<T>(int start, int size, string? sort, string? freeText, string? query, Func<WorkflowExecution, T> convert)
    {
        var parsed = SearchQuery.Parse(query);
        lock (_gate)
        {
            var hits = _workflows.Values.Select(workflow => workflow.Execution)
                .Where(execution => parsed.Matches(field => WorkflowField(execution, field)) && MatchesFreeText(freeText, execution.WorkflowId, execution.CorrelationId, execution.WorkflowName, execution.Input, execution.Output))
                .ToList();
            return Page(Sort(hits, sort, WorkflowField, execution => execution.CreateTime), start, size, convert);
        }
    }

    private SearchResult<T> SearchTaskRuns<T>(int start, int size, string? sort, string? freeText, string? query, Func<TaskExecution, T> convert)
    {
        var parsed = SearchQuery.Parse(query);
        lock (_gate)
        {
            var hits = _tasks.Values.Select(state => state.Task)
                .Where(task => parsed.Matches(field => TaskField(task, field)) && MatchesFreeText(freeText, task.TaskId, task.CorrelationId, task.TaskDefName, task.InputData, task.OutputData))
                .ToList();
            return Page(Sort(hits, sort, TaskField, task => task.ScheduledTime), start, size, convert);
        }
    }

    /// <summary>
    /// <c>sort</c> as the real server reads it: <c>field:ASC</c> or <c>field:DESC</c>, several joined
    /// by <c>;</c>. Without one, the newest first.
    /// </summary>
    private static List<T> Sort<T>(List<T> hits, string? sort, Func<T, string, string?> field, Func<T, long> defaultKey)
    {
        if (string.IsNullOrWhiteSpace(sort))
        {
            return [.. hits.OrderByDescending(defaultKey)];
        }

        IOrderedEnumerable<T>? ordered = null;
        foreach (var part in sort.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
            var name = pieces[0];
            var descending = pieces.Length > 1 && pieces[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
            var comparer = Comparer<string?>.Create(CompareFieldValues);
            ordered = (ordered, descending) switch
            {
                (null, false) => hits.OrderBy(hit => field(hit, name), comparer),
                (null, true) => hits.OrderByDescending(hit => field(hit, name), comparer),
                (_, false) => ordered.ThenBy(hit => field(hit, name), comparer),
                (_, true) => ordered.ThenByDescending(hit => field(hit, name), comparer),
            };
        }

        return ordered is null ? hits : [.. ordered];
    }

    private static int CompareFieldValues(string? left, string? right)
    {
        if (long.TryParse(left, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
            && long.TryParse(right, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b))
        {
            return a.CompareTo(b);
        }

        return string.CompareOrdinal(left, right);
    }

    private static SearchResult<TResult> Page<T, TResult>(List<T> hits, int start, int size, Func<T, TResult> convert) => new()
    {
        TotalHits = hits.Count,
        Results = [.. hits.Skip(Math.Max(0, start)).Take(Math.Max(0, size)).Select(convert)],
    };

    /// <summary><c>*</c> (or nothing) matches all; other text matches an id, name or correlation id equal to it, or input or output containing it.</summary>
    private static bool MatchesFreeText(string? freeText, string id, string? correlationId, string? name, JsonNode input, JsonNode output)
    {
        if (string.IsNullOrWhiteSpace(freeText) || freeText.Trim() == "*")
        {
            return true;
        }

        var text = freeText.Trim();
        return text == id || text == correlationId || text == name
            || input.ToJsonString().Contains(text, StringComparison.OrdinalIgnoreCase)
            || output.ToJsonString().Contains(text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The indexed fields of a run (WorkflowSummary's), times as epoch milliseconds.</summary>
    private static string? WorkflowField(WorkflowExecution execution, string field) => field switch
    {
        "workflowId" => execution.WorkflowId,
        "workflowType" => execution.WorkflowName,
        "version" => Number(execution.WorkflowVersion),
        "correlationId" => execution.CorrelationId,
        "status" => ConductorNames.Of(execution.Status),
        "startTime" or "createTime" => Number(execution.CreateTime),
        "updateTime" => Number(execution.UpdateTime),
        "endTime" => execution.EndTime == 0 ? null : Number(execution.EndTime),
        "priority" => Number(execution.Priority),
        "reasonForIncompletion" => execution.ReasonForIncompletion,
        _ => null,
    };

    /// <summary>The indexed fields of a task (TaskSummary's), times as epoch milliseconds.</summary>
    private static string? TaskField(TaskExecution task, string field) => field switch
    {
        "taskId" => task.TaskId,
        "taskType" => task.TaskType,
        "taskDefName" => task.TaskDefName,
        "referenceTaskName" => task.ReferenceTaskName,
        "status" => ConductorNames.Of(task.Status),
        "workflowId" => task.WorkflowInstanceId,
        "workflowType" => task.WorkflowType,
        "correlationId" => task.CorrelationId,
        "domain" => task.Domain,
        "workerId" => task.WorkerId,
        "scheduledTime" => Number(task.ScheduledTime),
        "startTime" => Number(task.StartTime),
        "updateTime" => Number(task.UpdateTime),
        "endTime" => Number(task.EndTime),
        _ => null,
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>WorkflowSummary's constructor.</summary>
    private static WorkflowSummary ToSummary(WorkflowExecution execution) => new()
    {
        WorkflowType = execution.WorkflowName,
        Version = execution.WorkflowVersion,
        WorkflowId = execution.WorkflowId,
        CorrelationId = execution.CorrelationId,
        Priority = execution.Priority,
        StartTime = execution.CreateTime > 0 ? Iso(execution.CreateTime) : null,
        EndTime = execution.EndTime > 0 ? Iso(execution.EndTime) : null,
        UpdateTime = execution.UpdateTime > 0 ? Iso(execution.UpdateTime) : null,
        Status = execution.Status,
        Input = execution.Input.ToJsonString(),
        Output = execution.Output.ToJsonString(),
        ReasonForIncompletion = execution.ReasonForIncompletion,
        ExecutionTime = execution.EndTime > 0 ? execution.EndTime - execution.CreateTime : 0,
        FailedReferenceTaskNames = string.Join(",", execution.FailedReferenceTaskNames),
        FailedTaskNames = [.. execution.FailedTaskNames],
        TaskToDomain = execution.TaskToDomain is null ? [] : new Dictionary<string, string>(execution.TaskToDomain, StringComparer.Ordinal),
    };

    /// <summary>TaskSummary's constructor.</summary>
    private static TaskSummary ToSummary(TaskExecution task) => new()
    {
        TaskId = task.TaskId,
        TaskDefName = task.TaskDefName,
        TaskType = task.TaskType,
        WorkflowId = task.WorkflowInstanceId,
        WorkflowType = task.WorkflowType,
        WorkflowPriority = task.WorkflowPriority,
        CorrelationId = task.CorrelationId,
        ScheduledTime = Iso(task.ScheduledTime),
        StartTime = Iso(task.StartTime),
        UpdateTime = Iso(task.UpdateTime),
        EndTime = Iso(task.EndTime),
        Status = task.Status,
        ReasonForIncompletion = task.ReasonForIncompletion,
        QueueWaitTime = task.QueueWaitTime,
        Domain = task.Domain,
        Input = task.InputData.ToJsonString(),
        Output = task.OutputData.ToJsonString(),
        ExecutionTime = task.EndTime > 0 ? task.EndTime - task.StartTime : 0,
    };

    private static string Iso(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture);
}
