using System.Net;
using System.Text.Json;
using Conductor.Generated.Testing;
using Conductor.Generated.Tests.Runtime.Infrastructure;

namespace Conductor.Generated.Tests.TaskDefinitions;

/// <summary><see cref="ConductorWorkerOptions.RegisterTaskDefinitions"/>: the host registers its workers' generated definitions before it polls.</summary>
public sealed class HostRegistersTaskDefinitionsTests
{
    private const string PollRoute = "GET /api/tasks/poll/batch/{taskType}";
    private const int RegisteredEvent = 41;
    private const int FailedEvent = 42;
    private const int RefusedEvent = 43;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task When_asked_the_host_registers_the_generated_definitions_before_its_first_poll()
    {
        await using var server = await ConductorTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.ApiUrl };
        using var logs = new CapturingLoggerFactory();
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "registering-worker", RegisterTaskDefinitions = true };
        await using var host = new ConductorWorkerHost(options, [ConductorWorkers.SendParcel, ConductorWorkers.Plain], logs);

        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => server.GetRequestCount(PollRoute) > 0, "the first poll", Generous);

        // Registered before polling: by the first poll, both definitions are on the server.
        using var parcel = JsonDocument.Parse(await http.GetStringAsync("metadata/taskdefs/taskdef_send_parcel"));
        Assert.Equal(4, parcel.RootElement.GetProperty("retryCount").GetInt32());
        Assert.Equal(60, parcel.RootElement.GetProperty("responseTimeoutSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("metadata/taskdefs/taskdef_plain")).StatusCode);
        var registered = Assert.Single(logs.WithEventId(RegisteredEvent));
        Assert.Contains("taskdef_send_parcel, taskdef_plain", registered.Message, StringComparison.Ordinal);
    }

    // A transient answer (500, "retryable": true) is logged and tried again after a backoff
    // (ConductorWorkerHost.RegisterWithRetriesAsync, shared with the workflow files).
    [Fact]
    public async Task A_registration_the_server_answers_with_a_transient_error_is_tried_again_before_polling()
    {
        const string Route = "POST /api/metadata/taskdefs";
        await using var server = await ConductorTestServer.StartAsync();
        server.Faults.SetErrorRate(Route, 1);
        using var http = new HttpClient { BaseAddress = server.ApiUrl };
        using var logs = new CapturingLoggerFactory();
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "retrying-worker", RegisterTaskDefinitions = true };
        await using var host = new ConductorWorkerHost(options, [ConductorWorkers.Plain], logs);

        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => logs.WithEventId(FailedEvent).Count > 0, "a failed attempt", Generous);
        Assert.Equal(0, server.GetRequestCount(PollRoute));
        server.Faults.SetErrorRate(Route, 0);
        await Eventually.TrueAsync(() => server.GetRequestCount(PollRoute) > 0, "the first poll", Generous);

        Assert.Single(logs.WithEventId(RegisteredEvent));
        Assert.Contains("(attempt 1)", logs.WithEventId(FailedEvent)[0].Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("metadata/taskdefs/taskdef_plain")).StatusCode);
    }

    [Fact]
    public async Task By_default_the_host_registers_nothing()
    {
        await using var server = await ConductorTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.ApiUrl };
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "plain-worker" };
        await using var host = new ConductorWorkerHost(options, [ConductorWorkers.Plain]);

        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => server.GetRequestCount(PollRoute) > 0, "the first poll", Generous);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("metadata/taskdefs/taskdef_plain")).StatusCode);
    }

    [Fact]
    public async Task Definitions_the_server_refuses_are_logged_as_an_error_and_polling_starts_anyway()
    {
        await using var server = await ConductorTestServer.StartAsync();
        using var logs = new CapturingLoggerFactory();
        // The server's rule: the response timeout may not exceed the task's timeout.
        var invalid = new WorkerDefinition(ConductorWorkers.Plain.TaskName, ConductorWorkers.Plain.Invoker)
        {
            TaskDefinitionJson = """{"name":"taskdef_plain","ownerEmail":"owner@example.com","timeoutSeconds":10,"responseTimeoutSeconds":100}""",
        };
        var options = new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "refused-worker", RegisterTaskDefinitions = true };
        await using var host = new ConductorWorkerHost(options, [invalid], logs);

        await host.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => server.GetRequestCount(PollRoute) > 0, "the first poll after the refusal", Generous);

        var refused = Assert.Single(logs.WithEventId(RefusedEvent));
        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
        Assert.Empty(logs.WithEventId(RegisteredEvent));
    }
}
