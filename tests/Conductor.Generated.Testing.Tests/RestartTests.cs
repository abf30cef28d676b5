using System.Net;
using System.Net.Sockets;

namespace Conductor.Generated.Testing.Tests;

/// <summary>Restarting the server on the same port, with every piece of state kept.</summary>
public sealed class RestartTests : ServerTestBase
{
    [Fact]
    public async Task A_restart_keeps_workflows_tasks_and_queues_on_the_same_url()
    {
        RegisterSequence("survivor", "before", "after");
        var workflowId = Server.StartWorkflow("survivor");
        var first = await PollTaskAsync("before");
        var apiUrl = Server.ApiUrl;

        await Server.RestartAsync();

        Assert.Equal(apiUrl, Server.ApiUrl);
        Assert.Equal(1, Server.Restarts);
        using var client = new HttpClient { BaseAddress = Server.ApiUrl, Timeout = Patience };
        using var report = await client.PostAsync("tasks", Json($$"""
            { "workflowInstanceId": "{{workflowId}}", "taskId": "{{first["taskId"]}}", "status": "COMPLETED" }
            """));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(1, Server.GetQueueSize("after"));
    }

    [Fact]
    public async Task Connections_are_refused_during_the_downtime()
    {
        var restart = Server.RestartAsync(TimeSpan.FromSeconds(3));

        // Each attempt on a new connection, so that no pooled connection hides the refusal.
        var refused = false;
        var deadline = DateTime.UtcNow + Patience;
        while (!refused && !restart.IsCompleted && DateTime.UtcNow < deadline)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Server.ApiUrl.Port);
                await Task.Delay(20);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
            {
                refused = true;
            }
        }

        await restart;
        Assert.True(refused, "no connection was refused while the server was down");
        using var client = new HttpClient { BaseAddress = Server.ApiUrl, Timeout = Patience };
        using var response = await client.GetAsync("metadata/taskdefs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_long_poll_in_flight_ends_when_the_server_restarts()
    {
        var poll = Http.GetAsync("tasks/poll/batch/quiet?count=1&timeout=5000");
        await Task.Delay(200);

        await Server.RestartAsync();

        try
        {
            using var response = await poll.WaitAsync(Patience);
            Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            // Also fine: the connection closed before the empty answer was read.
        }
    }

    [Fact]
    public async Task A_disposed_server_cannot_restart()
    {
        await Server.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Server.RestartAsync());
    }
}
