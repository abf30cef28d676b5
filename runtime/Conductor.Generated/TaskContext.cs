using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated;

/// <summary>
/// The task a worker is running: its identity, its raw input, and the ways to add log lines and
/// to ask for a callback later. Declare a parameter of this type to receive it.
/// </summary>
public sealed class TaskContext
{
    private readonly Lock _gate = new();
    private List<TaskLogLine>? _logs;
    private TimeSpan? _callbackAfter;

    /// <summary>Creates the context of <paramref name="task"/> as polled by <paramref name="workerId"/>.</summary>
    public TaskContext(ConductorTask task, string workerId)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(workerId);
        Task = task;
        WorkerId = workerId;
        Input = task.InputData.ValueKind == JsonValueKind.Object ? task.InputData : EmptyInput;
    }

    private static JsonElement EmptyInput { get; } = JsonDocument.Parse("{}").RootElement;

    /// <summary>The task as the server sent it.</summary>
    public ConductorTask Task { get; }

    /// <summary>The identity this process polls with.</summary>
    public string WorkerId { get; }

    /// <summary>The task id.</summary>
    public string TaskId => Task.TaskId;

    /// <summary>The task type.</summary>
    public string TaskType => Task.TaskType ?? Task.TaskDefName ?? "";

    /// <summary>The id of the workflow the task belongs to.</summary>
    public string WorkflowInstanceId => Task.WorkflowInstanceId;

    /// <summary>The task's reference name in its workflow.</summary>
    public string? ReferenceTaskName => Task.ReferenceTaskName;

    /// <summary>The workflow's correlation id.</summary>
    public string? CorrelationId => Task.CorrelationId;

    /// <summary>0 for the first attempt, then 1, 2, … for retries.</summary>
    public int RetryCount => Task.RetryCount;

    /// <summary>How many times the task has been handed out; above 1 after a callback.</summary>
    public int PollCount => Task.PollCount;

    /// <summary>The iteration inside a DO_WHILE loop, 0 outside one.</summary>
    public int Iteration => Task.Iteration;

    /// <summary>The task's <c>inputData</c> object (an empty object when the server sent none).</summary>
    public JsonElement Input { get; }

    /// <summary>
    /// Adds a line to the task's execution log; the lines are sent with the result. Never log
    /// secrets from the input.
    /// </summary>
    public void Log(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = new TaskLogLine(message, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            (_logs ??= []).Add(line);
        }
    }

    /// <summary>
    /// Reports the task <c>IN_PROGRESS</c> instead of <c>COMPLETED</c> when the worker returns: the
    /// server hands the task out again after <paramref name="delay"/> (whole seconds, rounded up),
    /// with <see cref="PollCount"/> one higher. What the worker returns is sent as partial output.
    /// </summary>
    public void CallbackAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            _callbackAfter = delay;
        }
    }

    /// <summary>The callback delay asked for with <see cref="CallbackAfter"/>, if any.</summary>
    public TimeSpan? RequestedCallback
    {
        get
        {
            lock (_gate)
            {
                return _callbackAfter;
            }
        }
    }

    /// <summary>The log lines added so far.</summary>
    public IReadOnlyList<TaskLogLine> Logs
    {
        get
        {
            lock (_gate)
            {
                return _logs is null ? [] : [.. _logs];
            }
        }
    }
}

/// <summary>One line of a task's execution log.</summary>
/// <param name="Message">The text.</param>
/// <param name="CreatedAt">When it was written.</param>
public readonly record struct TaskLogLine(string Message, DateTimeOffset CreatedAt);
