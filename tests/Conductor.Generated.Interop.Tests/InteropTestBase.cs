using System.Text.Json.Nodes;
using Conductor.Generated.Interop.Tests.JavaScriptWorker;
using Conductor.Generated.Interop.Tests.ServerTraffic;
using Conductor.Generated.Testing;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Interop.Tests;

/// <summary>
/// A test server on 127.0.0.1 that records the requests it answers, the generated
/// <c>interop_*</c> workers running in a <see cref="ConductorWorkerHost"/>, and, once a test
/// asks for it, the JavaScript SDK worker of js/worker.js polling the <c>js_*</c> tasks.
/// </summary>
public abstract class InteropTestBase(ServerCompatibility compatibility) : IAsyncLifetime
{
    protected const string JavaScriptWorkerId = "js-interop-worker";
    protected const string DotNetWorkerId = "dotnet-interop-worker";

    protected static readonly TimeSpan WorkflowTimeout = TimeSpan.FromSeconds(60);

    private ILoggerFactory _serverLoggerFactory = null!;
    private ConductorWorkerHost _host = null!;

    internal ServerRequestLog RequestLog { get; } = new();

    protected ConductorTestServer Server { get; private set; } = null!;

    internal JavaScriptWorkerProcess? JavaScriptWorker { get; private set; }

    public async Task InitializeAsync()
    {
        _serverLoggerFactory = LoggerFactory.Create(logging => logging.AddProvider(RequestLog));
        Server = await ConductorTestServer.StartAsync(new ConductorTestServerOptions { LoggerFactory = _serverLoggerFactory, Compatibility = compatibility });
        var workers = ConductorWorkers.All.Where(worker => worker.TaskName.StartsWith(InteropWorkers.Prefix, StringComparison.Ordinal));
        _host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = Server.ApiUrl, WorkerId = DotNetWorkerId }, workers);
        await _host.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (JavaScriptWorker is not null)
        {
            await JavaScriptWorker.DisposeAsync();
        }

        await _host.DisposeAsync();
        await Server.DisposeAsync();
        _serverLoggerFactory.Dispose();
    }

    /// <summary>js_echo, then the generated interop_shout on its output, then js_sign on that.</summary>
    protected void RegisterChainWorkflow()
    {
        RegisterTaskDefs("js_echo", "interop_shout", "js_sign");
        var workflow = Workflow(
            "interop_chain",
            Simple("js_echo", "jsref", new JsonObject { ["text"] = "${workflow.input.text}" }),
            Simple("interop_shout", "netref", new JsonObject { ["text"] = "${jsref.output.echoed}", ["words"] = "${jsref.output.words}" }),
            Simple("js_sign", "signref", new JsonObject { ["message"] = "${netref.output.message}" }));
        workflow.OutputParameters = new JsonObject { ["result"] = "${signref.output.signed}", ["words"] = "${netref.output.wordCount}" };
        Server.RegisterWorkflowDef(workflow);
    }

    protected async Task StartJavaScriptWorkerAsync() =>
        JavaScriptWorker = await JavaScriptWorkerProcess.StartAsync(Server.ApiUrl, JavaScriptWorkerId);

    /// <summary>"application/json" of "application/json; charset=utf-8"; "(none)" for no content type.</summary>
    protected static string MediaType(string? contentType) => contentType?.Split(';')[0].Trim() ?? "(none)";

    /// <summary>Waits for the workflow; if it does not finish, the JavaScript worker's output says why.</summary>
    protected async Task<WorkflowExecution> RunAsync(string workflowId)
    {
        try
        {
            return await Server.WaitForWorkflowAsync(workflowId, WorkflowTimeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}\nThe JavaScript worker printed:\n{JavaScriptWorker?.Output}", exception);
        }
    }

    protected void RegisterTaskDefs(params string[] names) =>
        RegisterTaskDefs([.. names.Select(name => new TaskDef
        {
            Name = name,
            RetryCount = 1,
            RetryDelaySeconds = 0,
            ResponseTimeoutSeconds = 30,
            OwnerEmail = "tests@example.com",
        })]);

    protected void RegisterTaskDefs(params TaskDef[] taskDefs) => Server.RegisterTaskDefs(taskDefs);

    protected static WorkflowDef Workflow(string name, params WorkflowTask[] tasks) => new()
    {
        Name = name,
        Version = 1,
        Tasks = [.. tasks],
        OwnerEmail = "tests@example.com",
    };

    protected static WorkflowTask Simple(string taskName, string referenceName, JsonObject input) => new()
    {
        Name = taskName,
        TaskReferenceName = referenceName,
        InputParameters = input,
    };
}
