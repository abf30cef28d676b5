using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// A <see cref="ConductorTestServer"/> and a <see cref="ConductorWorkerHost"/> running the given
/// workers against it, started together in one line and stopped together on dispose: a test
/// starts a workflow or a single task and asserts on how it ended.
/// </summary>
/// <example>
/// <code>
/// await using var conductor = await ConductorTestEnvironment.StartAsync(ConductorWorkers.All);
///
/// var run = await conductor.RunTaskAsync(ConductorWorkers.Greet, """{"name":"Ada"}""");
///
/// Assert.Equal(TaskExecutionStatus.Completed, run.Status);
/// Assert.Equal("Hello Ada!", (string?)run.Output["message"]);
/// </code>
/// </example>
public sealed partial class ConductorTestEnvironment : IAsyncDisposable
{
    /// <summary>The identity the environment's worker host polls with, unless changed.</summary>
    public const string DefaultWorkerId = "conductor-test-environment";

    private readonly ConductorTestEnvironmentOptions _options;
    private readonly IReadOnlyList<WorkerDefinition> _workers;
    private readonly HashSet<string> _taskNames;
    private readonly Dictionary<string, string> _taskToDomain;
    private int _disposed;

    private ConductorTestEnvironment(
        ConductorTestServer server,
        ConductorWorkerHost workerHost,
        ConductorTestEnvironmentOptions options,
        IReadOnlyList<WorkerDefinition> workers,
        Dictionary<string, string> taskToDomain)
    {
        Server = server;
        Clock = server.Clock;
        _timeSkipping = options.TimeSkipping;
        WorkerHost = workerHost;
        _options = options;
        _workers = workers;
        _taskNames = [.. workers.Select(worker => worker.TaskName)];
        _taskToDomain = taskToDomain;
    }

    /// <summary>The server: register definitions, start workflows, read tasks and logs, inject faults.</summary>
    public ConductorTestServer Server { get; }

    /// <summary>The host running the workers: pause and resume a worker with it.</summary>
    public ConductorWorkerHost WorkerHost { get; }

    /// <summary>The workers the host runs, in the order given.</summary>
    public IReadOnlyList<WorkerDefinition> Workers => _workers;

