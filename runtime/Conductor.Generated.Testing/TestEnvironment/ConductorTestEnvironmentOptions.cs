using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Testing;

/// <summary>Settings of a <see cref="ConductorTestEnvironment"/>; every one has a default made for tests.</summary>
public sealed class ConductorTestEnvironmentOptions
{
    /// <summary>
    /// The server's settings (a fake clock, faults, legacy answers, authentication...). With
    /// <see cref="ConductorTestServerOptions.Auth"/> set, the worker host authenticates with the
    /// first application key added to it, unless <see cref="ConfigureWorkerHost"/> sets another.
    /// </summary>
    public ConductorTestServerOptions Server { get; set; } = new();

    /// <summary>
    /// Whether a task definition is registered for each worker, with the defaults of
    /// <see cref="ConductorTestEnvironment.CreateTaskDef"/> changed by <see cref="ConfigureTaskDef"/>.
    /// Default: true. Definitions registered later through the server replace them.
    /// </summary>
    public bool RegisterTaskDefs { get; set; } = true;

    /// <summary>Changes the task definition registered for each worker, for example <c>def => def.RetryCount = 2</c> to test retries.</summary>
    public Action<TaskDef>? ConfigureTaskDef { get; set; }

    /// <summary>
    /// Changes the worker host's options before it starts: per-worker settings, the shutdown grace
    /// period (5 seconds here), the worker id (<c>conductor-test-environment</c>). The server URL is the
    /// environment's server and cannot be changed.
    /// </summary>
    public Action<ConductorWorkerOptions>? ConfigureWorkerHost { get; set; }

    /// <summary>Where the server and the worker host log; nowhere by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Runs the server on this virtual clock, which moves only when the test moves it
    /// (<see cref="ConductorTestEnvironment.AdvanceTime"/>) or, with <see cref="TimeSkipping"/>,
    /// when the environment is idle while the test waits. Give the same clock to your own services
    /// so that they read the same time. Default: null, no virtual clock unless
    /// <see cref="TimeSkipping"/> asks for one. Not together with
    /// <see cref="ConductorTestServerOptions.TimeProvider"/>.
    /// </summary>
    public VirtualClock? Clock { get; set; }

    /// <summary>
    /// Whether waiting for a workflow or a task skips time: while the environment is idle (no task
    /// with a worker, none a worker can take, nothing due now), the virtual clock jumps to the next
    /// due time (a retry delay, a callback, a timeout), so an hour's delay passes at once. Runs the
    /// server on <see cref="Clock"/>, or on a new <see cref="VirtualClock"/> starting now when that
    /// is null. Default: false.
    /// </summary>
    public bool TimeSkipping { get; set; }

    /// <summary>How long <c>RunWorkflowAsync</c> and <c>RunTaskAsync</c> wait when no timeout is given, in real time (not virtual time). Default: 30 seconds.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
