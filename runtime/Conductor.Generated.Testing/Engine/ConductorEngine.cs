using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using TaskExecutionLog = Conductor.Generated.Client.TaskExecutionLog;

namespace Conductor.Generated.Testing;

/// <summary>
/// The server's state and rules: definitions, workflow runs, tasks, queues and logs. One lock
/// guards all of it, so every operation sees and leaves a consistent picture, whatever the number
/// of concurrent pollers. Objects handed out are copies; the stored ones never leave the lock.
/// The rules follow the real server's WorkflowExecutor, DeciderService, its task mappers and
/// system tasks, and ExecutionService.
/// </summary>
internal sealed partial class ConductorEngine : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, TaskDef> _taskDefinitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, WorkflowDef>> _workflowDefinitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowState> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskState> _tasks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _activeTaskIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TaskExecutionLog>> _taskLogs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskQueue> _queues = new(StringComparer.Ordinal);
    private readonly ITimer _sweepTimer;
    private bool _disposed;

    public ConductorEngine(TimeProvider clock, ILogger logger)
    {
        _clock = clock;
        _logger = logger;
        _httpClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = HttpTaskTimeout };
        _sweepTimer = clock.CreateTimer(_ => SweepTimeouts(), null, SweepInterval, SweepInterval);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _sweepTimer.Dispose();
        DisposeClock();
        _stopping.Cancel();
        _httpClient.Dispose();
        _stopping.Dispose();
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    public WorkflowExecution? GetWorkflow(string workflowId, bool includeTasks = true)
    {
        lock (_gate)
        {
            if (!_workflows.TryGetValue(workflowId, out var workflow))
            {
                return null;
            }

            var copy = Copy(workflow.Execution, ServerJsonContext.Default.WorkflowExecution);
            if (!includeTasks)
            {
                copy.Tasks.Clear();
            }

            return copy;
        }
    }

    /// <summary>Completes when the workflow reaches a terminal status; null for an unknown workflow.</summary>
    public Task? WorkflowEnded(string workflowId)
    {
        lock (_gate)
        {
            return _workflows.TryGetValue(workflowId, out var workflow) ? workflow.Ended.Task : null;
        }
    }

    public TaskExecution? GetTask(string taskId)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(taskId, out var state) ? Copy(state.Task, ServerJsonContext.Default.TaskExecution) : null;
        }
    }

    public void AddTaskLog(string taskId, string log)
    {
        lock (_gate)
        {
            AppendLog(new TaskExecutionLog { TaskId = taskId, Log = log, CreatedTime = Now });
        }
    }

    public List<TaskExecutionLog> GetTaskLogs(string taskId)
    {
        lock (_gate)
        {
            return _taskLogs.TryGetValue(taskId, out var logs)
                ? [.. logs.Select(log => new TaskExecutionLog { TaskId = log.TaskId, Log = log.Log, CreatedTime = log.CreatedTime })]
                : [];
        }
    }

    public int GetQueueSize(string taskType, string? domain)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(ConductorNames.QueueName(taskType, domain), out var queue) ? queue.Count : 0;
        }
    }

    private void AppendLog(TaskExecutionLog log)
    {
        var taskId = log.TaskId ?? "";
        if (!_taskLogs.TryGetValue(taskId, out var logs))
        {
            logs = [];
            _taskLogs[taskId] = logs;
        }

        logs.Add(log);
    }

    private TaskQueue Queue(string queueName)
    {
        if (!_queues.TryGetValue(queueName, out var queue))
        {
            queue = new TaskQueue();
            _queues[queueName] = queue;
        }

        return queue;
    }

    /// <summary>A deep copy through the generated serializer: simple, and nothing shared with the store.</summary>
    internal static T Copy<T>(T value, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), typeInfo)!;

    private static JsonObject CopyObject(JsonObject? value) => value is null ? [] : (JsonObject)value.DeepClone();

    /// <summary>A workflow run with what the engine needs beside its public picture.</summary>
    private sealed class WorkflowState(WorkflowExecution execution, WorkflowDef definition)
    {
        public WorkflowExecution Execution { get; } = execution;

        /// <summary>Replaced only by a restart with the latest definitions.</summary>
        public WorkflowDef Definition { get; set; } = definition;

        public TaskCompletionSource Ended { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A fresh end signal once an ended run runs again (retry, restart, rerun).</summary>
        public void Reopen()
        {
            if (Ended.Task.IsCompleted)
            {
                Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public bool IsEnded => Execution.Status.IsTerminal();

        /// <summary>True while <see cref="Decide(WorkflowState)"/> runs for this workflow.</summary>
        public bool Deciding { get; set; }

        /// <summary>Set when a decision was asked for while one was running: the running one goes round again.</summary>
        public bool DecideAgain { get; set; }

        /// <summary>True once an ALERT_ONLY workflow timeout was logged.</summary>
        public bool TimeoutAlerted { get; set; }

        /// <summary>When the run started counting towards its timeoutSeconds (epoch ms).</summary>
        public long TimeoutStart { get; set; } = execution.CreateTime;
    }

    /// <summary>A task with what the engine needs beside its public picture.</summary>
    private sealed class TaskState(TaskExecution task, WorkflowState workflow)
    {
        public TaskExecution Task { get; } = task;

        public WorkflowState Workflow { get; } = workflow;

        /// <summary>
        /// A system task's next moment of interest (epoch ms): the end of a WAIT, or the end of a
        /// startDelay; 0 when none. The sweep decides the workflow again once it has passed.
        /// </summary>
        public long DueAt { get; set; }
    }
}
