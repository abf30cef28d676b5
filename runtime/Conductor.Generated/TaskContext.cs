using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated;

/// <summary>
/// The task a worker is running: its identity, its raw input, and the ways to add log lines and
/// to ask for a callback later. Declare a parameter of this type to receive it.
/// </summary>
public sealed class TaskContext
{
    /// <summary>
    /// The namespace of the name-based ids <see cref="NewGuid"/> makes, so that they cannot
    /// collide with name-based ids other software derives from the same text.
    /// </summary>
    private static readonly Guid IdempotentGuidNamespace = new("6b9f3a57-2c1e-4d0b-9a55-1f3c8e2d7a40");

    // Made at the first log line or callback: most workers use neither, and a context is created for every task.
    private Lock? _gate;

    // Built on first use: most workers never read it, and a context is created for every task.
    private string? _idempotencyKey;
    private List<TaskLogLine>? _logs;
    private TimeSpan? _callbackAfter;
    private int _guidsCreated;
    private readonly IServiceProvider? _services;

    /// <summary>Creates the context of <paramref name="task"/> as polled by <paramref name="workerId"/>, without services.</summary>
    public TaskContext(ConductorTask task, string workerId)
        : this(task, workerId, services: null)
    {
    }

    /// <summary>
    /// Creates the context of <paramref name="task"/> as polled by <paramref name="workerId"/>,
    /// whose worker resolves its services from <paramref name="services"/> (the provider of a
    /// scope created for this task execution, or <see langword="null"/> for none).
    /// </summary>
    public TaskContext(ConductorTask task, string workerId, IServiceProvider? services)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(workerId);
        Task = task;
        WorkerId = workerId;
        _services = services;
        Input = task.InputDataField.ValueKind == JsonValueKind.Object ? task.InputDataField : EmptyInput;
        ScheduledAt = task.ScheduledTimeField > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(task.ScheduledTimeField)
            : task.StartTimeField > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(task.StartTimeField)
            : DateTimeOffset.UtcNow;
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

