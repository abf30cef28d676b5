namespace Conductor.Generated.Tests.Runtime.Infrastructure;

/// <summary>A fake server, a capturing logger and a worker host wired together; disposing stops them.</summary>
internal sealed class WorkerHostFixture : IAsyncDisposable
{
    private WorkerHostFixture(FakeConductorServer server, ConductorWorkerHost host, CapturingLoggerFactory logs)
    {
        Server = server;
        Host = host;
        Logs = logs;
    }

    public FakeConductorServer Server { get; }

    public ConductorWorkerHost Host { get; }

    public CapturingLoggerFactory Logs { get; }

    /// <summary>Starts a fake server, lets <paramref name="prepareServer"/> set it up, then starts a host for <paramref name="workers"/>.</summary>
    public static async Task<WorkerHostFixture> StartAsync(
        IEnumerable<WorkerDefinition> workers,
        Action<FakeConductorServer>? prepareServer = null,
        Action<ConductorWorkerOptions>? configure = null,
        FakeConductorServer? server = null)
    {
        server ??= await FakeConductorServer.StartAsync();
        prepareServer?.Invoke(server);
        var options = new ConductorWorkerOptions
        {
            ServerUrl = server.ApiUrl,
            WorkerId = "test-worker",
            InitialRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        var logs = new CapturingLoggerFactory();
        var host = new ConductorWorkerHost(options, workers, logs);
        await host.StartAsync(CancellationToken.None);
        return new WorkerHostFixture(server, host, logs);
    }

    /// <summary>A worker of <paramref name="taskName"/> with a fast poll loop for tests.</summary>
    public static WorkerDefinition Worker(string taskName, WorkerInvoker invoker, int concurrency = 1) =>
        new(taskName, invoker, new WorkerSettings
        {
            Concurrency = concurrency,
            PollInterval = TimeSpan.FromMilliseconds(10),
            PollTimeout = TimeSpan.FromMilliseconds(200),
        });

    public static WorkerResult Output(string json) => WorkerResult.Completed(System.Text.Encoding.UTF8.GetBytes(json));

    public Task WaitForUpdateAsync(string taskId, string? status = null) =>
        Eventually.TrueAsync(
            () => Server.UpdatesOf(taskId).Any(update => status is null || update.Status == status),
            $"a result {status} for task {taskId}");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
    }
}