    /// <summary>
    /// Starts a server on 127.0.0.1, registers a task definition per worker (see
    /// <see cref="CreateTaskDef"/>) and starts a worker host for <paramref name="workers"/> against
    /// it; returns once the workers poll.
    /// </summary>
    /// <param name="workers">The workers under test, typically the generated <c>ConductorWorkers.All</c> or a few of its properties.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <exception cref="ArgumentException">No workers, two for one task name, or <see cref="ConductorTestServerOptions.Auth"/> set without an application key.</exception>
    /// <exception cref="InvalidOperationException">A worker's settings are out of range (as the host reports them).</exception>
    public static async Task<ConductorTestEnvironment> StartAsync(
        IEnumerable<WorkerDefinition> workers,
        ConductorTestEnvironmentOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        options ??= new ConductorTestEnvironmentOptions();
        var applicationKey = options.Server.Auth is { } auth
            ? auth.Keys.FirstOrDefault() is { Key: not null } first
                ? first
                : throw new ArgumentException("The server requires tokens (Server.Auth is set) but has no application key: add one with Auth.AddKey(keyId, keySecret) for the workers to authenticate with.", nameof(options))
            : (KeyValuePair<string, string>?)null;

        var workerList = CheckedWorkers(workers);
        // A copy, so the caller's options stay as given when the shared logger factory fills in.
        var serverOptions = new ConductorTestServerOptions
        {
            TimeProvider = ClockOf(options),
            LoggerFactory = options.Server.LoggerFactory ?? options.LoggerFactory,
            Port = options.Server.Port,
            Compatibility = options.Server.Compatibility,
            FaultSeed = options.Server.FaultSeed,
            Auth = options.Server.Auth,
            ExternalPayloadStorage = options.Server.ExternalPayloadStorage,
        };
        var server = await ConductorTestServer.StartAsync(serverOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            if (options.RegisterTaskDefs)
            {
                server.RegisterTaskDefs([.. workerList.Select(worker => ConfiguredTaskDef(worker.TaskName, options))]);
            }

            // With authentication on, the workers use the server's first application key, unless
            // ConfigureWorkerHost gives another (a wrong one, to test a refusal, say).
            var hostOptions = new ConductorWorkerOptions
            {
                WorkerId = DefaultWorkerId,
                ShutdownGracePeriod = TimeSpan.FromSeconds(5),
                KeyId = applicationKey?.Key,
                KeySecret = applicationKey?.Value,
            };
            options.ConfigureWorkerHost?.Invoke(hostOptions);
            hostOptions.ServerUrl = server.ApiUrl;

            var workerHost = new ConductorWorkerHost(hostOptions, workerList, options.LoggerFactory);
            try
            {
                await workerHost.StartAsync(cancellationToken).ConfigureAwait(false);
                return new ConductorTestEnvironment(server, workerHost, options, workerList, DomainsOf(workerList, hostOptions));
            }
            catch
            {
                await workerHost.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The task definition registered for a worker before <see cref="ConductorTestEnvironmentOptions.ConfigureTaskDef"/>
    /// changes it, made for fast and predictable tests: no retry (a failure ends the task at once;
    /// set a retry count to test retries, they then come without delay), a response timeout of 10
    /// seconds (a task whose worker went away is timed out soon), no overall timeout.
    /// </summary>
    public static TaskDef CreateTaskDef(string taskName) => new()
    {
        Name = taskName,
        Description = "Registered by ConductorTestEnvironment",
        RetryCount = 0,
        RetryDelaySeconds = 0,
        ResponseTimeoutSeconds = 10,
        TimeoutSeconds = 0,
    };

    /// <summary>
    /// Runs one task of <paramref name="worker"/> with <paramref name="inputJson"/> as its input and
    /// returns it once it ended (completed, or failed beyond its retries).
    /// </summary>
    /// <exception cref="ArgumentException">The input is not a JSON object, or the worker does not run in this environment.</exception>
    /// <exception cref="TimeoutException">The task had not ended within the timeout; the message says where it stood.</exception>
    public Task<TaskRun> RunTaskAsync(WorkerDefinition worker, string inputJson, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return RunTaskAsync(worker.TaskName, inputJson, timeout, cancellationToken);
    }

    /// <summary>
    /// Runs one task of <paramref name="worker"/> with <paramref name="input"/> as its input (an
    /// empty object when null) and returns it once it ended.
    /// </summary>
    /// <exception cref="ArgumentException">The worker does not run in this environment.</exception>
    /// <exception cref="TimeoutException">The task had not ended within the timeout; the message says where it stood.</exception>
    public Task<TaskRun> RunTaskAsync(WorkerDefinition worker, JsonObject? input = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return RunTaskAsync(worker.TaskName, input, timeout, cancellationToken);
    }

    /// <summary>
    /// Runs one task of type <paramref name="taskName"/> with <paramref name="inputJson"/> as its
    /// input and returns it once it ended.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not a JSON object, or no worker of this environment polls for <paramref name="taskName"/>.</exception>
    /// <exception cref="TimeoutException">The task had not ended within the timeout; the message says where it stood.</exception>
    public Task<TaskRun> RunTaskAsync(string taskName, string inputJson, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputJson);
        return RunTaskAsync(taskName, ParseObject(inputJson), timeout, cancellationToken);
    }

    /// <summary>
    /// Runs one task of type <paramref name="taskName"/> with <paramref name="input"/> as its input
    /// (an empty object when null, taken literally) and returns it once it ended. The task is the
    /// only step of a workflow made for it (<see cref="ConductorTestServer.EnqueueTask"/>), in the
    /// domain its worker polls, if any; retries follow its task definition.
    /// </summary>
    /// <exception cref="ArgumentException">No worker of this environment polls for <paramref name="taskName"/>.</exception>
    /// <exception cref="TimeoutException">The task had not ended within the timeout; the message says where it stood.</exception>
    public async Task<TaskRun> RunTaskAsync(string taskName, JsonObject? input = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        if (!_taskNames.Contains(taskName))
        {
            throw new ArgumentException(
                $"No worker of this environment polls for task '{taskName}', so it would never run. Workers: {string.Join(", ", _taskNames)}.",
                nameof(taskName));
        }

        var scheduled = Server.EnqueueTask(taskName, input, _taskToDomain.GetValueOrDefault(taskName));
        var workflow = await WaitForEndAsync(scheduled.WorkflowInstanceId, timeout ?? _options.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        var attempts = workflow.Tasks;
        var logs = Server.GetTaskLogs(attempts[^1].TaskId).Select(line => line.Log ?? "").ToList();
        return new TaskRun(workflow, attempts, logs);
    }

    /// <summary>
    /// Stops the workers at once, then the server: the test is over, so a poll in flight is
    /// dropped and a task still running is cancelled and reported <c>FAILED</c>. For a graceful
    /// stop, call <c>WorkerHost.StopAsync</c> first.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await WorkerHost.StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
            await WorkerHost.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static List<WorkerDefinition> CheckedWorkers(IEnumerable<WorkerDefinition> workers)
    {
        var checkedWorkers = new List<WorkerDefinition>();
        var taskNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            if (worker is null)
            {
                throw new ArgumentException("The worker list contains null.", nameof(workers));
            }

            if (!taskNames.Add(worker.TaskName))
            {
                throw new ArgumentException($"Two workers poll for task '{worker.TaskName}'; give each task name one worker.", nameof(workers));
            }

            checkedWorkers.Add(worker);
        }

        return checkedWorkers.Count > 0
            ? checkedWorkers
            : throw new ArgumentException("No workers to run. Pass the generated worker table (ConductorWorkers.All) or some of its workers.", nameof(workers));
    }

    private static TaskDef ConfiguredTaskDef(string taskName, ConductorTestEnvironmentOptions options)
    {
        var taskDef = CreateTaskDef(taskName);
        options.ConfigureTaskDef?.Invoke(taskDef);
        return taskDef;
    }

    /// <summary>The domain each worker polls (its own setting, or the host's override), for the tasks the environment schedules.</summary>
    private static Dictionary<string, string> DomainsOf(IEnumerable<WorkerDefinition> workers, ConductorWorkerOptions hostOptions)
    {
        var domains = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            var settings = hostOptions.WorkerSettingsOverrides.TryGetValue(worker.TaskName, out var overrides) ? overrides : worker.Settings;
            if (!string.IsNullOrEmpty(settings.Domain))
            {
                domains[worker.TaskName] = settings.Domain;
            }
        }

        return domains;
    }

    private static JsonObject ParseObject(string inputJson)
    {
        JsonNode? input;
        try
        {
            input = JsonNode.Parse(inputJson);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The input is not valid JSON: {exception.Message}", nameof(inputJson), exception);
        }

        return input as JsonObject
            ?? throw new ArgumentException($"A task's input is a JSON object; got {(input is null ? "null" : "a JSON " + input.GetValueKind().ToString().ToLowerInvariant())}.", nameof(inputJson));
    }
}
