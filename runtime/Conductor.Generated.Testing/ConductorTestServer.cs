using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskExecutionLog = Conductor.Generated.Client.TaskExecutionLog;

namespace Conductor.Generated.Testing;

/// <summary>
/// A Conductor-compatible server running in this process on 127.0.0.1, for tests and local
/// development: task and workflow definitions, workflows of worker and system tasks (see docs/test-server.md),
/// polling (with long polls and domains), results, retries, callbacks, timeouts and task logs,
/// over the same HTTP API as the real server.
/// </summary>
/// <example>
/// <code>
/// await using var server = await ConductorTestServer.StartAsync();
/// var client = new HttpClient { BaseAddress = server.ApiUrl };
/// </code>
/// </example>
public sealed partial class ConductorTestServer : IAsyncDisposable
{
    private readonly ServerSettings _settings;
    private readonly ConductorEngine _engine;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private int _restarts;

    private ConductorTestServer(ServerSettings settings, ConductorEngine engine, WebApplication app, Uri apiUrl)
    {
        _settings = settings;
        _engine = engine;
        _app = app;
        ApiUrl = apiUrl;
    }

    /// <summary>The API root with a trailing slash, <c>http://127.0.0.1:PORT/api/</c>, ready for <c>HttpClient.BaseAddress</c>.</summary>
    public Uri ApiUrl { get; }

    /// <summary>The API root as Conductor clients expect it in <c>CONDUCTOR_SERVER_URL</c>: <c>http://127.0.0.1:PORT/api</c>.</summary>
    public string ServerUrl => ApiUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The tokens issued and the requests refused, when <see cref="ConductorTestServerOptions.Auth"/> is set.</summary>
    public TestServerAuth Auth => _settings.Auth;

    /// <summary>Faults to inject into the server's answers (errors, latency, dropped connections, 401 bursts); all off until set.</summary>
    public ServerFaults Faults => _settings.Faults;

    /// <summary>
    /// How many requests reached an endpoint, named as for <see cref="ServerFaults"/>: a method and
    /// a route (<c>"POST /api/tasks/update-v2"</c>, <c>"GET /api/tasks/poll/batch/{taskType}"</c>), a
    /// method and a concrete path (<c>"GET /api/tasks/poll/batch/greet"</c>), or <c>"*"</c> for all.
    /// Requests refused by an injected fault or the token check count too.
    /// </summary>
    public int GetRequestCount(string endpoint) => _settings.RequestCounts.Get(endpoint);

    /// <summary>The external payload store (empty and off unless <see cref="ConductorTestServerOptions.ExternalPayloadStorage"/> is set).</summary>
    public TestServerPayloadStorage PayloadStorage => _engine.PayloadStorage;