    /// <summary>
    /// The service provider of this task execution: a scope created for the task and disposed
    /// when the worker method has returned or thrown, before the result is reported. Scoped
    /// services resolved from it are shared by this task only.
    /// </summary>
    /// <exception cref="InvalidOperationException">No service provider was configured: the workers do not run through <c>AddConductorWorkers</c>.</exception>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException(
        $"The worker of task type '{TaskType}' (task {TaskId}) needs services, but no service provider was configured. " +
        "Run the workers through AddConductorWorkers (package Conductor.Generated.Hosting), or set ConductorWorkerOptions.Services to the application's service provider.");

    /// <summary>
    /// The task's <c>inputData</c> object (an empty object when the server sent none). When the
    /// server kept the input in its external payload storage, this is the input read from there.
    /// </summary>
    public JsonElement Input { get; }

    /// <summary>
    /// Whether the server sent the input by reference, as a path in its external payload storage
    /// (<see cref="ConductorTask.ExternalInputPayloadStoragePath"/>), because it was over its size
    /// threshold. The runtime reads it before the worker runs, so <see cref="Input"/> holds it; a
    /// worker never runs when it could not be read.
    /// </summary>
    public bool InputWasExternal => !string.IsNullOrEmpty(Task.ExternalInputPayloadStoragePath);

    /// <summary>
    /// A key that is the same for every run of this step of this workflow: for a retry (which is a
    /// new task with a new <see cref="TaskId"/>), for a callback, and for a task handed out again
    /// after its result was lost. Send it as the <c>Idempotency-Key</c> of a payment or other
    /// effect that must happen once.
    /// </summary>
    /// <remarks>
    /// The format is <c>{workflowInstanceId}:{referenceTaskName}:{iteration}</c>, with the iteration
    /// in invariant digits (0 outside a DO_WHILE loop) and the task type in place of a missing
    /// reference name, for example <c>8e1f…:charge_ref:0</c>. A different workflow, another step
    /// of the same workflow or another loop iteration gets another key.
    /// </remarks>
    public string IdempotencyKey => _idempotencyKey ??= string.Create(
        CultureInfo.InvariantCulture,
        $"{Task.WorkflowInstanceId}:{Task.ReferenceTaskName ?? TaskType}:{Task.Iteration}");

    /// <summary>
    /// A stable "now" for this task: the time the server scheduled it, which stays the same when
    /// the task is polled again after a callback or a lost result. Use it instead of
    /// <see cref="DateTimeOffset.UtcNow"/> for times that go into output or into calls to other
    /// systems, so a re-run sends the same value.
    /// </summary>
    /// <remarks>
    /// It is the task's <c>scheduledTime</c>, or its <c>startTime</c> (first poll) when the server
    /// sent no scheduled time, or the time this context was created when it sent neither. A retry
    /// after a failure is a new task scheduled at a new time, so it gets a later value: the value is
    /// stable for one task, not for every attempt of a step. Take <see cref="IdempotencyKey"/> when
    /// you need identity across retries.
    /// </remarks>
    public DateTimeOffset ScheduledAt { get; }

    /// <summary>
    /// Returns an id that is the same on every run of this step: the n-th call for a task returns the
    /// same <see cref="Guid"/> for each retry and re-delivery of the step, and different steps get
    /// different ids. Use it instead of <see cref="Guid.NewGuid"/> for ids sent to other systems.
    /// </summary>
    /// <remarks>
    /// The id is a name-based UUID version 5 (RFC 4122, SHA-1) in a namespace of this library, over
    /// the UTF-8 text <c>{IdempotencyKey}#{n}</c> where n counts the calls on this context from 0.
    /// Calls must therefore happen in the same order on every run; ids made on parallel paths
    /// should be derived with a name of their own instead.
    /// </remarks>
    public Guid NewGuid()
    {
        var sequenceNumber = Interlocked.Increment(ref _guidsCreated) - 1;
        return CreateNameBasedGuid(IdempotentGuidNamespace, string.Create(CultureInfo.InvariantCulture, $"{IdempotencyKey}#{sequenceNumber}"));
    }

    /// <summary>
    /// Adds a line to the task's execution log; the lines are sent with the result. Never log
    /// secrets from the input.
    /// </summary>
    public void Log(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = new TaskLogLine(message, DateTimeOffset.UtcNow);
        lock (Gate)
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
        lock (Gate)
        {
            _callbackAfter = delay;
        }
    }

    /// <summary>The callback delay asked for with <see cref="CallbackAfter"/>, if any.</summary>
    public TimeSpan? RequestedCallback
    {
        get
        {
            // No gate yet: nothing was ever set.
            if (Volatile.Read(ref _gate) is not { } gate)
            {
                return null;
            }

            lock (gate)
            {
                return _callbackAfter;
            }
        }
    }

    /// <summary>
    /// Whether the worker added a log line or asked for a callback (either made the gate): most
    /// workers do neither, and their result then needs neither read.
    /// </summary>
    internal bool HasLogsOrCallback => Volatile.Read(ref _gate) is not null;

    /// <summary>The log lines added so far.</summary>
    public IReadOnlyList<TaskLogLine> Logs
    {
        get
        {
            if (Volatile.Read(ref _gate) is not { } gate)
            {
                return [];
            }

            lock (gate)
            {
                return _logs is null ? [] : [.. _logs];
            }
        }
    }

    private Lock Gate
    {
        get
        {
            if (Volatile.Read(ref _gate) is { } gate)
            {
                return gate;
            }

            var created = new Lock();
            return Interlocked.CompareExchange(ref _gate, created, null) ?? created;
        }
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 4122 version 5 ids are defined over SHA-1; the hash names an id, it protects nothing.")]
    private static Guid CreateNameBasedGuid(Guid namespaceId, string name)
    {
        // RFC 4122 hashes the namespace in network byte order followed by the name.
        var maximumLength = 16 + Encoding.UTF8.GetMaxByteCount(name.Length);
        Span<byte> input = maximumLength <= 512 ? stackalloc byte[512] : new byte[maximumLength];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input[..length], hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(uuid, bigEndian: true);
    }
}

/// <summary>One line of a task's execution log.</summary>
/// <param name="Message">The text.</param>
/// <param name="CreatedAt">When it was written.</param>
public readonly record struct TaskLogLine(string Message, DateTimeOffset CreatedAt);