    /// <summary>How many times <see cref="RestartAsync"/> has stopped and started the server.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Starts a server on 127.0.0.1 and returns once it accepts requests.</summary>
    public static async Task<ConductorTestServer> StartAsync(ConductorTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConductorTestServerOptions();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Conductor.Generated.Testing.ConductorTestServer");
        var settings = new ServerSettings(
            options.TimeProvider,
            loggerFactory,
            logger,
            options.Compatibility,
            new TestServerAuth(options.Auth, options.TimeProvider),
            new ServerFaults(options.FaultSeed),
            new RequestCounts());

        var payloadStorage = new TestServerPayloadStorage(options.ExternalPayloadStorage);
        var engine = new ConductorEngine(options.TimeProvider, logger) { PayloadStorage = payloadStorage };
        try
        {
            var app = await StartListeningAsync(settings, engine, options.Port, cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var apiUrl = new Uri(new Uri(address), "/api/");
            ServerLog.Listening(logger, apiUrl);
            return new ConductorTestServer(settings, engine, app, apiUrl);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops listening, waits <paramref name="downtime"/> (connections are refused meanwhile),
    /// and listens again on the same port, with every definition, workflow, task and queue kept,
    /// as a real server restarting over its database. Requests in flight end as at a real stop:
    /// waiting long polls answer with no work, open connections are closed.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime = default, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(downtime, TimeSpan.Zero);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var app = _app ?? throw new ObjectDisposedException(nameof(ConductorTestServer));
            _app = null;
            ServerLog.Restarting(_settings.Logger, ApiUrl, downtime);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            if (downtime > TimeSpan.Zero)
            {
                await Task.Delay(downtime, cancellationToken).ConfigureAwait(false);
            }

            _app = await StartListeningAsync(_settings, _engine, ApiUrl.Port, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _restarts);
            ServerLog.Listening(_settings.Logger, ApiUrl);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Registers or replaces task definitions, as <c>POST /api/metadata/taskdefs</c> does.</summary>
    /// <exception cref="ArgumentException">A definition breaks one of the server's constraints.</exception>
    public void RegisterTaskDefs(params IReadOnlyList<TaskDef> taskDefs) =>
        InProcess(() => _engine.RegisterTaskDefs(taskDefs));

    /// <summary>Registers or replaces a workflow definition, as <c>PUT /api/metadata/workflow</c> does.</summary>
    /// <exception cref="ArgumentException">The definition breaks one of the server's constraints.</exception>
    public void RegisterWorkflowDef(WorkflowDef workflowDef) =>
        InProcess(() => _engine.UpsertWorkflowDefs([workflowDef]));

    /// <summary>Starts a workflow by name (the highest version unless one is given) and returns its id.</summary>
    /// <exception cref="ArgumentException">No such workflow definition.</exception>
    public string StartWorkflow(string name, JsonObject? input = null, int? version = null, string? correlationId = null, IReadOnlyDictionary<string, string>? taskToDomain = null)
    {
        var definition = _engine.FindWorkflowDef(name, version)
            ?? throw new ArgumentException($"No such workflow defined. name={name}, version={ConductorNames.Version(version)}", nameof(name));
        var domains = taskToDomain?.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return InProcess(() => _engine.StartWorkflow(definition, input, correlationId, priority: 0, domains));
    }

    /// <summary>A snapshot of a workflow run with its tasks; null when there is no such run.</summary>
    public WorkflowExecution? GetWorkflow(string workflowId) => _engine.GetWorkflow(workflowId);

    /// <summary>A snapshot of one task attempt; null when there is no such task.</summary>
    public TaskExecution? GetTask(string taskId) => _engine.GetTask(taskId);

    /// <summary>The execution log of a task, oldest line first.</summary>
    public IReadOnlyList<TaskExecutionLog> GetTaskLogs(string taskId) => _engine.GetTaskLogs(taskId);

    /// <summary>How many tasks wait in the queue of a task type (and domain), delayed ones included.</summary>
    public int GetQueueSize(string taskType, string? domain = null) => _engine.GetQueueSize(taskType, domain);

    /// <summary>
    /// Waits until the workflow reaches a terminal status (COMPLETED, FAILED, TIMED_OUT,
    /// TERMINATED) and returns it with its tasks.
    /// </summary>
    /// <exception cref="ArgumentException">There is no such workflow run.</exception>
    /// <exception cref="TimeoutException">The workflow was still running after <paramref name="timeout"/>; the message says where it stood.</exception>
    public async Task<WorkflowExecution> WaitForWorkflowAsync(string workflowId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var ended = _engine.WorkflowEnded(workflowId)
            ?? throw new ArgumentException($"No such workflow found by id: {workflowId}", nameof(workflowId));
        try
        {
            await ended.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Workflow {workflowId} did not end within {timeout}: {Describe(_engine.GetWorkflow(workflowId))}");
        }

        return _engine.GetWorkflow(workflowId)!;
    }

    /// <summary>Stops the server; long polls in flight end at once with no work.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_app is { } app)
            {
                _app = null;
                await app.StopAsync().ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }

            _engine.Dispose();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Builds the web application over the engine and starts it on the port. A port just
    /// released by a restart can take a moment to become free again, so binding is retried.
    /// </summary>
    private static async Task<WebApplication> StartListeningAsync(ServerSettings settings, ConductorEngine engine, int port, CancellationToken cancellationToken)
    {
        var bindDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var app = Build(settings, engine, port);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                return app;
            }
            catch (IOException) when (port != 0 && DateTime.UtcNow < bindDeadline)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static WebApplication Build(ServerSettings settings, ConductorEngine engine, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // The host application's appsettings and environment (a Kestrel section, URLs, logging
        // levels) are not meant for this server: it runs on its own settings only.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(settings.LoggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default));

        var app = builder.Build();
        var authEndpoints = new AuthEndpoints(settings.Auth, settings.Clock);

        // The web page comes first, out of reach of faults and tokens; then faults, as a flaky
        // network or proxy would; then the token check; then the routes with the real server's
        // error bodies.
        app.Use(new TestServerPage(engine).HandleAsync);
        app.Use(new FaultInjection(settings.Faults, settings.RequestCounts, settings.Clock, settings.Logger).HandleAsync);
        app.Use(authEndpoints.CheckTokenAsync);
        app.Use(new ErrorResponses(settings.Logger).HandleAsync);
        authEndpoints.Map(app);
        new MetadataEndpoints(engine).Map(app);
        new WorkflowEndpoints(engine).Map(app);
        new WorkflowManagementEndpoints(engine, app.Lifetime.ApplicationStopping).Map(app);
        new TaskManagementEndpoints(engine, app.Lifetime.ApplicationStopping).Map(app);
        new TaskEndpoints(engine, settings.Compatibility, app.Lifetime.ApplicationStopping).Map(app);
        new PayloadStorageEndpoints(engine.PayloadStorage).Map(app);
        return app;
    }

    private static string Describe(WorkflowExecution? workflow) =>
        workflow is null
            ? "unknown"
            : $"{ConductorNames.Of(workflow.Status)}, tasks: " + string.Join(
                ", ",
                workflow.Tasks.Select(task => $"{task.ReferenceTaskName}#{task.RetryCount} {ConductorNames.Of(task.Status)} (polled {task.PollCount}x)"));

    private static void InProcess(Action action) => InProcess(() =>
    {
        action();
        return true;
    });

    /// <summary>Turns the server's refusal into the exception a .NET caller expects.</summary>
    private static T InProcess<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ConductorApiException exception)
        {
            var details = exception.ValidationErrors is { Count: > 0 } errors
                ? ": " + string.Join("; ", errors.Select(error => $"{error.Path}: {error.Message}"))
                : "";
            throw new ArgumentException(exception.Message + details, exception);
        }
    }

    /// <summary>What the server is made of beside its engine, kept across restarts.</summary>
    private sealed record ServerSettings(
        TimeProvider Clock,
        ILoggerFactory LoggerFactory,
        ILogger Logger,
        ServerCompatibility Compatibility,
        TestServerAuth Auth,
        ServerFaults Faults,
        RequestCounts RequestCounts);
}
